package dev.beacon.notifier.delivery;

import java.time.Instant;
import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * The last status of each component that subscribers were told about, in Statuspage's
 * vocabulary: what a {@code component_update}'s {@code old_status} is, and what makes a
 * repeated or stale status change send nothing.
 */
public interface ComponentStatuses {

	/**
	 * The component's last status told, locked until the transaction ends (status changes
	 * of one component are handled one at a time, but a redelivery may race).
	 */
	Mono<Told> find(UUID componentId);

	/** Keeps this as the component's last status told. */
	Mono<Void> save(UUID applicationId, UUID componentId, Told told);

	/**
	 * A status told to subscribers.
	 *
	 * @param status in Statuspage's vocabulary ({@code major_outage}, …)
	 * @param changedAt when the component took this status
	 * @param version grows with every update sent ({@code meta.version})
	 */
	record Told(String status, Instant changedAt, long version) {
	}

}
