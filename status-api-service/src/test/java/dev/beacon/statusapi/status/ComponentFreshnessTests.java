package dev.beacon.statusapi.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.beacon.events.ComponentStatus;
import dev.beacon.events.ComponentStatusChanged;
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
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Freshness judged by status-api's clock, and {@code unknown} as a published status
 * change, against a real PostgreSQL and a real Kafka broker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + StatusApiApplication.CONFIG_NAME,
				"beacon.security.jwt.hmac-secret=" + TestTokens.HMAC_SECRET, TestTokens.AUDIENCE_PROPERTY,
				// checks every second, so that staleness shows within the test
				"beacon.registry.min-check-interval-seconds=1", "management.server.port=0",
				"beacon.status.sweep-interval=500ms" })
class ComponentFreshnessTests {

	static final TestDatabase database = TestInfrastructure.database("status_api");

	static final String prefix = TestInfrastructure.topicPrefix(ComponentFreshnessTests.class);

	static final TestTopics topics = new TestTopics(prefix, Topics.STATUS_CHANGES);

	static final JsonMapper json = JsonMapper.builder().build();

	static final Duration TIMEOUT = Duration.ofSeconds(30);

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

	@Autowired
	StalenessSweep sweep;

	WebTestClient client;

	@BeforeEach
	void client() {
		this.client = TestInfrastructure.client(this.port);
	}

	@Test
	void aCollectorWhoseClockLagsTenMinutesKeepsTheComponentFresh() {
		UUID app = UUID.randomUUID();
		String slug = register(app, 2);
		UUID component = componentOf(app);
		ScheduledExecutorService collector = Executors.newSingleThreadScheduledExecutor();
		try {
			collector.scheduleAtFixedRate(
					() -> observe(app, component, Instant.now().minus(Duration.ofMinutes(10)), 200), 0, 500,
					TimeUnit.MILLISECONDS);
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(statusOf(slug)).isEqualTo("operational"));
			// longer than the freshness window of 3 × 2 s, and sweeps run every 500 ms
			await().during(Duration.ofSeconds(8))
				.atMost(Duration.ofSeconds(12))
				.untilAsserted(() -> assertThat(statusOf(slug)).isEqualTo("operational"));
		}
		finally {
			collector.shutdownNow();
		}
		assertThat(changesOf(component)).extracting(ComponentStatusChanged::current)
			.containsExactly(ComponentStatus.OPERATIONAL);
	}

	@Test
	void aComponentWhoseObservationsStopTurnsUnknownAndTheNextObservationTurnsItBack() {
		UUID app = UUID.randomUUID();
		String slug = register(app, 1);
		UUID component = componentOf(app);
		observe(app, component, Instant.now(), 200);
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(changesOf(component)).hasSize(1));

		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(changesOf(component)).hasSize(2));
		ComponentStatusChanged stale = changesOf(component).get(1);
		assertThat(stale.previous()).isEqualTo(ComponentStatus.OPERATIONAL);
		assertThat(stale.current()).isEqualTo(ComponentStatus.UNKNOWN);
		assertThat(stale.applicationId()).isEqualTo(app);
		assertThat(stale.componentName()).isEqualTo("API");
		assertThat(stale.reason()).isEqualTo("No recent observation");
		assertThat(stale.since()).isAfter(changesOf(component).get(0).since());
		this.client.get()
			.uri("/public/status/" + slug)
			.exchange()
			.expectBody()
			.jsonPath("$.components[0].status")
			.isEqualTo("unknown")
			.jsonPath("$.components[0].reason")
			.isEqualTo("No recent observation")
			.jsonPath("$.overall.description")
			.isEqualTo("Status Unknown");

		observe(app, component, Instant.now(), 503);
		observe(app, component, Instant.now(), 503);
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(changesOf(component)).hasSize(3));
		ComponentStatusChanged back = changesOf(component).get(2);
		assertThat(back.previous()).isEqualTo(ComponentStatus.UNKNOWN);
		assertThat(back.current()).isEqualTo(ComponentStatus.OUTAGE);
		assertThat(back.since()).isAfter(stale.since());
		assertThat(statusOf(slug)).isEqualTo("outage");
	}

	@Test
	void observationsThatWaitedInABacklogCountAsOldAsTheyAre() {
		UUID app = UUID.randomUUID();
		String slug = register(app, 1);
		UUID component = componentOf(app);
		Instant start = Instant.now();
		observe(app, component, start, 200);
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(changesOf(component)).hasSize(2));
		assertThat(statusOf(slug)).isEqualTo("unknown");
		// the probes below are 0.2 s younger than the first, so they would stay fresh
		// until 0.2 s (and the offset's rise) after it went stale: deliver them later
		Instant staleSince = changesOf(component).get(1).since();
		await().atMost(TIMEOUT).until(() -> Instant.now().isAfter(staleSince.plusSeconds(1)));

		// two failed probes made right after the first, delivered only now (the database
		// or this service was down meanwhile): applied, but as old as they are
		observe(app, component, start.plusMillis(100), 503);
		observe(app, component, start.plusMillis(200), 503);
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(changesOf(component)).extracting(ComponentStatusChanged::current)
				.startsWith(ComponentStatus.OPERATIONAL, ComponentStatus.UNKNOWN, ComponentStatus.OUTAGE));
		// the change is committed with the state it published: the page already says
		// unknown, not an outage fresh for three more seconds
		assertThat(statusOf(slug)).isEqualTo("unknown");
		// dated as early as it may be: when the unknown it ends began, not at its receipt
		assertThat(changesOf(component).get(2).since()).isEqualTo(changesOf(component).get(1).since());
	}

	@Test
	void concurrentSweepsTurnAComponentUnknownOnce() {
		UUID app = UUID.randomUUID();
		String slug = register(app, 1);
		UUID component = componentOf(app);
		observe(app, component, Instant.now(), 200);
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(statusOf(slug)).isEqualTo("operational"));

		await().atMost(TIMEOUT).until(() -> {
			Flux.range(0, 4).flatMap((sweeper) -> this.sweep.sweep().subscribeOn(Schedulers.parallel())).blockLast();
			return statusOf(slug).equals("unknown");
		});
		await().during(Duration.ofSeconds(2))
			.atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(changesOf(component)).extracting(ComponentStatusChanged::current)
				.containsExactly(ComponentStatus.OPERATIONAL, ComponentStatus.UNKNOWN));
	}

	private List<ComponentStatusChanged> changesOf(UUID component) {
		return topics.receivedOn(Topics.STATUS_CHANGES)
			.stream()
			.map((value) -> json.readValue(value, ComponentStatusChanged.class))
			.filter((change) -> change.componentId().equals(component))
			.toList();
	}

	private String statusOf(String slug) {
		String body = new String(this.client.get()
			.uri("/public/status/" + slug)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		return json.readTree(body).at("/components/0/status").asString();
	}

	private void observe(UUID app, UUID component, Instant observedAt, int httpStatus) {
		ObservationRecorded observation = ObservationRecorded.http(app, component, observedAt, httpStatus, 12L, null);
		topics.send(Topics.OBSERVATIONS, component.toString(), json.writeValueAsString(observation));
	}

	private String register(UUID app, int intervalSeconds) {
		String slug = "fresh-" + app.toString().substring(0, 8);
		this.client.post()
			.uri("/api/applications")
			.headers((headers) -> headers.setBearerAuth(TestTokens.forApplications(app)))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("""
					{"id":"%s","slug":"%s","name":"Shop","public":true,
					 "components":[{"name":"API","httpCheck":{"url":"https://shop.example/health",
					 "intervalSeconds":%d}}]}""".formatted(app, slug, intervalSeconds))
			.exchange()
			.expectStatus()
			.isCreated();
		return slug;
	}

	private UUID componentOf(UUID app) {
		String body = new String(this.client.get()
			.uri("/api/applications/" + app)
			.headers((headers) -> headers.setBearerAuth(TestTokens.forApplications(app)))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		return UUID.fromString(json.readTree(body).get("components").get(0).get("id").asString());
	}

}
