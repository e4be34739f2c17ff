package dev.beacon.statusapi.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.beacon.events.ComponentStatus;
import dev.beacon.events.ComponentStatusChanged;
import dev.beacon.events.ObservationRecorded;
import dev.beacon.events.Topics;
import dev.beacon.outbox.Inbox;
import dev.beacon.outbox.Outbox;
import dev.beacon.statusapi.StatusApiApplication;
import dev.beacon.statusapi.history.HistoryStore;
import dev.beacon.statusapi.registry.RegisteredComponents;
import dev.beacon.testsupport.TestDatabase;
import dev.beacon.testsupport.TestInfrastructure;
import dev.beacon.testsupport.TestTokens;
import dev.beacon.testsupport.TestTopics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The batch ingest against a real PostgreSQL and a real Kafka broker: a stale writer
 * changes nothing, redeliveries are applied once, an unreadable record is dead-lettered
 * alone while the rest of its batch is applied.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + StatusApiApplication.CONFIG_NAME,
				"beacon.security.jwt.hmac-secret=" + TestTokens.HMAC_SECRET, TestTokens.AUDIENCE_PROPERTY,
				"management.server.port=0" })
class StatusIngestTests {

	static final TestDatabase testDatabase = TestInfrastructure.database("status_api");

	static final String prefix = TestInfrastructure.topicPrefix(StatusIngestTests.class);

	static final TestTopics topics = new TestTopics(prefix, Topics.STATUS_CHANGES);

	static final JsonMapper json = JsonMapper.builder().build();

	static final Duration TIMEOUT = Duration.ofSeconds(30);

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		testDatabase.register(registry);
		TestInfrastructure.registerKafka(registry, prefix);
	}

	@AfterAll
	static void closeTopics() {
		topics.close();
	}

	@Value("${local.server.port}")
	int port;

	@Value("${local.management.port}")
	int managementPort;

	@Autowired
	StatusRecorder recorder;

	@Autowired
	ComponentHealthStore store;

	@Autowired
	RegisteredComponents components;

	@Autowired
	Inbox inbox;

	@Autowired
	Outbox outbox;

	@Autowired
	TransactionalOperator transactions;

	@Autowired
	HistoryStore history;

	@Autowired
	DatabaseClient database;

	WebTestClient client;

	@BeforeEach
	void client() {
		this.client = TestInfrastructure.client(this.port);
	}

	@Test
	void aWriterWithStaleStateChangesNothingAndTheBatchIsAppliedOverTheStoredState() {
		UUID app = UUID.randomUUID();
		UUID component = componentOf(register(app));
		// a second consumer of the same component (a zombie after a rebalance), with
		// state
		// of its own
		StatusRecorder zombie = new StatusRecorder(this.store, this.components, this.inbox, this.outbox,
				this.transactions, this.history, new ComponentStates());

		zombie.record(observation(app, component, 200)).block();
		this.recorder.record(observation(app, component, 503)).block();
		// the zombie still holds "operational, no failure": its write must not count
		zombie.record(observation(app, component, 503)).block();

		ComponentHealth stored = this.store.findVersioned(List.of(component)).block().get(component).health();
		assertThat(stored.consecutiveFailures()).isEqualTo(2);
		assertThat(stored.status()).isEqualTo(ComponentStatus.OUTAGE);
		await().atMost(TIMEOUT)
			.during(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(changesOf(component)).extracting(ComponentStatusChanged::current)
				.containsExactly(ComponentStatus.OPERATIONAL, ComponentStatus.OUTAGE));
	}

	@Test
	void aRedeliveredObservationIsAppliedOnceInABatchAndAcrossBatches() {
		UUID app = UUID.randomUUID();
		UUID component = componentOf(register(app));
		ObservationRecorded failed = observation(app, component, 503);
		this.recorder.record(List.of(new StatusRecorder.Received(failed, 0), new StatusRecorder.Received(failed, 0)))
			.block();
		this.recorder.record(failed).block();

		assertThat(checksOf(failed.eventId())).isEqualTo(1);
		assertThat(this.store.findVersioned(List.of(component)).block().get(component).health().consecutiveFailures())
			.isEqualTo(1);
	}

	@Test
	void keepsWhatTheCollectorSawBesideTheOutcomeWithTheCheck() {
		UUID app = UUID.randomUUID();
		UUID component = componentOf(register(app));
		ObservationRecorded probed = ObservationRecorded.http(app, component, Instant.now(), 200, 12L, null,
				Map.of("tlsDaysToExpiry", 41));
		this.recorder.record(List.of(new StatusRecorder.Received(probed, 0))).block();

		String details = this.database.sql("SELECT details::text AS d FROM status_checks WHERE event_id = :id")
			.bind("id", probed.eventId())
			.map((row) -> row.get("d", String.class))
			.one()
			.block();
		assertThat(json.readTree(details).get("tlsDaysToExpiry").asInt()).isEqualTo(41);
		assertThat(json.readTree(details).get("httpStatus").asInt()).isEqualTo(200);
	}

	@Test
	void anUnreadableObservationIsDeadLetteredAloneAndTheRestOfItsBatchIsApplied() {
		UUID app = UUID.randomUUID();
		UUID component = componentOf(register(app));
		ObservationRecorded before = observation(app, component, 200);
		ObservationRecorded after = observation(app, component, 200);
		topics.send(Topics.OBSERVATIONS, component.toString(), json.writeValueAsString(before));
		topics.send(Topics.OBSERVATIONS, component.toString(), "{not json");
		topics.send(Topics.OBSERVATIONS, component.toString(), json.writeValueAsString(after));

		await().atMost(TIMEOUT).untilAsserted(() -> {
			assertThat(checksOf(before.eventId())).isEqualTo(1);
			assertThat(checksOf(after.eventId())).isEqualTo(1);
		});
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(metrics()).containsPattern("beacon_dead_letters_total\\{topic=\""
					+ prefix.replace(".", "\\.") + "beacon\\.observations\\.v1\"\\} 1"));
		// the dead letter and the status changes are timed alike: one meter, not two
		// whose tags clash (Prometheus would drop the second)
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(metrics())
				.containsPattern("spring_kafka_template_seconds_count\\{[^}]*messaging_destination_name=\""
						+ prefix.replace(".", "\\.") + "beacon\\.status-changes\\.v1\"")
				.containsPattern("spring_kafka_template_seconds_count\\{[^}]*messaging_destination_name=\"error\\."));
	}

	@Test
	void anObservationIsJudgedByTheComponentsCheckAsItIsAfterAChange() {
		UUID app = UUID.randomUUID();
		UUID component = componentOf(register(app));
		ObservationRecorded before = observation(app, component, 200);
		this.recorder.record(before).block();
		assertThat(checkStatusOf(before.eventId())).isEqualTo("operational");

		// the check now calls 12 ms slow: the component the recorder kept is forgotten
		this.client.put()
			.uri("/api/applications/" + app)
			.headers((headers) -> headers.setBearerAuth(TestTokens.forApplications(app)))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("""
					{"slug":"ingest-%s","name":"Shop","public":true,
					 "components":[{"id":"%s","name":"API","httpCheck":{"url":"https://shop.example/health",
					 "intervalSeconds":30,"failureThreshold":2,"latencyThresholdMillis":5}}]}"""
				.formatted(app.toString().substring(0, 8), component))
			.exchange()
			.expectStatus()
			.isOk();

		await().atMost(TIMEOUT).untilAsserted(() -> {
			ObservationRecorded after = observation(app, component, 200);
			this.recorder.record(after).block();
			assertThat(checkStatusOf(after.eventId())).isEqualTo("degraded");
		});
	}

	@Test
	void anObservationOfAComponentDeletedWithItsApplicationChangesNothing() {
		UUID app = UUID.randomUUID();
		UUID component = componentOf(register(app));
		this.recorder.record(observation(app, component, 200)).block();

		// the components go with the application (ON DELETE CASCADE): the kept one is
		// forgotten too
		this.client.delete()
			.uri("/api/applications/" + app)
			.headers((headers) -> headers.setBearerAuth(TestTokens.forApplications(app)))
			.exchange()
			.expectStatus()
			.isNoContent();

		// until the deletion is notified, the recorder still knows the component and its
		// writes meet no row: the batch fails (stale, or the status row's foreign key)
		await().atMost(TIMEOUT).ignoreExceptionsInstanceOf(DataAccessException.class).untilAsserted(() -> {
			ObservationRecorded late = observation(app, component, 503);
			this.recorder.record(late).block();
			assertThat(checksOf(late.eventId())).isZero();
		});
		assertThat(this.store.findVersioned(List.of(component)).block()).isEmpty();
	}

	private String checkStatusOf(UUID eventId) {
		return this.database.sql("SELECT status FROM status_checks WHERE event_id = :id")
			.bind("id", eventId)
			.map((row) -> row.get("status", String.class))
			.one()
			.block();
	}

	private String metrics() {
		return new String(TestInfrastructure.client(this.managementPort)
			.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectBody()
			.returnResult()
			.getResponseBody());
	}

	private long checksOf(UUID eventId) {
		return this.database.sql("SELECT count(*) AS n FROM status_checks WHERE event_id = :id")
			.bind("id", eventId)
			.map((row) -> row.get("n", Long.class))
			.one()
			.block();
	}

	private List<ComponentStatusChanged> changesOf(UUID component) {
		return topics.receivedOn(Topics.STATUS_CHANGES)
			.stream()
			.map((value) -> json.readValue(value, ComponentStatusChanged.class))
			.filter((change) -> change.componentId().equals(component))
			.toList();
	}

	private static ObservationRecorded observation(UUID app, UUID component, int httpStatus) {
		return ObservationRecorded.http(app, component, Instant.now(), httpStatus, 12L, null);
	}

	private UUID register(UUID app) {
		this.client.post()
			.uri("/api/applications")
			.headers((headers) -> headers.setBearerAuth(TestTokens.forApplications(app)))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("""
					{"id":"%s","slug":"ingest-%s","name":"Shop","public":true,
					 "components":[{"name":"API","httpCheck":{"url":"https://shop.example/health",
					 "intervalSeconds":30,"failureThreshold":2}}]}""".formatted(app, app.toString().substring(0, 8)))
			.exchange()
			.expectStatus()
			.isCreated();
		return app;
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
