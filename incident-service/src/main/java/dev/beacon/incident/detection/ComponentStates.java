package dev.beacon.incident.detection;

import java.util.Map;
import java.util.UUID;

import dev.beacon.events.ComponentStatus;
import dev.beacon.events.ComponentStatusChanged;
import reactor.core.publisher.Mono;

/** The latest known status of every component, kept from status-change events. */
public interface ComponentStates {

	/**
	 * Serializes the handling of one application's status changes until the transaction
	 * ends, so that two components changing at once cannot both open an incident or race
	 * a resolution.
	 */
	Mono<Void> lockApplication(UUID applicationId);

	/**
	 * Records the change as the component's latest status. Emits false, and records
	 * nothing, when a newer status is already known (events of one component can arrive
	 * out of order after a redelivery).
	 */
	Mono<Boolean> record(ComponentStatusChanged change);

	/** The latest status of each of the application's components. */
	Mono<Map<UUID, ComponentStatus>> statusesOf(UUID applicationId);

}
