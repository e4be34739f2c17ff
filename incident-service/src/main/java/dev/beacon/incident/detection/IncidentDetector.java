package dev.beacon.incident.detection;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.beacon.events.ComponentStatus;
import dev.beacon.incident.detection.DetectionTimers.Timer;
import dev.beacon.incident.incidents.Impact;
import dev.beacon.incident.incidents.Incident;
import dev.beacon.incident.incidents.IncidentStatus;

/**
 * The auto-detection rules, as a function of what is stored: the application's component
 * states, the components under maintenance, its open detected incident and its timers.
 * Deciding from state rather than from the one change that arrived makes the rules the
 * same whether a status change or a timer woke detection, and makes deciding twice
 * harmless.
 * <ul>
 * <li>A component is <em>failing</em> when its last known status is degraded or outage
 * (unknown is a gap in the data, not a status) and it is not under maintenance.</li>
 * <li>It is <em>confirmed</em> once it has been failing for its status's debounce, and
 * its latest status is not unknown; a component the open incident already affects is
 * confirmed at once (a relapse re-joins).</li>
 * <li>Confirmed components open the application's one detected incident or join it; every
 * change of what the incident shows adds an update saying it in a sentence; the impact
 * rises to the worst seen.</li>
 * <li>When no affected component is failing the incident moves to monitoring; it resolves
 * once the hold has passed without a failure, and a failure within the hold sends it back
 * to investigating — so flapping makes one incident.</li>
 * <li>An affected component whose data stayed unknown for the release period stops
 * counting (shown {@code unknown}), so no data blocks no resolution forever.</li>
 * </ul>
 */
final class IncidentDetector {

	private static final int MAX_TITLE = 200;

	private static final int MAX_BODY = 5000;

	private final DetectionProperties properties;

	IncidentDetector(DetectionProperties properties) {
		this.properties = properties;
	}

	/** What detection sees of one application at {@code now}. */
	record Situation(UUID applicationId, List<ComponentState> components, Set<UUID> underMaintenance, Incident open,
			Timer timer, Instant now) {
	}

	/**
	 * The incident opened or changed (its recorded changes are to be saved and
	 * published), and the timers to keep.
	 */
	record Outcome(Optional<Incident> incident, Timer timer) {
	}

	Outcome decide(Situation situation) {
		return new Decision(situation).decide();
	}

	private final class Decision {

		private final Situation situation;

		private final Instant now;

		private final Map<UUID, ComponentState> states = new LinkedHashMap<>();

		Decision(Situation situation) {
			this.situation = situation;
			this.now = situation.now();
			situation.components()
				.stream()
				.sorted(Comparator.comparing(IncidentDetector::failureStart))
				.forEach((state) -> this.states.put(state.componentId(), state));
		}

		Outcome decide() {
			Incident open = this.situation.open();
			Map<UUID, ComponentStatus> shown = new LinkedHashMap<>();
			if (open != null) {
				open.componentIds().forEach((id) -> shown.put(id, show(id, open.components().get(id))));
			}
			this.states.keySet()
				.stream()
				.filter((id) -> !shown.containsKey(id) && confirmed(id, false))
				.forEach((id) -> shown.put(id, effective(id)));
			boolean failing = shown.keySet().stream().anyMatch(this::failing);
			Optional<Incident> changed;
			Instant holdUntil = null;
			if (open == null) {
				changed = failing ? Optional.of(open(shown)) : Optional.empty();
			}
			else if (failing) {
				IncidentStatus next = (open.status() == IncidentStatus.MONITORING) ? IncidentStatus.INVESTIGATING
						: open.status();
				boolean news = next != open.status() || !shown.equals(open.components());
				changed = news ? Optional.of(change(open, next, shown, sentence(open, shown))) : Optional.empty();
			}
			else if (open.status() != IncidentStatus.MONITORING) {
				changed = Optional.of(change(open, IncidentStatus.MONITORING, shown,
						sentence(open, shown) + " Every affected component is operational again; monitoring for "
								+ duration(IncidentDetector.this.properties.hold()) + " before resolving."));
				holdUntil = recoveredAt(shown.keySet()).plus(IncidentDetector.this.properties.hold());
			}
			else {
				holdUntil = (this.situation.timer().holdUntil() != null) ? this.situation.timer().holdUntil()
						: this.now.plus(IncidentDetector.this.properties.hold());
				if (!this.now.isBefore(holdUntil)) {
					changed = Optional.of(change(open, IncidentStatus.RESOLVED, shown,
							"Resolved: every affected component has stayed operational for "
									+ duration(IncidentDetector.this.properties.hold()) + "."));
					holdUntil = null;
				}
				else {
					changed = Optional.empty();
				}
			}
			return new Outcome(changed, new Timer(dueAt(shown, holdUntil), holdUntil));
		}

		/**
		 * When the last affected component stopped failing, by the status-change times
		 * (or the moment its unknown data was released): the hold runs from there, not
		 * from when detection heard of it, so a backlog does not lengthen it.
		 */
		private Instant recoveredAt(Set<UUID> shown) {
			return shown.stream()
				.map(this.states::get)
				.filter(Objects::nonNull)
				.map((state) -> released(state) ? releaseAt(state) : state.since())
				.filter(Objects::nonNull)
				.max(Comparator.naturalOrder())
				.filter((since) -> since.isBefore(this.now))
				.orElse(this.now);
		}

		private Incident open(Map<UUID, ComponentStatus> shown) {
			return Incident.detect(this.situation.applicationId(), limit(title(shown), MAX_TITLE), worst(shown), shown,
					limit(sentence(null, shown), MAX_BODY), this.now);
		}

		private Incident change(Incident open, IncidentStatus next, Map<UUID, ComponentStatus> shown, String body) {
			open.detected(next, shown, worst(shown), limit(body, MAX_BODY), this.now);
			return open;
		}

		/**
		 * What the incident shows for an affected component: its effective status, except
		 * that while its data is unknown (and not yet released) it keeps what was shown.
		 */
		private ComponentStatus show(UUID id, ComponentStatus before) {
			ComponentState state = this.states.get(id);
			if (state == null) {
				return before;
			}
			return effective(id);
		}

		/**
		 * The status detection judges a component by: maintenance while under it; unknown
		 * once its data stayed unknown for the release period; otherwise its last known
		 * status.
		 */
		private ComponentStatus effective(UUID id) {
			ComponentState state = this.states.get(id);
			if (this.situation.underMaintenance().contains(id)) {
				return ComponentStatus.MAINTENANCE;
			}
			if (state == null || state.known() == null || released(state)) {
				return ComponentStatus.UNKNOWN;
			}
			return state.known();
		}

		private boolean released(ComponentState state) {
			return state.status() == ComponentStatus.UNKNOWN && !this.now.isBefore(releaseAt(state));
		}

		private Instant releaseAt(ComponentState state) {
			return state.since().plus(IncidentDetector.this.properties.unknownRelease());
		}

		private boolean failing(UUID id) {
			ComponentStatus status = effective(id);
			return status == ComponentStatus.OUTAGE || status == ComponentStatus.DEGRADED;
		}

		private boolean confirmed(UUID id, boolean affected) {
			if (!failing(id)) {
				return false;
			}
			ComponentState state = this.states.get(id);
			return affected || (state.status() != ComponentStatus.UNKNOWN && !this.now.isBefore(debounceEnd(state)));
		}

		private Instant debounceEnd(ComponentState state) {
			Duration debounce = (effective(state.componentId()) == ComponentStatus.OUTAGE)
					? IncidentDetector.this.properties.outageDebounce()
					: IncidentDetector.this.properties.degradedDebounce();
			return failureStart(state).plus(debounce);
		}

		/**
		 * The earliest moment detection must look again: a debounce that ends, the hold
		 * that ends, an affected component's unknown data that is released.
		 */
		private Instant dueAt(Map<UUID, ComponentStatus> shown, Instant holdUntil) {
			List<Instant> candidates = new ArrayList<>();
			if (holdUntil != null) {
				candidates.add(holdUntil);
			}
			for (ComponentState state : this.states.values()) {
				UUID id = state.componentId();
				if (shown.containsKey(id)) {
					if (state.status() == ComponentStatus.UNKNOWN && !released(state)) {
						candidates.add(releaseAt(state));
					}
				}
				else if (failing(id) && state.status() != ComponentStatus.UNKNOWN) {
					candidates.add(debounceEnd(state));
				}
			}
			return candidates.stream().filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
		}

		/**
		 * Minor for degradation, major for an outage, critical when every component of
		 * the application (under maintenance aside) is in outage.
		 */
		private Impact worst(Map<UUID, ComponentStatus> shown) {
			if (shown.containsValue(ComponentStatus.OUTAGE)) {
				boolean all = this.states.keySet()
					.stream()
					.filter((id) -> !this.situation.underMaintenance().contains(id))
					.allMatch((id) -> effective(id) == ComponentStatus.OUTAGE);
				return all ? Impact.CRITICAL : Impact.MAJOR;
			}
			return shown.containsValue(ComponentStatus.DEGRADED) ? Impact.MINOR : Impact.NONE;
		}

		private String title(Map<UUID, ComponentStatus> shown) {
			List<String> names = shown.keySet().stream().map(this::name).toList();
			boolean allDown = !shown.containsValue(ComponentStatus.DEGRADED);
			boolean allDegraded = !shown.containsValue(ComponentStatus.OUTAGE);
			String state = allDown ? "down" : allDegraded ? "degraded" : "failing";
			if (names.size() == 1) {
				return names.get(0) + " is " + state;
			}
			return list(names) + " are " + state;
		}

		/**
		 * A sentence per affected component whose status is new or changed, or that is
		 * still failing: "Checkout API recovered; Worker still degraded (1/3 pods)."
		 */
		private String sentence(Incident open, Map<UUID, ComponentStatus> shown) {
			List<String> parts = new ArrayList<>();
			shown.forEach((id, status) -> {
				ComponentStatus before = (open != null) ? open.components().get(id) : null;
				String part = describe(id, before, status);
				if (part != null) {
					parts.add(part);
				}
			});
			return parts.isEmpty() ? "No change." : String.join("; ", parts) + ".";
		}

		private String describe(UUID id, ComponentStatus before, ComponentStatus now) {
			String name = name(id);
			if (before == now) {
				return switch (now) {
					case OUTAGE -> name + " still down" + reason(id);
					case DEGRADED -> name + " still degraded" + reason(id);
					default -> null;
				};
			}
			return switch (now) {
				case OUTAGE -> name + " is down" + reason(id);
				case DEGRADED -> name + " is degraded" + reason(id);
				case OPERATIONAL -> name + " recovered";
				case MAINTENANCE -> name + " is under maintenance";
				case UNKNOWN -> name + " sent no data for "
						+ duration(IncidentDetector.this.properties.unknownRelease()) + " and no longer counts";
			};
		}

		/** The reason of the component's latest status, when that is what it shows. */
		private String reason(UUID id) {
			ComponentState state = this.states.get(id);
			if (state == null || state.status() != state.known() || state.reason() == null
					|| state.reason().isBlank()) {
				return "";
			}
			return " (" + state.reason().strip() + ")";
		}

		private String name(UUID id) {
			ComponentState state = this.states.get(id);
			return (state != null) ? state.displayName() : "Component " + id;
		}

	}

	private static Instant failureStart(ComponentState state) {
		return (state.failingSince() != null) ? state.failingSince() : state.since();
	}

	private static String list(List<String> names) {
		if (names.size() > 3) {
			return names.size() + " components";
		}
		return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
	}

	static String duration(Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds % 3600 == 0 && seconds > 0) {
			return plural(seconds / 3600, "hour");
		}
		if (seconds % 60 == 0 && seconds > 0) {
			return plural(seconds / 60, "minute");
		}
		return plural(seconds, "second");
	}

	private static String plural(long count, String unit) {
		return count + " " + unit + ((count == 1) ? "" : "s");
	}

	private static String limit(String text, int length) {
		return (text.length() <= length) ? text : text.substring(0, length - 1) + "…";
	}

}
