package dev.beacon.notifier.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Where deliveries are kept; every change of state is one guarded statement. */
public interface Deliveries {

	/**
	 * Adds a pending delivery of {@code payload} for every confirmed subscriber of the
	 * application reached through one of {@code channels} whose components are empty or
	 * intersect {@code componentIds}. Repeating it for the same event adds nothing
	 * (dedupe key: event, subscriber, channel). Emits how many rows were added.
	 */
	Mono<Long> fanOut(UUID applicationId, List<UUID> componentIds, List<String> channels, UUID eventId,
			String eventType, String payload);

	/** Adds one pending delivery to one subscriber (a confirmation mail). */
	Mono<Void> add(UUID applicationId, UUID subscriberId, String channel, UUID eventId, String eventType,
			String payload);

	/**
	 * Claims up to {@code limit} due deliveries: counts the attempt and moves their next
	 * attempt {@code lease} ahead, so no other worker takes them meanwhile (or until the
	 * lease runs out, if this one dies).
	 */
	Flux<ClaimedDelivery> claimDue(int limit, Duration lease, UUID claimToken);

	Mono<Void> delivered(ClaimedDelivery delivery, Integer httpStatus);

	Mono<Void> retryLater(ClaimedDelivery delivery, Duration delay, Integer httpStatus, String error);

	/**
	 * Gives the claim back without counting its attempt (the target was busy or its
	 * circuit open); due again after {@code delay}. A non-null {@code error} is kept as
	 * the last error.
	 */
	Mono<Void> postpone(ClaimedDelivery delivery, Duration delay, String error);

	Mono<Void> failed(ClaimedDelivery delivery, Integer httpStatus, String error);

	/**
	 * Deletes up to {@code batch} deliveries delivered longer than {@code olderThan} ago;
	 * emits how many.
	 */
	Mono<Long> purgeDelivered(Duration olderThan, int batch);

	/** The application's newest deliveries first. */
	Flux<Delivery> recent(UUID applicationId, int limit);

	/**
	 * How long until the earliest pending delivery is due (a retry, a postponed one, or a
	 * claim whose lease runs out), by the database's clock; zero when one is due now,
	 * empty when none is pending.
	 */
	Mono<Duration> untilNextDue();

	/** How many deliveries are pending, in every application. */
	Mono<Long> countPending();

	/**
	 * Deletes every delivery of a deleted application, and the incident timelines and
	 * component statuses kept for its notifications.
	 */
	Mono<Void> forgetApplication(UUID applicationId);

	/**
	 * Keeps one entry of an incident's timeline (once) and emits the whole timeline,
	 * newest first.
	 */
	Flux<TimelineEntry> recordTimeline(UUID applicationId, UUID incidentId, TimelineEntry entry);

	/** One entry of an incident's timeline. */
	record TimelineEntry(UUID id, String status, String body, Instant createdAt) {
	}

}
