package dev.beacon.incident.detection;

import java.util.Set;
import java.util.UUID;

import reactor.core.publisher.Mono;

/** Which components are under maintenance now: detection leaves them alone. */
public interface MaintenanceWindows {

	/** The application's components in a maintenance that is in progress or verifying. */
	Mono<Set<UUID>> componentsUnderMaintenance(UUID applicationId);

}
