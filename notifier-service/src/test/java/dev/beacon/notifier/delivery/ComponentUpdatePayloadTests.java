package dev.beacon.notifier.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.beacon.events.ComponentStatus;
import dev.beacon.notifier.catalog.Application;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Locks the component_update payload documented in the README, and its vocabulary. */
class ComponentUpdatePayloadTests {

	static final JsonMapper json = JsonMapper.builder().build();

	static final UUID EVENT = UUID.fromString("00000000-0000-0000-0000-0000000000e1");

	static final UUID APPLICATION = UUID.fromString("00000000-0000-0000-0000-0000000000b1");

	static final UUID COMPONENT = UUID.fromString("00000000-0000-0000-0000-0000000000c1");

	@Test
	void writesTheDocumentedComponentUpdatePayload() {
		Application demo = new Application(APPLICATION, "demo", "Beacon Demo", true, true,
				List.of(new Application.Component(COMPONENT, "Checkout API")), Instant.EPOCH);
		String payload = json.writeValueAsString(ComponentUpdatePayload.of(EVENT, Instant.parse("2026-01-02T03:04:06Z"),
				APPLICATION, COMPONENT, "Old name", demo, "https://status.example.com/public/status/demo",
				"operational", "major_outage", Instant.parse("2026-01-02T03:04:05Z"), 7));
		assertThat(payload).isEqualTo(
				"""
						{"meta":{"event_type":"component.updated","event_id":"%1$s","occurred_at":"2026-01-02T03:04:06Z",\
						"version":7},\
						"page":{"id":"%2$s","slug":"demo","name":"Beacon Demo","url":"https://status.example.com/public/status/demo"},\
						"component_update":{"created_at":"2026-01-02T03:04:05Z","new_status":"major_outage",\
						"old_status":"operational","id":"%1$s","component_id":"%3$s"},\
						"component":{"id":"%3$s","name":"Checkout API","status":"major_outage",\
						"updated_at":"2026-01-02T03:04:05Z"}}"""
					.formatted(EVENT, APPLICATION, COMPONENT));
	}

	@Test
	void speaksStatuspagesStatusVocabularyAndHasNoWordForUnknown() {
		assertThat(ComponentUpdatePayload.statuspage(ComponentStatus.OPERATIONAL, null)).isEqualTo("operational");
		assertThat(ComponentUpdatePayload.statuspage(ComponentStatus.DEGRADED, "performance"))
			.isEqualTo("degraded_performance");
		assertThat(ComponentUpdatePayload.statuspage(ComponentStatus.DEGRADED, null)).isEqualTo("degraded_performance");
		assertThat(ComponentUpdatePayload.statuspage(ComponentStatus.DEGRADED, "partial")).isEqualTo("partial_outage");
		assertThat(ComponentUpdatePayload.statuspage(ComponentStatus.OUTAGE, null)).isEqualTo("major_outage");
		assertThat(ComponentUpdatePayload.statuspage(ComponentStatus.MAINTENANCE, null)).isEqualTo("under_maintenance");
		assertThat(ComponentUpdatePayload.statuspage(ComponentStatus.UNKNOWN, null)).isNull();
	}

}
