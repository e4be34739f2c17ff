package dev.beacon.statusapi.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.beacon.events.ObservationRecorded;
import dev.beacon.events.Topics;
import dev.beacon.statusapi.StatusApiApplication;
import dev.beacon.testsupport.TestDatabase;
import dev.beacon.testsupport.TestInfrastructure;
import dev.beacon.testsupport.TestTokens;
import dev.beacon.testsupport.TestTopics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A component followed through its pods (and an HTTP check) from registration to the
 * page, against a real PostgreSQL and Kafka.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + StatusApiApplication.CONFIG_NAME, TestTokens.HMAC_SECRET_PROPERTY,
				TestTokens.AUDIENCE_PROPERTY, "management.server.port=0" })
class PodStatusTests {

	static final TestDatabase database = TestInfrastructure.database("status_api_pods");

	static final String prefix = TestInfrastructure.topicPrefix(PodStatusTests.class);

	static final TestTopics topics = new TestTopics(prefix, Topics.CATALOG, Topics.STATUS_CHANGES);

	static final JsonMapper json = JsonMapper.builder().build();

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		database.register(registry);
		TestInfrastructure.registerKafka(registry, prefix);
	}

	@AfterAll
	static void closeTopics() {
		topics.close();
	}

	@Value("${local.server.port}")
	int port;

	WebTestClient client;

	@BeforeEach
	void client() {
		this.client = TestInfrastructure.client(this.port);
	}

	@Test
	void showsThePodPictureOnThePageAndInStatusChanges() {
		UUID id = UUID.randomUUID();
		String slug = "pods-" + id.toString().substring(0, 8);
		post(id, """
				{"id":"%s","slug":"%s","name":"Jobs","public":true,
				 "components":[{"name":"Worker","kubernetes":{"namespace":"jobs","labelSelector":"app=worker, tier in (batch)"},
				   "httpCheck":{"url":"https://jobs.example/health","intervalSeconds":10,"method":"head",
				     "headers":{"Accept":"text/plain"},"expectedStatuses":[200,204],"bodyContains":"ok"}}]}"""
			.formatted(id, slug)).expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.components[0].kubernetes.namespace")
			.isEqualTo("jobs")
			.jsonPath("$.components[0].kubernetes.intervalSeconds")
			.isEqualTo(30)
			.jsonPath("$.components[0].httpCheck.method")
			.isEqualTo("HEAD")
			.jsonPath("$.components[0].httpCheck.timeoutMillis")
			.isEqualTo(5000);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> topics.receivedOn(Topics.CATALOG)
				.stream()
				.anyMatch((event) -> event.contains(slug)
						&& event.contains("\"labelSelector\":\"app=worker, tier in (batch)\"")
						&& event.contains("\"expectedStatuses\":[200,204]")));
		UUID worker = componentOf(id);

		observePods(id, worker, 1, 3, 2, "CrashLoopBackOff", "NotReady");
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> page(slug).jsonPath("$.components[0].status")
				.isEqualTo("degraded")
				.jsonPath("$.components[0].degradation")
				.isEqualTo("partial")
				.jsonPath("$.components[0].reason")
				.isEqualTo("1/3 pods ready: CrashLoopBackOff, NotReady")
				.jsonPath("$.components[0].pods.total")
				.isEqualTo(3)
				.jsonPath("$.components[0].pods.ready")
				.isEqualTo(1));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> topics.receivedOn(Topics.STATUS_CHANGES)
				.stream()
				.anyMatch((event) -> event.contains(worker.toString()) && event.contains("\"current\":\"degraded\"")
						&& event.contains("\"degradation\":\"partial\"")));

		// a 204 is one of the expected statuses; the pods all ready: operational
		observeHttp(id, worker, 204, 20L);
		observePods(id, worker, 3, 3, 0);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> page(slug).jsonPath("$.components[0].status")
				.isEqualTo("operational")
				.jsonPath("$.components[0].degradation")
				.doesNotExist()
				.jsonPath("$.components[0].pods.ready")
				.isEqualTo(3));

		// slow answers: a degradation of performance
		observeHttp(id, worker, 200, 4000L);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> page(slug).jsonPath("$.components[0].degradation").isEqualTo("performance"));

		// scaled to zero: an outage, whatever the HTTP check says
		observePods(id, worker, 0, 0, 0);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> page(slug).jsonPath("$.components[0].status")
				.isEqualTo("outage")
				.jsonPath("$.components[0].reason")
				.isEqualTo("No pods running")
				.jsonPath("$.overall.description")
				.isEqualTo("Major Outage"));
	}

	@Test
	void refusesInvalidKubernetesSourcesAndCheckTimingsNamingTheField() {
		UUID id = UUID.randomUUID();
		Map<String, String> refusals = new java.util.LinkedHashMap<>();
		refusals.put("\"kubernetes\":{\"namespace\":\"Jobs_NS\",\"labelSelector\":\"app=worker\"}",
				"components[0].kubernetes.namespace");
		refusals.put("\"kubernetes\":{\"namespace\":\"jobs\",\"labelSelector\":\"app in (worker\"}",
				"components[0].kubernetes.labelSelector");
		refusals.put("\"kubernetes\":{\"namespace\":\"jobs\",\"labelSelector\":\"app=-worker\"}",
				"components[0].kubernetes.labelSelector");
		refusals.put("\"kubernetes\":{\"namespace\":\"jobs\",\"labelSelector\":\"app=worker\",\"intervalSeconds\":1}",
				"components[0].kubernetes.intervalSeconds");
		refusals.put("\"httpCheck\":{\"url\":\"https://jobs.example/\",\"intervalSeconds\":2}",
				"components[0].httpCheck.intervalSeconds");
		refusals.put("\"httpCheck\":{\"url\":\"https://jobs.example/\",\"intervalSeconds\":10,\"timeoutMillis\":10000}",
				"components[0].httpCheck.timeoutMillis");
		refusals.put("\"httpCheck\":{\"url\":\"https://jobs.example/\",\"method\":\"TRACE\"}",
				"components[0].httpCheck.method");
		refusals.put("\"httpCheck\":{\"url\":\"https://jobs.example/\",\"headers\":{\"Bad Header\":\"x\"}}",
				"components[0].httpCheck.headers<K>[Bad Header]");
		refusals.forEach((source, field) -> post(id, """
				{"id":"%s","slug":"refused","name":"Jobs","public":true,
				 "components":[{"name":"Worker",%s}]}""".formatted(id, source)).expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.value((value) -> assertThat(String.valueOf(value)).as(source).startsWith(field.replaceAll("<K>.*", ""))));
	}

	private WebTestClient.ResponseSpec post(UUID id, String body) {
		return this.client.post()
			.uri("/api/applications")
			.headers((headers) -> headers.setBearerAuth(TestTokens.forApplications(id)))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	private WebTestClient.BodyContentSpec page(String slug) {
		return this.client.get().uri("/public/status/" + slug).exchange().expectStatus().isOk().expectBody();
	}

	private UUID componentOf(UUID applicationId) {
		String body = new String(this.client.get()
			.uri("/api/applications/" + applicationId)
			.headers((headers) -> headers.setBearerAuth(TestTokens.forApplications(applicationId)))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		return UUID.fromString(json.readTree(body).get("components").get(0).get("id").asString());
	}

	private static void observePods(UUID app, UUID component, int ready, int total, int restarts, String... reasons) {
		List<Map<String, Object>> pods = java.util.stream.IntStream.range(0, reasons.length)
			.mapToObj((i) -> Map.<String, Object>of("name", "worker-" + i, "ready", false, "reason", reasons[i]))
			.toList();
		send(ObservationRecorded.pods(app, component, Instant.now(), ready, total, restarts,
				Map.of("restartWindowSeconds", 600, "pods", pods)));
	}

	private static void observeHttp(UUID app, UUID component, int status, long latency) {
		send(ObservationRecorded.http(app, component, Instant.now(), status, latency, null));
	}

	private static void send(ObservationRecorded observation) {
		topics.send(Topics.OBSERVATIONS, observation.componentId().toString(), json.writeValueAsString(observation));
	}

}
