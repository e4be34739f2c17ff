package dev.beacon.incident.detection;

import java.util.List;
import java.util.UUID;

import dev.beacon.events.ComponentStatusChanged;
import reactor.core.publisher.Mono;

/** The latest known status of every component, kept from status-change events. */
public interface ComponentStates {

	/**
	 * Serializes detection for one application until the transaction ends, so that two
	 * components changing at once cannot both open an incident or race a resolution.
	 */
	Mono<Void> lockApplication(UUID applicationId);

	/**
	 * Like {@link #lockApplication} but gives up at once: emits false when another
	 * transaction holds the lock.
	 */
	Mono<Boolean> tryLockApplication(UUID applicationId);

	/**
	 * Records the change as the component's latest status, as its last known status
	 * unless it is {@code unknown}, and keeps since when it has been failing. Emits
	 * false, and records nothing, when a newer status is already known (events of one
	 * component can arrive out of order after a redelivery).
	 */
	Mono<Boolean> record(ComponentStatusChanged change);

	/** What is known of each of the application's components. */
	Mono<List<ComponentState>> statesOf(UUID applicationId);

}
