package dev.beacon.incident.detection;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.beacon.events.ComponentStatus;
import dev.beacon.events.IncidentChanged;
import dev.beacon.events.IncidentChanged.Change;
import dev.beacon.incident.detection.DetectionTimers.Timer;
import dev.beacon.incident.detection.IncidentDetector.Outcome;
import dev.beacon.incident.detection.IncidentDetector.Situation;
import dev.beacon.incident.incidents.Incident;
import org.junit.jupiter.api.Test;

import static dev.beacon.events.ComponentStatus.DEGRADED;
import static dev.beacon.events.ComponentStatus.MAINTENANCE;
import static dev.beacon.events.ComponentStatus.OPERATIONAL;
import static dev.beacon.events.ComponentStatus.OUTAGE;
import static dev.beacon.events.ComponentStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The detection rules on status timelines, with a clock the test moves: each step sets
 * the time, records a status change the way {@code component_states} does, and decides as
 * the service does (after a change, and whenever a timer is due).
 */
class IncidentDetectorTests {

	static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

	static final DetectionProperties PRODUCTION = new DetectionProperties(Duration.ZERO, Duration.ofSeconds(60),
			Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofSeconds(5));

	final Timeline timeline = new Timeline(PRODUCTION);

	final UUID api = this.timeline.component("Checkout API");

	final UUID worker = this.timeline.component("Worker");

	@Test
	void anOutageOpensAMajorIncidentAtOnce() {
		this.timeline.at(0).change(this.api, OPERATIONAL, null).change(this.worker, OPERATIONAL, null);
		this.timeline.at(10).change(this.api, OUTAGE, "HTTP 503");

		IncidentChanged opened = this.timeline.only(Change.OPENED);
		assertThat(opened.incident().title()).isEqualTo("Checkout API is down");
		assertThat(opened.incident().impact()).isEqualTo("major");
		assertThat(opened.incident().source()).isEqualTo("detected");
		assertThat(opened.latestUpdate().body()).isEqualTo("Checkout API is down (HTTP 503).");
		assertThat(opened.occurredAt()).isEqualTo(T0.plusSeconds(10));
	}

	@Test
	void everyComponentDownIsCritical() {
		this.timeline.at(0).change(this.api, OUTAGE, null).change(this.worker, OUTAGE, null);

		assertThat(this.timeline.events()).extracting((event) -> event.incident().impact())
			.containsExactly("major", "critical");
		assertThat(this.timeline.events().get(1).latestUpdate().body())
			.isEqualTo("Checkout API still down; Worker is down.");
	}

	@Test
	void aDegradationOpensOnlyAfterItsDebounce() {
		this.timeline.at(0).change(this.api, DEGRADED, "Slow");
		this.timeline.at(30).change(this.api, OPERATIONAL, null);
		this.timeline.at(40).change(this.api, DEGRADED, "Slow");
		this.timeline.at(99);
		assertThat(this.timeline.events()).isEmpty();
		assertThat(this.timeline.timer.dueAt()).isEqualTo(T0.plusSeconds(100));

		this.timeline.at(100);

		IncidentChanged opened = this.timeline.only(Change.OPENED);
		assertThat(opened.incident().title()).isEqualTo("Checkout API is degraded");
		assertThat(opened.incident().impact()).isEqualTo("minor");
	}

	@Test
	void aDegradationTurningIntoAnOutageOpensAtOnce() {
		this.timeline.at(0).change(this.api, DEGRADED, "Slow");
		this.timeline.at(20).change(this.api, OUTAGE, "Refused");

		assertThat(this.timeline.only(Change.OPENED).occurredAt()).isEqualTo(T0.plusSeconds(20));
	}

	@Test
	void componentsFailingCloseTogetherJoinOneIncidentAndUpdatesSayWhatChanged() {
		this.timeline.at(0).change(this.api, OUTAGE, "HTTP 503");
		this.timeline.at(10).change(this.worker, DEGRADED, "1/3 pods");
		this.timeline.at(70);
		this.timeline.at(80).change(this.api, OPERATIONAL, null);

		assertThat(this.timeline.events()).extracting(IncidentChanged::change)
			.containsExactly(Change.OPENED, Change.UPDATED, Change.UPDATED);
		assertThat(this.timeline.events()).extracting((event) -> event.latestUpdate().body())
			.containsExactly("Checkout API is down (HTTP 503).",
					"Checkout API still down (HTTP 503); Worker is degraded (1/3 pods).",
					"Checkout API recovered; Worker still degraded (1/3 pods).");
		assertThat(this.timeline.events().get(2).incident().impact()).isEqualTo("major");
		assertThat(this.timeline.events().get(2).incident().componentIds()).containsExactly(this.api, this.worker);
	}

	@Test
	void recoveryMonitorsAndResolvesAfterTheHold() {
		this.timeline.at(0).change(this.api, OUTAGE, null);
		this.timeline.at(60).change(this.api, OPERATIONAL, null);
		IncidentChanged monitoring = this.timeline.events().get(1);
		assertThat(monitoring.incident().status()).isEqualTo("monitoring");
		assertThat(monitoring.latestUpdate().body()).isEqualTo("Checkout API recovered. Every affected component "
				+ "is operational again; monitoring for 5 minutes before resolving.");

		this.timeline.at(60 + 299);
		assertThat(this.timeline.events()).hasSize(2);
		this.timeline.at(60 + 300);

		IncidentChanged resolved = this.timeline.only(Change.RESOLVED);
		assertThat(resolved.incident().resolvedAt()).isEqualTo(T0.plusSeconds(360));
		assertThat(resolved.latestUpdate().body())
			.isEqualTo("Resolved: every affected component has stayed operational for 5 minutes.");
		assertThat(this.timeline.timer).isEqualTo(Timer.NONE);
	}

	@Test
	void aFailureWithinTheHoldRejoinsTheSameIncident() {
		this.timeline.at(0).change(this.api, OUTAGE, null);
		this.timeline.at(60).change(this.api, OPERATIONAL, null);
		this.timeline.at(120).change(this.api, DEGRADED, "Slow");

		IncidentChanged relapse = this.timeline.events().get(2);
		assertThat(relapse.incident().status()).isEqualTo("investigating");
		assertThat(relapse.incident().incidentId()).isEqualTo(this.timeline.events().get(0).incident().incidentId());
		assertThat(relapse.latestUpdate().body()).isEqualTo("Checkout API is degraded (Slow).");
		assertThat(this.timeline.timer.holdUntil()).isNull();
	}

	@Test
	void flappingForAnHourMakesOneIncident() {
		for (int minute = 0; minute < 60; minute += 2) {
			this.timeline.at(minute * 60).change(this.api, OUTAGE, "Refused");
			this.timeline.at(minute * 60 + 60).change(this.api, OPERATIONAL, null);
		}
		this.timeline.at(60 * 60 + 300);

		assertThat(this.timeline.events()).filteredOn((event) -> event.change() == Change.OPENED).hasSize(1);
		assertThat(this.timeline.events()).filteredOn((event) -> event.change() == Change.RESOLVED).hasSize(1);
		assertThat(this.timeline.events().get(this.timeline.events().size() - 1).change()).isEqualTo(Change.RESOLVED);
		assertThat(this.timeline.events()).extracting((event) -> event.incident().incidentId())
			.containsOnly(this.timeline.events().get(0).incident().incidentId());
	}

	@Test
	void unknownOpensNothingAndAnAffectedComponentWithoutDataIsReleased() {
		this.timeline.at(0).change(this.worker, UNKNOWN, "No recent observation");
		assertThat(this.timeline.events()).isEmpty();

		this.timeline.at(10).change(this.api, OUTAGE, null);
		this.timeline.at(20).change(this.api, UNKNOWN, "No recent observation");
		this.timeline.at(20 + 899);
		assertThat(this.timeline.events()).hasSize(1);
		this.timeline.at(20 + 900);

		IncidentChanged released = this.timeline.events().get(1);
		assertThat(released.incident().status()).isEqualTo("monitoring");
		assertThat(released.latestUpdate().body())
			.startsWith("Checkout API sent no data for 15 minutes and no " + "longer counts.");
		this.timeline.at(20 + 900 + 300);
		assertThat(this.timeline.only(Change.RESOLVED)).isNotNull();
	}

	@Test
	void aComponentUnderMaintenanceOpensNothingAndCountsAgainAfterwards() {
		this.timeline.maintenance.add(this.api);
		this.timeline.at(0).change(this.api, OUTAGE, null);
		assertThat(this.timeline.events()).isEmpty();

		this.timeline.maintenance.clear();
		this.timeline.at(30);

		assertThat(this.timeline.only(Change.OPENED).incident().componentIds()).containsExactly(this.api);
	}

	@Test
	void goingUnderMaintenanceStopsHoldingTheIncidentOpen() {
		this.timeline.at(0).change(this.api, OUTAGE, null);
		this.timeline.maintenance.add(this.api);
		this.timeline.at(30);

		IncidentChanged monitoring = this.timeline.events().get(1);
		assertThat(monitoring.incident().status()).isEqualTo("monitoring");
		assertThat(monitoring.latestUpdate().body()).startsWith("Checkout API is under maintenance.");
	}

	/**
	 * One application's stored state, kept as the service keeps it, and detection run
	 * after every step.
	 */
	static final class Timeline {

		private final IncidentDetector detector;

		private final UUID applicationId = UUID.randomUUID();

		private final Map<UUID, ComponentState> states = new LinkedHashMap<>();

		final Set<UUID> maintenance = new HashSet<>();

		private final List<IncidentChanged> events = new ArrayList<>();

		private Incident open;

		Timer timer = Timer.NONE;

		private Instant now = T0;

		Timeline(DetectionProperties properties) {
			this.detector = new IncidentDetector(properties);
		}

		UUID component(String name) {
			UUID id = UUID.randomUUID();
			this.states.put(id, new ComponentState(id, name, UNKNOWN, T0.minusSeconds(3600), null, null, null));
			return id;
		}

		/** Moves the clock to {@code seconds} after T0, deciding on the way when due. */
		Timeline at(long seconds) {
			Instant target = T0.plusSeconds(seconds);
			while (this.timer.dueAt() != null && !this.timer.dueAt().isAfter(target)) {
				this.now = this.timer.dueAt();
				decide();
			}
			this.now = target;
			decide();
			return this;
		}

		Timeline change(UUID id, ComponentStatus status, String reason) {
			ComponentState before = this.states.get(id);
			ComponentStatus known = (status != UNKNOWN) ? status : before.known();
			boolean wasFailing = before.known() == OUTAGE || before.known() == DEGRADED;
			Instant failingSince = switch (status) {
				case UNKNOWN -> before.failingSince();
				case OUTAGE, DEGRADED -> wasFailing ? before.failingSince() : this.now;
				default -> null;
			};
			this.states.put(id, new ComponentState(id, before.name(), status, this.now, reason, known, failingSince));
			decide();
			return this;
		}

		private void decide() {
			Outcome outcome = this.detector.decide(new Situation(this.applicationId, List.copyOf(this.states.values()),
					Set.copyOf(this.maintenance), this.open, this.timer, this.now));
			outcome.incident().ifPresent((incident) -> {
				List<IncidentChanged> all = incident.changes();
				int seen = (incident == this.open) ? this.seenOfOpen : 0;
				this.events.addAll(all.subList(seen, all.size()));
				this.open = incident.isOpen() ? incident : null;
				this.seenOfOpen = all.size();
			});
			this.timer = outcome.timer();
		}

		private int seenOfOpen;

		List<IncidentChanged> events() {
			return this.events;
		}

		IncidentChanged only(Change change) {
			List<IncidentChanged> found = this.events.stream().filter((event) -> event.change() == change).toList();
			assertThat(found).hasSize(1);
			return found.get(0);
		}

	}

}
