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
	 * Records the change as the component's latest status, and as its last known status
	 * unless it is {@code unknown}. Emits false, and records nothing, when a newer status
	 * is already known (events of one component can arrive out of order after a
	 * redelivery).
	 */
	Mono<Boolean> record(ComponentStatusChanged change);

	/**
	 * The component's last known status: its latest other than {@code unknown}; empty
	 * when it never had one.
	 */
	Mono<ComponentStatus> knownStatus(UUID componentId);

	/**
	 * The last known status of each of the application's components ({@code unknown} only
	 * for a component that never had another).
	 */
	Mono<Map<UUID, ComponentStatus>> statusesOf(UUID applicationId);

}
