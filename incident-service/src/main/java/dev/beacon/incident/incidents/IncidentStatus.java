package dev.beacon.incident.incidents;

import java.util.Locale;

/** Where an incident stands, in the order it normally moves through. */
public enum IncidentStatus {

	INVESTIGATING, IDENTIFIED, MONITORING, RESOLVED;

	/** The lowercase name used in the API, the database and events. */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The status named {@code value} (lowercase, as {@link #value()} writes it). */
	public static IncidentStatus of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

	boolean isBefore(IncidentStatus other) {
		return compareTo(other) < 0;
	}

}
