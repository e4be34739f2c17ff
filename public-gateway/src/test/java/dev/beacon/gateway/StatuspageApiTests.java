package dev.beacon.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Statuspage v2 read API of a page, against the reference's example
 * ({@code src/test/resources/statuspage/summary.example.json}): a Beacon page shaped like
 * the example's (a group of two components, one under maintenance, a major incident, a
 * maintenance in progress) answers with the same objects, field for field, the same
 * statuses and indicator, and timestamps in the reference's format.
 */
class StatuspageApiTests extends EdgeTestSupport {

	static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}[+-]\\d{2}:\\d{2}";

	static final UUID WEB = UUID.randomUUID();

	static final UUID WORKER = UUID.randomUUID();

	static final UUID API = UUID.randomUUID();

	static String exampleDocument(String slug) {
		return """
				{"slug":"%s","name":"Acme PaaS","description":null,"timeZone":"Etc/UTC","showUptime":true,
				 "showResponseTimes":true,"overall":{"status":"degraded","description":"Partially Degraded"},
				 "components":[
				   {"id":"%s","name":"Web","group":"checkout-app","status":"degraded","degradation":"partial",
				    "since":"2026-09-03T11:58:00Z","reason":"2/5 pods ready: CrashLoopBackOff"},
				   {"id":"%s","name":"Worker","group":"checkout-app","status":"operational",
				    "since":"2026-08-19T21:22:13.294Z","reason":null},
				   {"id":"%s","name":"API","group":null,"status":"maintenance","since":"2026-09-03T11:00:02.284Z",
				    "reason":"Under maintenance: Postgres 17 upgrade"}],
				 "metrics":[],
				 "incidents":[{"id":"%s","title":"Elevated 5xx on checkout-app","status":"identified","impact":"major",
				   "startedAt":"2026-09-03T11:14:17.737Z","resolvedAt":null,"updatedAt":"2026-09-03T11:37:37.404Z",
				   "latestUpdate":"Two of five pods are crash-looping after deploy v42; rolling back.",
				   "updates":[
				     {"id":"%s","status":"identified","body":"Two of five pods are crash-looping after deploy v42; rolling back.",
				      "createdAt":"2026-09-03T11:37:37.388Z"},
				     {"id":"%s","status":"investigating","body":"We are investigating elevated error rates.",
				      "createdAt":"2026-09-03T11:14:17.849Z"}],
				   "components":[{"id":"%s","status":"degraded"}]}],
				 "recentIncidents":[{"id":"%s","title":"Slow logins","status":"resolved","impact":"minor",
				   "startedAt":"2026-09-01T08:00:00Z","resolvedAt":"2026-09-01T09:00:00Z",
				   "updatedAt":"2026-09-01T09:00:00Z","latestUpdate":"Fixed.","updates":[],"components":[]}],
				 "maintenances":[
				   {"id":"%s","title":"Postgres 17 upgrade","body":"The API will be read-only for 30 minutes.",
				    "status":"in_progress","scheduledFor":"2026-09-03T11:00:00Z","scheduledUntil":"2026-09-03T11:30:00Z",
				    "components":["%s"],"updatedAt":"2026-09-03T11:00:02.284Z"},
				   {"id":"%s","title":"Network change","body":null,"status":"scheduled",
				    "scheduledFor":"2026-09-10T22:00:00Z","scheduledUntil":"2026-09-10T23:00:00Z",
				    "components":[],"updatedAt":"2026-09-02T10:00:00Z"}],
				 "generatedAt":"2026-09-03T11:59:00Z"}"""
			.formatted(slug, WEB, WORKER, API, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), WEB,
					UUID.randomUUID(), UUID.randomUUID(), API, UUID.randomUUID());
	}

	@Test
	void summaryHasTheReferenceExamplesShapeStatusesAndIndicator() throws IOException {
		WebTestClient client = from(21);
		UUID app = UUID.randomUUID();
		String slug = "acme-" + app.toString().substring(0, 8);
		publish(app, slug, true, List.of(), List.of(), exampleDocument(slug));
		awaitServed(client, "/public/status/" + slug, null, "Acme PaaS");

		JsonNode summary = read(client, "/status/" + slug + "/api/v2/summary.json");
		JsonNode example = example();
		List<String> differences = new ArrayList<>();
		compareShape("$", example, summary, differences);
		assertThat(differences).isEmpty();

		assertThat(summary.get("status")).isEqualTo(example.get("status"));
		assertThat(statuses(summary.get("components"))).isEqualTo(statuses(example.get("components")));
		assertThat(summary.at("/components/0/group").asBoolean()).isTrue();
		assertThat(summary.at("/components/0/components/0").asString()).isEqualTo(WEB.toString());
		assertThat(summary.at("/components/1/group_id").asString())
			.isEqualTo(summary.at("/components/0/id").asString());
		assertThat(summary.at("/page/url").asString()).isEqualTo("https://beacon.test/status/" + slug);
		assertThat(summary.at("/page/updated_at").asString()).isEqualTo("2026-09-03T11:59:00.000+00:00");
		assertThat(summary.at("/incidents/0/incident_updates/0/status").asString()).isEqualTo("identified");
		assertThat(summary.at("/incidents/0/components/0/id").asString()).isEqualTo(WEB.toString());
		assertThat(summary.at("/incidents/0/shortlink").asString()).startsWith("https://beacon.test/status/" + slug);
		assertThat(summary.get("scheduled_maintenances")).hasSize(2);
		assertTimestamps("$", summary);
	}

	@Test
	void servesEveryEndpointOfTheReferenceWithCorsHeadAndItsArrays() {
		WebTestClient client = from(22);
		UUID app = UUID.randomUUID();
		String slug = "every-" + app.toString().substring(0, 8);
		publish(app, slug, true, List.of(), List.of(), exampleDocument(slug));
		awaitServed(client, "/public/status/" + slug, null, "Acme PaaS");
		Map<String, String> arrays = Map.of("summary.json", "components", "status.json", "status", "components.json",
				"components", "incidents.json", "incidents", "incidents/unresolved.json", "incidents",
				"scheduled-maintenances.json", "scheduled_maintenances", "scheduled-maintenances/upcoming.json",
				"scheduled_maintenances", "scheduled-maintenances/active.json", "scheduled_maintenances");
		java.util.concurrent.atomic.AtomicInteger address = new java.util.concurrent.atomic.AtomicInteger(40);
		arrays.forEach((endpoint, member) -> {
			String path = "/status/" + slug + "/api/v2/" + endpoint;
			// an address per endpoint: these reads stay well within the test's rate limit
			WebTestClient each = from(address.getAndIncrement());
			each.get()
				.uri(path)
				.header(HttpHeaders.ORIGIN, "https://widget.example")
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
				.expectBody()
				.jsonPath("$.page.id")
				.isEqualTo(app.toString())
				.jsonPath("$." + member)
				.exists();
			each.head().uri(path).exchange().expectStatus().isOk().expectBody().isEmpty();
		});
		client = from(50);
		assertThat(read(client, "/status/" + slug + "/api/v2/incidents.json").get("incidents")).hasSize(2);
		assertThat(read(client, "/status/" + slug + "/api/v2/incidents/unresolved.json").get("incidents")).hasSize(1);
		assertThat(read(client, "/status/" + slug + "/api/v2/scheduled-maintenances/upcoming.json")
			.at("/scheduled_maintenances/0/name")
			.asString()).isEqualTo("Network change");
		assertThat(read(client, "/status/" + slug + "/api/v2/scheduled-maintenances/active.json")
			.at("/scheduled_maintenances/0/name")
			.asString()).isEqualTo("Postgres 17 upgrade");
		client.get()
			.uri("/status/" + slug + "/api/v2/no-such.json")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("Not Found")
			.jsonPath("$.status")
			.isEqualTo(404);
		client.get()
			.uri("/status/" + slug + "/history.atom")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((atom) -> assertThat(atom).contains("<feed xmlns=\"http://www.w3.org/2005/Atom\"")
				.contains("Elevated 5xx on checkout-app")
				.contains("Slow logins"));
	}

	private static JsonNode read(WebTestClient client, String path) {
		return json.readTree(
				client.get().uri(path).exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());
	}

	private static JsonNode example() throws IOException {
		try (InputStream in = StatuspageApiTests.class.getResourceAsStream("/statuspage/summary.example.json")) {
			return json.readTree(in.readAllBytes());
		}
	}

	/**
	 * Every object of {@code actual} has exactly the members of the example's object at
	 * the same place, each of the same JSON type (or null where the example's may be).
	 */
	private static void compareShape(String path, JsonNode example, JsonNode actual, List<String> differences) {
		if (actual.isNull() && path.endsWith(".affected_components")) {
			// the reference: null or a list
			return;
		}
		if (example.isObject()) {
			if (!actual.isObject()) {
				differences.add(path + " is not an object");
				return;
			}
			Set<String> expected = new TreeSet<>(example.propertyNames());
			Set<String> got = new TreeSet<>(actual.propertyNames());
			if (!expected.equals(got)) {
				differences.add(path + " has " + got + ", the example " + expected);
			}
			for (String name : expected) {
				if (actual.has(name)) {
					compareShape(path + "." + name, example.get(name), actual.get(name), differences);
				}
			}
		}
		else if (example.isArray()) {
			if (!actual.isArray()) {
				differences.add(path + " is not an array");
				return;
			}
			for (int i = 0; i < actual.size() && !example.isEmpty(); i++) {
				compareShape(path + "[" + i + "]", example.get(Math.min(i, example.size() - 1)), actual.get(i),
						differences);
			}
		}
		else if (!actual.isNull() && !example.isNull() && example.getNodeType() != actual.getNodeType()) {
			differences.add(path + " is " + actual.getNodeType() + ", the example's " + example.getNodeType());
		}
	}

	private static void assertTimestamps(String path, JsonNode node) {
		if (node.isObject()) {
			for (String name : node.propertyNames()) {
				JsonNode value = node.get(name);
				if ((name.endsWith("_at") || name.equals("scheduled_for") || name.equals("scheduled_until"))
						&& !value.isNull()) {
					assertThat(value.asString()).as(path + "." + name).matches(TIMESTAMP);
				}
				assertTimestamps(path + "." + name, value);
			}
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				assertTimestamps(path + "[" + i + "]", node.get(i));
			}
		}
	}

	private static List<String> statuses(JsonNode components) {
		List<String> statuses = new ArrayList<>();
		components.forEach((component) -> statuses.add(component.get("status").asString()));
		return statuses;
	}

}
