package dev.beacon.notifier.delivery;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Where deliveries are kept; every change of state is one guarded statement. */
public interface Deliveries {

	/**
	 * Adds a pending delivery of {@code payload} for every subscriber of the application
	 * whose components are empty or intersect {@code componentIds}. Repeating it for the
	 * same event adds nothing (dedupe key: event, subscriber, channel). Emits how many
	 * rows were added.
	 */
	Mono<Long> fanOut(UUID applicationId, List<UUID> componentIds, UUID eventId, String eventType, String payload);

	/**
	 * Claims up to {@code limit} due deliveries: counts the attempt and moves their next
	 * attempt {@code lease} ahead, so no other worker takes them meanwhile (or until the
	 * lease runs out, if this one dies).
	 */
	Flux<ClaimedDelivery> claimDue(int limit, Duration lease, UUID claimToken);

	Mono<Void> delivered(ClaimedDelivery delivery, Integer httpStatus);

	Mono<Void> retryLater(ClaimedDelivery delivery, Duration delay, Integer httpStatus, String error);

	Mono<Void> failed(ClaimedDelivery delivery, Integer httpStatus, String error);

	/**
	 * Deletes up to {@code batch} deliveries delivered longer than {@code olderThan} ago;
	 * emits how many.
	 */
	Mono<Long> purgeDelivered(Duration olderThan, int batch);

	/** The application's newest deliveries first. */
	Flux<Delivery> recent(UUID applicationId, int limit);

}
