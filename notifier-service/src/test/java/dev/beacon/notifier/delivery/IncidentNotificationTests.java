package dev.beacon.notifier.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.beacon.events.IncidentChanged;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Locks the webhook payload documented in the README. */
class IncidentNotificationTests {

	static final JsonMapper json = JsonMapper.builder().build();

	static final UUID EVENT = UUID.fromString("00000000-0000-0000-0000-0000000000e1");

	static final UUID INCIDENT = UUID.fromString("00000000-0000-0000-0000-0000000000a1");

	static final UUID APPLICATION = UUID.fromString("00000000-0000-0000-0000-0000000000b1");

	static final UUID COMPONENT = UUID.fromString("00000000-0000-0000-0000-0000000000c1");

	static final UUID UPDATE = UUID.fromString("00000000-0000-0000-0000-0000000000d1");

	@Test
	void writesTheDocumentedPayload() {
		IncidentChanged event = new IncidentChanged(EVENT, Instant.parse("2026-01-02T03:04:05Z"),
				IncidentChanged.Change.RESOLVED,
				new IncidentChanged.Incident(INCIDENT, APPLICATION, "API is down", "resolved", "major",
						List.of(COMPONENT), Instant.parse("2026-01-02T02:00:00Z"),
						Instant.parse("2026-01-02T03:04:05Z"), 4),
				new IncidentChanged.Update(UPDATE, "resolved", "Fixed.", Instant.parse("2026-01-02T03:04:05Z")));
		assertThat(json.writeValueAsString(IncidentNotification.of(event))).isEqualTo("""
				{"type":"incident.resolved","eventId":"%s","occurredAt":"2026-01-02T03:04:05Z",\
				"incident":{"id":"%s","applicationId":"%s","title":"API is down","status":"resolved",\
				"impact":"major","componentIds":["%s"],"startedAt":"2026-01-02T02:00:00Z",\
				"resolvedAt":"2026-01-02T03:04:05Z"},\
				"update":{"id":"%s","status":"resolved","body":"Fixed.","createdAt":"2026-01-02T03:04:05Z"}}"""
			.formatted(EVENT, INCIDENT, APPLICATION, COMPONENT, UPDATE));
	}

	@Test
	void namesTheTypeAfterTheChange() {
		assertThat(IncidentNotification.type(event(IncidentChanged.Change.OPENED))).isEqualTo("incident.opened");
		assertThat(IncidentNotification.type(event(IncidentChanged.Change.UPDATED))).isEqualTo("incident.updated");
		assertThat(IncidentNotification.type(event(IncidentChanged.Change.RESOLVED))).isEqualTo("incident.resolved");
	}

	@Test
	void writesNullsForAnOpenIncidentWithoutUpdate() {
		IncidentChanged event = new IncidentChanged(EVENT, Instant.parse("2026-01-02T03:04:05Z"),
				IncidentChanged.Change.OPENED, new IncidentChanged.Incident(INCIDENT, APPLICATION, "Slow",
						"investigating", "minor", null, Instant.parse("2026-01-02T02:00:00Z"), null, 1),
				null);
		String payload = json.writeValueAsString(IncidentNotification.of(event));
		assertThat(payload).contains("\"componentIds\":[]")
			.contains("\"resolvedAt\":null")
			.endsWith("\"update\":null}");
	}

	private static IncidentChanged event(IncidentChanged.Change change) {
		return new IncidentChanged(EVENT, Instant.now(), change, new IncidentChanged.Incident(INCIDENT, APPLICATION,
				"t", "investigating", "minor", List.of(), Instant.now(), null, 1), null);
	}

}
