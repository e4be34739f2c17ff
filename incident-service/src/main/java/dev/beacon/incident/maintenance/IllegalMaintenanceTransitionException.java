package dev.beacon.incident.maintenance;

import java.util.UUID;

/** A change the maintenance's current status does not allow; names that status. */
public class IllegalMaintenanceTransitionException extends RuntimeException {

	private final MaintenanceStatus current;

	IllegalMaintenanceTransitionException(UUID maintenanceId, MaintenanceStatus current, String refusal) {
		super("Maintenance " + maintenanceId + " is " + current.value() + " and " + refusal);
		this.current = current;
	}

	public MaintenanceStatus current() {
		return this.current;
	}

}
