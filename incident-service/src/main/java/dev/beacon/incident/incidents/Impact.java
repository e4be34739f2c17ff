package dev.beacon.incident.incidents;

import java.util.Locale;

/** How badly an incident affects users, from least to worst (Statuspage's vocabulary). */
public enum Impact {

	NONE, MINOR, MAJOR, CRITICAL;

	/** The lowercase name used in the API, the database and events. */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The impact named {@code value} (lowercase, as {@link #value()} writes it). */
	public static Impact of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

	boolean isWorseThan(Impact other) {
		return compareTo(other) > 0;
	}

}
