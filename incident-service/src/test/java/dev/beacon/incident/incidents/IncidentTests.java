package dev.beacon.incident.incidents;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.beacon.events.ComponentStatus;
import dev.beacon.events.IncidentChanged;
import dev.beacon.events.IncidentChanged.Change;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class IncidentTests {

	static final UUID APPLICATION = UUID.randomUUID();

	static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");

	@Test
	void declaringRecordsAnOpenedEventWithTheFirstUpdate() {
		UUID component = UUID.randomUUID();
		Incident incident = declare(IncidentStatus.IDENTIFIED);

		assertThat(incident.source()).isEqualTo(Source.DECLARED);
		assertThat(incident.version()).isEqualTo(1);
		assertThat(incident.persistedVersion()).isZero();
		assertThat(incident.changes()).singleElement().satisfies((event) -> {
			assertThat(event.change()).isEqualTo(Change.OPENED);
			assertThat(event.incident().status()).isEqualTo("identified");
			assertThat(event.incident().impact()).isEqualTo("major");
			assertThat(event.incident().version()).isEqualTo(1);
			assertThat(event.latestUpdate().body()).isEqualTo("Checkout fails");
		});
		assertThat(Incident
			.declare(APPLICATION, "x", IncidentStatus.INVESTIGATING, Impact.NONE, "b",
					Map.of(component, ComponentStatus.DEGRADED), T0)
			.componentIds()).containsExactly(component);
	}

	@Test
	void cannotBeDeclaredResolved() {
		assertThatIllegalArgumentException().isThrownBy(() -> declare(IncidentStatus.RESOLVED));
	}

	@Test
	void movesForwardSkippingStatuses() {
		Incident incident = declare(IncidentStatus.INVESTIGATING);

		IncidentChanged event = incident.addUpdate(IncidentStatus.MONITORING, "A fix is out", null, T0.plusSeconds(60));

		assertThat(incident.status()).isEqualTo(IncidentStatus.MONITORING);
		assertThat(incident.impact()).isEqualTo(Impact.MAJOR);
		assertThat(incident.version()).isEqualTo(2);
		assertThat(incident.updates()).extracting(IncidentUpdate::body)
			.containsExactly("A fix is out", "Checkout fails");
		assertThat(event.change()).isEqualTo(Change.UPDATED);
		assertThat(event.incident().version()).isEqualTo(2);
		assertThat(event.latestUpdate().status()).isEqualTo("monitoring");
	}

	@Test
	void keepsItsStatusWithAnotherUpdateAndTakesTheGivenImpact() {
		Incident incident = declare(IncidentStatus.IDENTIFIED);

		incident.addUpdate(IncidentStatus.IDENTIFIED, "Still on it", Impact.MINOR, T0.plusSeconds(60));

		assertThat(incident.status()).isEqualTo(IncidentStatus.IDENTIFIED);
		assertThat(incident.impact()).isEqualTo(Impact.MINOR);
		assertThat(incident.unsavedUpdates()).hasSize(2);
	}

	@Test
	void refusesToGoBackNamingTheCurrentStatus() {
		Incident incident = declare(IncidentStatus.MONITORING);

		assertThatExceptionOfType(IllegalIncidentTransitionException.class)
			.isThrownBy(() -> incident.addUpdate(IncidentStatus.INVESTIGATING, "Hm", Impact.CRITICAL, T0))
			.withMessage("Incident " + incident.id() + " is monitoring and cannot go back to investigating")
			.satisfies((ex) -> assertThat(ex.current()).isEqualTo(IncidentStatus.MONITORING));
		assertThat(incident.impact()).isEqualTo(Impact.MAJOR);
		assertThat(incident.version()).isEqualTo(1);
	}

	@Test
	void resolvingThroughAnUpdateSetsTheResolutionTime() {
		Incident incident = declare(IncidentStatus.INVESTIGATING);
		Instant resolvedAt = T0.plusSeconds(600);

		IncidentChanged event = incident.addUpdate(IncidentStatus.RESOLVED, "Fixed", null, resolvedAt);

		assertThat(incident.isOpen()).isFalse();
		assertThat(incident.resolvedAt()).isEqualTo(resolvedAt);
		assertThat(event.change()).isEqualTo(Change.RESOLVED);
		assertThat(event.incident().resolvedAt()).isEqualTo(resolvedAt);
		assertThat(event.latestUpdate().status()).isEqualTo("resolved");
	}

	@Test
	void aResolvedIncidentCannotBeChanged() {
		Incident incident = declare(IncidentStatus.INVESTIGATING);
		incident.resolve("Fixed", T0.plusSeconds(60));

		assertThatExceptionOfType(IllegalIncidentTransitionException.class)
			.isThrownBy(() -> incident.addUpdate(IncidentStatus.RESOLVED, "Again", null, T0.plusSeconds(120)))
			.withMessageContaining("is resolved and cannot be updated");
		assertThatExceptionOfType(IllegalIncidentTransitionException.class)
			.isThrownBy(() -> incident.resolve("Again", T0.plusSeconds(120)))
			.withMessageContaining("is resolved");
		assertThat(incident.version()).isEqualTo(2);
	}

	@Test
	void detectionAddsComponentsRaisesTheImpactAndMayGoBackToInvestigating() {
		UUID first = UUID.randomUUID();
		UUID second = UUID.randomUUID();
		Incident incident = Incident.detect(APPLICATION, "API is degraded", Impact.MINOR,
				Map.of(first, ComponentStatus.DEGRADED), "API is degraded.", T0);

		incident.detected(IncidentStatus.MONITORING, Map.of(first, ComponentStatus.OPERATIONAL), Impact.NONE,
				"API recovered.", T0.plusSeconds(1));
		incident.detected(IncidentStatus.INVESTIGATING, Map.of(second, ComponentStatus.OUTAGE), Impact.MAJOR,
				"DB is down.", T0.plusSeconds(2));

		assertThat(incident.componentIds()).containsExactly(first, second);
		assertThat(incident.components()).containsEntry(first, ComponentStatus.OPERATIONAL)
			.containsEntry(second, ComponentStatus.OUTAGE);
		assertThat(incident.impact()).isEqualTo(Impact.MAJOR);
		assertThat(incident.status()).isEqualTo(IncidentStatus.INVESTIGATING);
		assertThat(incident.changes()).extracting(IncidentChanged::change)
			.containsExactly(Change.OPENED, Change.UPDATED, Change.UPDATED);
		assertThat(incident.changes().get(2).incident().source()).isEqualTo("detected");
		assertThat(incident.changes().get(2).incident().components()).hasSize(2);
	}

	@Test
	void editsTitleAndImpactWithoutATimelineEntry() {
		Incident incident = declare(IncidentStatus.INVESTIGATING);

		IncidentChanged edited = incident.edit("Checkout is slow", Impact.MINOR, T0.plusSeconds(5));

		assertThat(incident.title()).isEqualTo("Checkout is slow");
		assertThat(incident.impact()).isEqualTo(Impact.MINOR);
		assertThat(incident.updates()).hasSize(1);
		assertThat(edited.incident().version()).isEqualTo(2);
		assertThat(edited.latestUpdate().body()).isEqualTo("Checkout fails");
	}

	@Test
	void takesAPostmortemOnlyOnceResolved() {
		Incident incident = declare(IncidentStatus.IDENTIFIED);
		assertThatExceptionOfType(IllegalIncidentTransitionException.class)
			.isThrownBy(() -> incident.writePostmortem("Why", T0.plusSeconds(1)))
			.withMessage("Incident " + incident.id() + " is identified and cannot have a postmortem before it is "
					+ "resolved");

		incident.resolve("Fixed", T0.plusSeconds(2));
		incident.writePostmortem("A bad deploy.", T0.plusSeconds(3));

		assertThat(incident.postmortem()).isEqualTo("A bad deploy.");
		assertThat(incident.changes().get(2).incident().postmortem()).isEqualTo("A bad deploy.");
	}

	@Test
	void reopensOnlyAResolvedDeclaredIncident() {
		Incident incident = declare(IncidentStatus.INVESTIGATING);
		assertThatExceptionOfType(IllegalIncidentTransitionException.class)
			.isThrownBy(() -> incident.reopen("Again", T0.plusSeconds(1)))
			.withMessageContaining("is investigating and cannot be reopened");
		incident.resolve("Fixed", T0.plusSeconds(2));

		incident.reopen("It is back.", T0.plusSeconds(3));

		assertThat(incident.status()).isEqualTo(IncidentStatus.INVESTIGATING);
		assertThat(incident.resolvedAt()).isNull();
		Incident detected = Incident.detect(APPLICATION, "API is down", Impact.MAJOR,
				Map.of(UUID.randomUUID(), ComponentStatus.OUTAGE), "Down", T0);
		detected.resolve("Up", T0.plusSeconds(1));
		assertThatExceptionOfType(IllegalIncidentTransitionException.class)
			.isThrownBy(() -> detected.reopen("Again", T0.plusSeconds(2)))
			.withMessageContaining("it was detected");
	}

	@Test
	void restoredIncidentRemembersItsVersionAndHasNothingUnsaved() {
		Incident incident = Incident.restore(new Incident.Snapshot(UUID.randomUUID(), APPLICATION, "t", Source.DETECTED,
				IncidentStatus.IDENTIFIED, Impact.MINOR, T0, null, T0, T0, 7, null), Map.of(), List.of());

		incident.addUpdate(IncidentStatus.MONITORING, "Watching", null, T0.plusSeconds(1));

		assertThat(incident.persistedVersion()).isEqualTo(7);
		assertThat(incident.version()).isEqualTo(8);
		assertThat(incident.unsavedUpdates()).extracting(IncidentUpdate::body).containsExactly("Watching");
	}

	private static Incident declare(IncidentStatus status) {
		return Incident.declare(APPLICATION, "Checkout is failing", status, Impact.MAJOR, "Checkout fails", Map.of(),
				T0);
	}

}
