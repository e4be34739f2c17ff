package dev.beacon.incident.maintenance;

import java.util.UUID;

/** No such maintenance, or none the caller may see: the two answer alike. */
public class MaintenanceNotFoundException extends RuntimeException {

	public MaintenanceNotFoundException(UUID maintenanceId) {
		super("No maintenance " + maintenanceId);
	}

}
