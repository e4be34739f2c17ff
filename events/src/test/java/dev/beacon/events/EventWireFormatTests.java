package dev.beacon.events;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Locks the wire format of every event: a change that breaks a golden file is a breaking
 * change and needs a new type on a new topic version (ARCHITECTURE.md, "Events").
 */
class EventWireFormatTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final UUID EVENT = UUID.fromString("00000000-0000-0000-0000-0000000000e1");

	private static final UUID APP = UUID.fromString("00000000-0000-0000-0000-0000000000a1");

	private static final UUID COMPONENT = UUID.fromString("00000000-0000-0000-0000-0000000000c1");

	private static final UUID INCIDENT = UUID.fromString("00000000-0000-0000-0000-0000000000d1");

	private static final Instant AT = Instant.parse("2026-11-27T10:15:30.123Z");

	static List<Object[]> events() {
		return List.of(
				new Object[] { "application-defined.json", new ApplicationDefined(EVENT, AT, APP, "shop", "Shop", true,
						List.of(new ApplicationDefined.Component(COMPONENT, "API",
								new ApplicationDefined.HttpCheck("https://shop.example/health", 200, 30, 5000, 1000, 2,
										"HEAD", Map.of("Accept", "application/json"), List.of(200, 204), "ok"),
								"Backend", new ApplicationDefined.Kubernetes("shop", "app=api,tier in (web)", 30))),
						new ApplicationDefined.Page(true, "status.shop.example", "Europe/Paris", "Shop's services",
								true, false,
								List.of(new ApplicationDefined.Metric("Requests", "sum(rate(http_requests_total[5m]))",
										"req/s"))),
						3L) },
				new Object[] { "observation-recorded.json",
						new ObservationRecorded(EVENT, AT, APP, COMPONENT, ObservationRecorded.Source.HTTP, AT, 503,
								42L, null, null, null, null, Map.of("tlsDaysToExpiry", 41)) },
				new Object[] { "observation-recorded-pods.json",
						new ObservationRecorded(EVENT, AT, APP, COMPONENT, ObservationRecorded.Source.PODS, AT, null,
								null, null, 1, 3, 4,
								Map.of("restartWindowSeconds", 600, "pods",
										List.of(Map.of("name", "worker-0", "ready", true, "restarts", 0),
												Map.of("name", "worker-1", "ready", false, "restarts", 4, "reason",
														"CrashLoopBackOff")))) },
				new Object[] { "component-status-changed.json",
						new ComponentStatusChanged(EVENT, AT, APP, COMPONENT, "API", ComponentStatus.OPERATIONAL,
								ComponentStatus.OUTAGE, AT, "HTTP 503, expected 200", null) },
				new Object[] { "component-status-changed-partial.json",
						new ComponentStatusChanged(EVENT, AT, APP, COMPONENT, "Worker", ComponentStatus.OPERATIONAL,
								ComponentStatus.DEGRADED, AT, "1/3 pods ready: CrashLoopBackOff", "partial") },
				new Object[] { "incident-changed.json", new IncidentChanged(EVENT, AT, IncidentChanged.Change.OPENED,
						new IncidentChanged.Incident(INCIDENT, APP, "API is down", "investigating", "major",
								List.of(COMPONENT), AT, null, 1, "detected",
								List.of(new IncidentChanged.AffectedComponent(COMPONENT, ComponentStatus.OUTAGE)),
								null),
						new IncidentChanged.Update(EVENT, "investigating", "API is not responding.", AT)) },
				new Object[] { "maintenance-changed.json",
						new MaintenanceChanged(EVENT, AT, MaintenanceChanged.Change.STARTED,
								new MaintenanceChanged.Maintenance(INCIDENT, APP, "Database upgrade",
										"PostgreSQL 17; the API is read-only meanwhile.", "in_progress",
										List.of(COMPONENT), AT, AT.plusSeconds(3600), AT, null, 2)) },
				new Object[] { "page-published.json",
						new PagePublished(EVENT, AT, APP, "shop", true, List.of("status.shop.apps.example"),
								List.of("shop.apps.example"), Map.of("slug", "shop", "overall",
										Map.of("status", "operational", "description", "All Systems Operational"))) });
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("events")
	void serializesToTheGoldenFile(String golden, Object event) throws Exception {
		JSONAssert.assertEquals(read(golden), json.writeValueAsString(event), JSONCompareMode.STRICT);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("events")
	void readsTheGoldenFile(String golden, Object event) throws Exception {
		assertThat(json.readValue(read(golden), event.getClass())).isEqualTo(event);
	}

	/**
	 * Definitions published before page settings and versions existed stay readable: the
	 * new members are absent, never a reason to refuse the record.
	 */
	@Test
	void readsADefinitionPublishedBeforePageSettings() throws Exception {
		ApplicationDefined defined = json.readValue(read("application-defined-before-page-settings.json"),
				ApplicationDefined.class);
		assertThat(defined.page()).isNull();
		assertThat(defined.version()).isNull();
		assertThat(defined.components()).singleElement().satisfies((component) -> {
			assertThat(component.group()).isNull();
			assertThat(component.httpCheck().url()).isEqualTo("https://shop.example/health");
			assertThat(component.httpCheck().method()).isNull();
			assertThat(component.kubernetes()).isNull();
		});
	}

	/**
	 * Status changes published before the degradation kind existed stay readable: it is
	 * absent, so null.
	 */
	@Test
	void readsAStatusChangePublishedBeforeDegradation() throws Exception {
		ComponentStatusChanged changed = json.readValue(read("component-status-changed-before-degradation.json"),
				ComponentStatusChanged.class);
		assertThat(changed.degradation()).isNull();
		assertThat(changed.current()).isEqualTo(ComponentStatus.OUTAGE);
	}

	@Test
	void carriesTheDegradationKind() throws Exception {
		ComponentStatusChanged changed = new ComponentStatusChanged(EVENT, AT, APP, COMPONENT, "API",
				ComponentStatus.OPERATIONAL, ComponentStatus.DEGRADED, AT, "1/3 pods ready", "partial");
		assertThat(json.readTree(json.writeValueAsString(changed)).get("degradation").asString()).isEqualTo("partial");
	}

	/**
	 * Observations and status changes published before details and kinds of degradation
	 * existed stay readable.
	 */
	@Test
	void readsObservationsAndChangesPublishedBeforeDetails() throws Exception {
		String observation = read("observation-recorded.json")
			.replace(",\n  \"details\": {\n    \"tlsDaysToExpiry\": 41\n  }", "");
		assertThat(observation).doesNotContain("details");
		assertThat(json.readValue(observation, ObservationRecorded.class).details()).isNull();
		String change = read("component-status-changed.json").replace(",\n  \"degradation\": null", "");
		assertThat(change).doesNotContain("degradation");
		assertThat(json.readValue(change, ComponentStatusChanged.class).degradation()).isNull();
	}

	private static String read(String golden) throws IOException {
		try (InputStream in = EventWireFormatTests.class.getResourceAsStream("/golden/" + golden)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
