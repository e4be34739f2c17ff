package dev.beacon.gateway.html;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;

/** The words and numbers the page shows for statuses, times and durations. */
final class Wording {

	static final Set<String> STATUSES = Set.of("operational", "degraded", "outage", "maintenance", "unknown");

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d, HH:mm zzz", Locale.ENGLISH);

	private Wording() {
	}

	/** A known status, or {@code unknown}: CSS classes are made from it. */
	static String status(String status) {
		String lower = (status != null) ? status.toLowerCase(Locale.ROOT) : "unknown";
		return STATUSES.contains(lower) ? lower : "unknown";
	}

	static String statusLabel(String status, String degradation) {
		return switch (status(status)) {
			case "operational" -> "Operational";
			case "degraded" -> switch ((degradation != null) ? degradation : "") {
				case "performance" -> "Degraded performance";
				case "partial" -> "Partially degraded";
				default -> "Degraded";
			};
			case "outage" -> "Outage";
			case "maintenance" -> "Under maintenance";
			default -> "No data";
		};
	}

	static String overallLabel(String status) {
		return switch (status(status)) {
			case "operational" -> "All Systems Operational";
			case "degraded" -> "Partially Degraded";
			case "outage" -> "Partial Outage";
			case "maintenance" -> "Under Maintenance";
			default -> "Status Unknown";
		};
	}

	static String incidentStatus(String status) {
		if (status == null) {
			return "Update";
		}
		return switch (status) {
			case "investigating" -> "Investigating";
			case "identified" -> "Identified";
			case "monitoring" -> "Monitoring";
			case "resolved" -> "Resolved";
			case "scheduled" -> "Scheduled";
			case "in_progress" -> "In progress";
			case "verifying" -> "Verifying";
			case "completed" -> "Completed";
			case "postmortem" -> "Postmortem";
			default -> capitalize(status.replace('_', ' '));
		};
	}

	static String impact(String impact) {
		return switch ((impact != null) ? impact : "") {
			case "minor", "major", "critical" -> impact;
			default -> "none";
		};
	}

	static ZoneId zone(String zone) {
		if (zone == null) {
			return ZoneOffset.UTC;
		}
		try {
			return ZoneId.of(zone);
		}
		catch (DateTimeException ex) {
			return ZoneOffset.UTC;
		}
	}

	static String time(Instant instant, ZoneId zone) {
		return (instant != null) ? TIME.format(instant.atZone(zone)) : null;
	}

	/**
	 * How long a component has been so, exact to the minute: the components are rendered
	 * once a minute.
	 */
	static String lasting(Duration duration) {
		return (duration.toSeconds() < 60) ? "under a minute" : duration(duration);
	}

	/** "12 s", "4 min", "3 h 12 min", "2 d 4 h": how long something has been so. */
	static String duration(Duration duration) {
		long seconds = Math.max(0, duration.toSeconds());
		if (seconds < 60) {
			return seconds + " s";
		}
		long minutes = seconds / 60;
		if (minutes < 60) {
			return minutes + " min";
		}
		long hours = minutes / 60;
		if (hours < 24) {
			return (minutes % 60 == 0) ? hours + " h" : hours + " h " + (minutes % 60) + " min";
		}
		long days = hours / 24;
		return (hours % 24 == 0) ? days + " d" : days + " d " + (hours % 24) + " h";
	}

	static String percent(Double value) {
		if (value == null) {
			return "–";
		}
		if (value >= 100.0) {
			return "100%";
		}
		// never round 99.996 up to a perfect 100%; hand-made, String.format is slow at
		// thousands a page
		long hundredths = (long) Math.floor(Math.max(0, value) * 100);
		long fraction = hundredths % 100;
		return (hundredths / 100) + ((fraction < 10) ? ".0" : ".") + fraction + "%";
	}

	static String millis(double millis) {
		if (millis >= 1000) {
			return Svg.number(millis / 1000) + " s";
		}
		return Math.round(millis) + " ms";
	}

	private static String capitalize(String text) {
		return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

}
