package dev.beacon.statusapi.status;

import java.util.List;
import java.util.UUID;

import dev.beacon.events.MaintenanceChanged;
import reactor.core.publisher.Mono;

/** The maintenance windows this service knows of, from incident-service's events. */
public interface MaintenanceWindows {

	/**
	 * Keeps the snapshot unless a newer version is kept; emits the components of the
	 * version it replaced (none for a new window), or nothing when it kept the newer one.
	 */
	Mono<List<UUID>> keep(MaintenanceChanged.Maintenance maintenance);

	/** Whether a window in progress or verifying covers the component. */
	Mono<Boolean> covers(UUID componentId);

}
