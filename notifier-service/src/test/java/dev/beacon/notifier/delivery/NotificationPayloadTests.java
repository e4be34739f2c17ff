package dev.beacon.notifier.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.beacon.events.ComponentStatus;
import dev.beacon.events.IncidentChanged;
import dev.beacon.events.MaintenanceChanged;
import dev.beacon.notifier.catalog.Application;
import dev.beacon.notifier.delivery.Deliveries.TimelineEntry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Locks the payload documented in the README. */
class NotificationPayloadTests {

	static final JsonMapper json = JsonMapper.builder().build();

	static final UUID EVENT = UUID.fromString("00000000-0000-0000-0000-0000000000e1");

	static final UUID INCIDENT = UUID.fromString("00000000-0000-0000-0000-0000000000a1");

	static final UUID APPLICATION = UUID.fromString("00000000-0000-0000-0000-0000000000b1");

	static final UUID COMPONENT = UUID.fromString("00000000-0000-0000-0000-0000000000c1");

	static final UUID UPDATE = UUID.fromString("00000000-0000-0000-0000-0000000000d1");

	static final UUID EARLIER = UUID.fromString("00000000-0000-0000-0000-0000000000d0");

	static final Application DEMO = new Application(APPLICATION, "demo", "Beacon Demo", true, true,
			List.of(new Application.Component(COMPONENT, "Checkout API")), Instant.EPOCH);

	@Test
	void writesTheDocumentedIncidentPayloadWithItsTimeline() {
		IncidentChanged event = new IncidentChanged(EVENT, Instant.parse("2026-01-02T03:04:05Z"),
				IncidentChanged.Change.RESOLVED,
				new IncidentChanged.Incident(INCIDENT, APPLICATION, "API is down", "resolved", "major",
						List.of(COMPONENT), Instant.parse("2026-01-02T02:00:00Z"),
						Instant.parse("2026-01-02T03:04:05Z"), 4, "detected",
						List.of(new IncidentChanged.AffectedComponent(COMPONENT, ComponentStatus.OPERATIONAL)), null),
				new IncidentChanged.Update(UPDATE, "resolved", "Fixed.", Instant.parse("2026-01-02T03:04:05Z")));
		List<TimelineEntry> timeline = List.of(
				new TimelineEntry(UPDATE, "resolved", "Fixed.", Instant.parse("2026-01-02T03:04:05Z")),
				new TimelineEntry(EARLIER, "investigating", "Looking.", Instant.parse("2026-01-02T02:00:00Z")));
		String payload = json.writeValueAsString(
				NotificationPayload.of(event, DEMO, "https://status.example.com/public/status/demo", timeline));
		assertThat(payload).isEqualTo(
				"""
						{"meta":{"event_type":"incident.resolved","event_id":"%s","occurred_at":"2026-01-02T03:04:05Z",\
						"version":4},\
						"page":{"id":"%s","slug":"demo","name":"Beacon Demo","url":"https://status.example.com/public/status/demo"},\
						"incident":{"id":"%s","kind":"incident","name":"API is down","status":"resolved","impact":"major",\
						"version":4,"created_at":"2026-01-02T02:00:00Z","updated_at":"2026-01-02T03:04:05Z",\
						"resolved_at":"2026-01-02T03:04:05Z","scheduled_for":null,"scheduled_until":null,\
						"shortlink":"https://status.example.com/public/status/demo",\
						"components":[{"id":"%s","name":"Checkout API","status":"operational"}],\
						"incident_updates":[{"id":"%s","status":"resolved","body":"Fixed.","created_at":"2026-01-02T03:04:05Z"},\
						{"id":"%s","status":"investigating","body":"Looking.","created_at":"2026-01-02T02:00:00Z"}]}}"""
					.formatted(EVENT, APPLICATION, INCIDENT, COMPONENT, UPDATE, EARLIER));
	}

	@Test
	void namesTheTypeAfterTheChange() {
		assertThat(NotificationPayload.type(event(IncidentChanged.Change.OPENED))).isEqualTo("incident.opened");
		assertThat(NotificationPayload.type(event(IncidentChanged.Change.UPDATED))).isEqualTo("incident.updated");
		assertThat(NotificationPayload.type(event(IncidentChanged.Change.RESOLVED))).isEqualTo("incident.resolved");
		assertThat(NotificationPayload.type(maintenance(MaintenanceChanged.Change.SCHEDULED)))
			.isEqualTo("maintenance.scheduled");
		assertThat(NotificationPayload.type(maintenance(MaintenanceChanged.Change.STARTED)))
			.isEqualTo("maintenance.started");
		assertThat(NotificationPayload.type(maintenance(MaintenanceChanged.Change.COMPLETED)))
			.isEqualTo("maintenance.completed");
		assertThat(NotificationPayload.type(maintenance(MaintenanceChanged.Change.UPDATED))).isNull();
	}

	@Test
	void writesAMaintenanceAsAnIncidentOfKindMaintenanceWithItsSchedule() {
		String payload = json.writeValueAsString(
				NotificationPayload.of(maintenance(MaintenanceChanged.Change.STARTED), DEMO, "https://x.test/p"));
		assertThat(payload).contains("\"event_type\":\"maintenance.started\"")
			.contains("\"kind\":\"maintenance\"")
			.contains("\"scheduled_for\":\"2026-01-02T03:00:00Z\"")
			.contains("\"name\":\"Checkout API\",\"status\":\"maintenance\"")
			.contains("\"body\":\"Read-only for ten minutes.\"")
			.contains("\"version\":3");
	}

	@Test
	void writesAnUnknownPageAndNoTimelineWhenNothingIsKnown() {
		IncidentChanged event = new IncidentChanged(EVENT, Instant.parse("2026-01-02T03:04:05Z"),
				IncidentChanged.Change.OPENED, new IncidentChanged.Incident(INCIDENT, APPLICATION, "Slow",
						"investigating", "minor", null, Instant.parse("2026-01-02T02:00:00Z"), null, 1),
				null);
		String payload = json.writeValueAsString(NotificationPayload.of(event, null, null, List.of()));
		assertThat(payload).contains("\"components\":[]")
			.contains("\"resolved_at\":null")
			.contains("\"name\":\"Status page\"")
			.endsWith("\"incident_updates\":[]}}");
	}

	private static IncidentChanged event(IncidentChanged.Change change) {
		return new IncidentChanged(EVENT, Instant.now(), change, new IncidentChanged.Incident(INCIDENT, APPLICATION,
				"t", "investigating", "minor", List.of(), Instant.now(), null, 1), null);
	}

	private static MaintenanceChanged maintenance(MaintenanceChanged.Change change) {
		Instant at = Instant.parse("2026-01-02T03:00:00Z");
		return new MaintenanceChanged(EVENT, at, change,
				new MaintenanceChanged.Maintenance(INCIDENT, APPLICATION, "Database upgrade",
						"Read-only for ten minutes.", "in_progress", List.of(COMPONENT), at, at.plusSeconds(600), at,
						null, 3));
	}

}
