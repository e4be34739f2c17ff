package dev.beacon.incident.maintenance;

import java.util.Locale;

/** Where a scheduled maintenance stands, in the order it moves through (Statuspage's). */
public enum MaintenanceStatus {

	SCHEDULED, IN_PROGRESS, VERIFYING, COMPLETED;

	/** The lowercase name used in the API, the database and events. */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static MaintenanceStatus of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

	/** Whether its components are under maintenance in this status. */
	public boolean isActive() {
		return this == IN_PROGRESS || this == VERIFYING;
	}

}
