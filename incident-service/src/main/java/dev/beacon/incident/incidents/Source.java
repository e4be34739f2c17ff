package dev.beacon.incident.incidents;

import java.util.Locale;

/**
 * Who opened an incident: the service from status changes, or a person through the API.
 */
public enum Source {

	DETECTED, DECLARED;

	/** The lowercase name used in the API and the database. */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Source of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
