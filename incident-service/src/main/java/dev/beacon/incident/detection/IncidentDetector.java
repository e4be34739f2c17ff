package dev.beacon.incident.detection;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.beacon.events.ComponentStatus;
import dev.beacon.events.ComponentStatusChanged;
import dev.beacon.incident.incidents.Impact;
import dev.beacon.incident.incidents.Incident;

/**
 * The auto-detection rules: what one status change means for the application's open
 * detected incident. A failing component opens the incident or joins it; the incident
 * resolves once every affected component is operational. Maintenance and unknown say
 * nothing about a failure and are ignored. Unknown is a gap in a component's data, not a
 * status: components are judged by their last known status, so a component that returns
 * from unknown to the status it had before says nothing new, and one that returns to
 * operational after an outage resolves as if the gap had not been. Debounce and hold
 * periods belong here when they come: today every change acts at once.
 */
final class IncidentDetector {

	static final String RESOLVED_BODY = "All affected components are operational again.";

	private static final int MAX_TITLE = 200;

	private static final int MAX_BODY = 5000;

	/** Whether {@code status} can change an incident at all. */
	boolean concerns(ComponentStatus status) {
		return status == ComponentStatus.OUTAGE || status == ComponentStatus.DEGRADED
				|| status == ComponentStatus.OPERATIONAL;
	}

	/**
	 * Applies {@code change} to the application's open detected incident ({@code open},
	 * null when there is none), given the component's last known status before the change
	 * ({@code knownBefore}, null when it had none) and the last known status of each of
	 * the application's components (including this change). Returns the incident it
	 * opened or changed, whose recorded changes are to be saved and published.
	 */
	Optional<Incident> detect(ComponentStatusChanged change, ComponentStatus knownBefore, Incident open,
			Map<UUID, ComponentStatus> statuses, Instant now) {
		if (change.current() == knownBefore) {
			return Optional.empty();
		}
		return switch (change.current()) {
			case OUTAGE, DEGRADED -> Optional.of(failing(change, open, now));
			case OPERATIONAL -> recovered(change, open, statuses, now);
			case MAINTENANCE, UNKNOWN -> Optional.empty();
		};
	}

	private Incident failing(ComponentStatusChanged change, Incident open, Instant now) {
		Impact impact = (change.current() == ComponentStatus.OUTAGE) ? Impact.MAJOR : Impact.MINOR;
		String body = limit(describe(change), MAX_BODY);
		if (open == null) {
			String title = limit(name(change) + " is " + state(change.current()), MAX_TITLE);
			return Incident.detect(change.applicationId(), title, impact, change.componentId(), body, now);
		}
		open.affect(change.componentId(), impact, body, now);
		return open;
	}

	private Optional<Incident> recovered(ComponentStatusChanged change, Incident open,
			Map<UUID, ComponentStatus> statuses, Instant now) {
		if (open == null || !open.affects(change.componentId())) {
			return Optional.empty();
		}
		boolean allOperational = open.componentIds()
			.stream()
			.allMatch((componentId) -> statuses.get(componentId) == ComponentStatus.OPERATIONAL);
		if (allOperational) {
			open.resolve(RESOLVED_BODY, now);
		}
		else {
			// the timeline shows the partial recovery; the incident stays as it stands
			open.addUpdate(open.status(), name(change) + " is operational again.", null, now);
		}
		return Optional.of(open);
	}

	private static String describe(ComponentStatusChanged change) {
		String reason = change.reason();
		return name(change) + " is " + state(change.current())
				+ ((reason != null && !reason.isBlank()) ? ": " + reason.strip() : ".");
	}

	private static String state(ComponentStatus status) {
		return (status == ComponentStatus.OUTAGE) ? "down" : "degraded";
	}

	private static String name(ComponentStatusChanged change) {
		String name = change.componentName();
		return (name != null && !name.isBlank()) ? name.strip() : "Component " + change.componentId();
	}

	private static String limit(String text, int length) {
		return (text.length() <= length) ? text : text.substring(0, length - 1) + "…";
	}

}
