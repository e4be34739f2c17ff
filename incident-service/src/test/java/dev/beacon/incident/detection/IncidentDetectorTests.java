package dev.beacon.incident.detection;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.beacon.events.ComponentStatus;
import dev.beacon.events.ComponentStatusChanged;
import dev.beacon.events.IncidentChanged;
import dev.beacon.events.IncidentChanged.Change;
import dev.beacon.incident.incidents.Impact;
import dev.beacon.incident.incidents.Incident;
import dev.beacon.incident.incidents.IncidentStatus;
import dev.beacon.incident.incidents.Source;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IncidentDetectorTests {

	static final UUID APPLICATION = UUID.randomUUID();

	static final UUID API = UUID.randomUUID();

	static final UUID DB = UUID.randomUUID();

	static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");

	final IncidentDetector detector = new IncidentDetector();

	/** The latest status of each component, as status-api published it. */
	final Map<UUID, ComponentStatus> latest = new HashMap<>();

	/**
	 * The last known (not unknown) status of each component, as ComponentStates keeps it.
	 */
	final Map<UUID, ComponentStatus> known = new HashMap<>();

	@Test
	void opensAMajorIncidentWhenAComponentGoesDown() {
		Incident incident = change(API, "API", ComponentStatus.OUTAGE, "Connection refused", null).orElseThrow();

		assertThat(incident.source()).isEqualTo(Source.DETECTED);
		assertThat(incident.title()).isEqualTo("API is down");
		assertThat(incident.status()).isEqualTo(IncidentStatus.INVESTIGATING);
		assertThat(incident.impact()).isEqualTo(Impact.MAJOR);
		assertThat(incident.componentIds()).containsExactly(API);
		assertThat(incident.changes()).singleElement().satisfies((event) -> {
			assertThat(event.change()).isEqualTo(Change.OPENED);
			assertThat(event.latestUpdate().body()).isEqualTo("API is down: Connection refused");
		});
	}

	@Test
	void opensAMinorIncidentWhenAComponentDegrades() {
		Incident incident = change(API, "API", ComponentStatus.DEGRADED, null, null).orElseThrow();

		assertThat(incident.title()).isEqualTo("API is degraded");
		assertThat(incident.impact()).isEqualTo(Impact.MINOR);
		assertThat(incident.updates().get(0).body()).isEqualTo("API is degraded.");
	}

	@Test
	void aSecondFailingComponentJoinsTheOpenIncidentAndRaisesItsImpact() {
		Incident open = change(API, "API", ComponentStatus.DEGRADED, "Slow", null).orElseThrow();

		Incident joined = change(DB, "Database", ComponentStatus.OUTAGE, "No pod ready", open).orElseThrow();

		assertThat(joined).isSameAs(open);
		assertThat(joined.componentIds()).containsExactly(API, DB);
		assertThat(joined.impact()).isEqualTo(Impact.MAJOR);
		assertThat(joined.changes()).extracting(IncidentChanged::change).containsExactly(Change.OPENED, Change.UPDATED);
		assertThat(joined.updates().get(0).body()).isEqualTo("Database is down: No pod ready");
	}

	@Test
	void resolvesOnlyWhenEveryAffectedComponentIsOperational() {
		Incident open = change(API, "API", ComponentStatus.OUTAGE, null, null).orElseThrow();
		change(DB, "Database", ComponentStatus.OUTAGE, null, open);

		change(API, "API", ComponentStatus.OPERATIONAL, null, open);
		assertThat(open.isOpen()).isTrue();
		assertThat(open.updates().get(0).body()).isEqualTo("API is operational again.");

		change(DB, "Database", ComponentStatus.OPERATIONAL, null, open);
		assertThat(open.isOpen()).isFalse();
		assertThat(open.resolvedAt()).isNotNull();
		assertThat(open.updates().get(0).body()).isEqualTo("All affected components are operational again.");
		assertThat(open.changes()).extracting(IncidentChanged::change)
			.containsExactly(Change.OPENED, Change.UPDATED, Change.UPDATED, Change.RESOLVED);
	}

	@Test
	void anOperationalComponentOutsideTheIncidentChangesNothing() {
		Incident open = change(API, "API", ComponentStatus.OUTAGE, null, null).orElseThrow();

		assertThat(change(DB, "Database", ComponentStatus.OPERATIONAL, null, open)).isEmpty();
		assertThat(change(DB, "Database", ComponentStatus.OPERATIONAL, null, null)).isEmpty();
		assertThat(open.version()).isEqualTo(1);
	}

	@Test
	void maintenanceAndUnknownChangeNoIncident() {
		Incident open = change(API, "API", ComponentStatus.OUTAGE, null, null).orElseThrow();

		assertThat(this.detector.concerns(ComponentStatus.MAINTENANCE)).isFalse();
		assertThat(this.detector.concerns(ComponentStatus.UNKNOWN)).isFalse();
		assertThat(change(API, "API", ComponentStatus.MAINTENANCE, null, open)).isEmpty();
		assertThat(change(DB, "Database", ComponentStatus.UNKNOWN, null, null)).isEmpty();
		assertThat(open.version()).isEqualTo(1);
	}

	@Test
	void aComponentInAnUnknownStateKeepsTheIncidentOpen() {
		Incident open = change(API, "API", ComponentStatus.OUTAGE, null, null).orElseThrow();
		change(DB, "Database", ComponentStatus.OUTAGE, null, open);
		change(DB, "Database", ComponentStatus.UNKNOWN, null, open);

		change(API, "API", ComponentStatus.OPERATIONAL, null, open);

		assertThat(open.isOpen()).isTrue();
	}

	@Test
	void anOutageResolvesOnOperationalAfterAnUnknownGapNotOnTheGap() {
		Incident open = change(API, "API", ComponentStatus.OUTAGE, null, null).orElseThrow();

		assertThat(change(API, "API", ComponentStatus.UNKNOWN, null, open)).isEmpty();
		assertThat(open.isOpen()).isTrue();

		assertThat(change(API, "API", ComponentStatus.OPERATIONAL, null, open)).containsSame(open);
		assertThat(open.isOpen()).isFalse();
		assertThat(open.changes()).extracting(IncidentChanged::change).containsExactly(Change.OPENED, Change.RESOLVED);
	}

	@Test
	void anOutageAfterAnUnknownGapOpensAnIncident() {
		change(API, "API", ComponentStatus.OPERATIONAL, null, null);
		assertThat(change(API, "API", ComponentStatus.UNKNOWN, null, null)).isEmpty();

		Incident opened = change(API, "API", ComponentStatus.OUTAGE, "Connection refused", null).orElseThrow();

		assertThat(opened.title()).isEqualTo("API is down");
		assertThat(opened.componentIds()).containsExactly(API);
	}

	@Test
	void returningFromUnknownToTheLastKnownStatusSaysNothingNew() {
		Incident open = change(API, "API", ComponentStatus.OUTAGE, null, null).orElseThrow();
		change(DB, "Database", ComponentStatus.OPERATIONAL, null, open);

		change(API, "API", ComponentStatus.UNKNOWN, null, open);
		change(DB, "Database", ComponentStatus.UNKNOWN, null, open);
		assertThat(change(API, "API", ComponentStatus.OUTAGE, "Connection refused", open)).isEmpty();
		assertThat(change(DB, "Database", ComponentStatus.OPERATIONAL, null, open)).isEmpty();

		assertThat(open.version()).isEqualTo(1);
		assertThat(open.isOpen()).isTrue();
	}

	@Test
	void aComponentThatRecoveredBeforeItsDataWentStaleDoesNotHoldTheIncidentOpen() {
		Incident open = change(API, "API", ComponentStatus.OUTAGE, null, null).orElseThrow();
		change(DB, "Database", ComponentStatus.OUTAGE, null, open);
		change(DB, "Database", ComponentStatus.OPERATIONAL, null, open);
		change(DB, "Database", ComponentStatus.UNKNOWN, null, open);

		change(API, "API", ComponentStatus.OPERATIONAL, null, open);

		assertThat(open.isOpen()).isFalse();
	}

	private Optional<Incident> change(UUID component, String name, ComponentStatus current, String reason,
			Incident open) {
		ComponentStatus previous = this.latest.getOrDefault(component, ComponentStatus.UNKNOWN);
		ComponentStatus knownBefore = this.known.get(component);
		this.latest.put(component, current);
		if (current != ComponentStatus.UNKNOWN) {
			this.known.put(component, current);
		}
		Map<UUID, ComponentStatus> statuses = new HashMap<>();
		this.latest.keySet().forEach((id) -> statuses.put(id, this.known.getOrDefault(id, ComponentStatus.UNKNOWN)));
		ComponentStatusChanged change = new ComponentStatusChanged(UUID.randomUUID(), T0, APPLICATION, component, name,
				previous, current, T0, reason);
		return this.detector.detect(change, knownBefore, open, Map.copyOf(statuses), T0);
	}

}
