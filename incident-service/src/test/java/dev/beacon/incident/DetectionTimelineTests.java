package dev.beacon.incident;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import dev.beacon.events.ApplicationDefined;
import dev.beacon.events.ComponentStatus;
import dev.beacon.events.ComponentStatusChanged;
import dev.beacon.events.IncidentChanged;
import dev.beacon.events.IncidentChanged.Change;
import dev.beacon.events.MaintenanceChanged;
import dev.beacon.events.Topics;
import dev.beacon.testsupport.TestDatabase;
import dev.beacon.testsupport.TestInfrastructure;
import dev.beacon.testsupport.TestTokens;
import dev.beacon.testsupport.TestTopics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dev.beacon.events.ComponentStatus.DEGRADED;
import static dev.beacon.events.ComponentStatus.OPERATIONAL;
import static dev.beacon.events.ComponentStatus.OUTAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Detection on recorded status timelines, through a real broker and a real database, with
 * the service's clock moved by the test — including restarts of the service in the middle
 * of a debounce and of a hold, with the clock moved on while it was down.
 */
class DetectionTimelineTests {

	static final TestDatabase database = TestInfrastructure.database("incident_timeline");

	static final String prefix = TestInfrastructure.topicPrefix(DetectionTimelineTests.class);

	static final TestTopics topics = new TestTopics(prefix, Topics.INCIDENTS, Topics.STATUS_CHANGES);

	static final JsonMapper json = JsonMapper.builder().build();

	static final Duration TIMEOUT = Duration.ofSeconds(30);

	final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

	final UUID app = UUID.randomUUID();

	final UUID api = UUID.randomUUID();

	final UUID worker = UUID.randomUUID();

	ConfigurableApplicationContext service;

	@BeforeEach
	void start() {
		this.service = startService();
	}

	@AfterEach
	void stop() {
		this.service.close();
	}

	@AfterAll
	static void closeTopics() {
		topics.close();
	}

	@Test
	void flappingForAnHourMakesOneIncidentThatResolvesAfterTheHold() {
		for (int minute = 0; minute < 60; minute += 4) {
			send(this.api, OPERATIONAL, OUTAGE, "Refused");
			this.clock.advance(Duration.ofMinutes(2));
			send(this.api, OUTAGE, OPERATIONAL, null);
			this.clock.advance(Duration.ofMinutes(2));
		}
		this.clock.advance(Duration.ofMinutes(1));
		awaitSteady(() -> incidentEvents().size());
		assertThat(incidentEvents()).noneMatch((event) -> event.change() == Change.RESOLVED);

		this.clock.advance(Duration.ofMinutes(5));

		await().atMost(TIMEOUT).until(() -> incidentEvents().stream().anyMatch((e) -> e.change() == Change.RESOLVED));
		List<IncidentChanged> events = incidentEvents();
		assertThat(events).filteredOn((event) -> event.change() == Change.OPENED).hasSize(1);
		assertThat(events).extracting((event) -> event.incident().incidentId())
			.containsOnly(events.get(0).incident().incidentId());
		assertThat(events.get(events.size() - 1).latestUpdate().body())
			.isEqualTo("Resolved: every affected component has stayed operational for 5 minutes.");
	}

	@Test
	void overlappingFailuresJoinOneIncident() {
		send(this.api, OPERATIONAL, OUTAGE, "HTTP 503");
		this.clock.advance(Duration.ofSeconds(10));
		send(this.worker, OPERATIONAL, DEGRADED, "1/3 pods");
		this.clock.advance(Duration.ofSeconds(60));
		await().atMost(TIMEOUT).until(() -> incidentEvents().size() == 2);
		send(this.api, OUTAGE, OPERATIONAL, null);

		await().atMost(TIMEOUT).until(() -> incidentEvents().size() == 3);
		assertThat(incidentEvents()).extracting((event) -> event.latestUpdate().body())
			.containsExactly("API is down (HTTP 503).", "API still down (HTTP 503); Worker is degraded (1/3 pods).",
					"API recovered; Worker still degraded (1/3 pods).");
	}

	@Test
	void aRestartDuringTheDebounceNeitherLosesNorDuplicatesTheIncident() {
		send(this.api, OPERATIONAL, DEGRADED, "Slow");
		awaitTimer();
		this.service.close();
		this.clock.advance(Duration.ofSeconds(61));

		this.service = startService();

		await().atMost(TIMEOUT).until(() -> incidentEvents().size() == 1);
		awaitSteady(() -> incidentEvents().size());
		assertThat(incidentEvents().get(0).change()).isEqualTo(Change.OPENED);
		assertThat(incidentEvents().get(0).incident().impact()).isEqualTo("minor");
	}

	@Test
	void aRestartDuringTheHoldResolvesOnce() {
		send(this.api, OPERATIONAL, OUTAGE, null);
		this.clock.advance(Duration.ofSeconds(30));
		send(this.api, OUTAGE, OPERATIONAL, null);
		await().atMost(TIMEOUT).until(() -> incidentEvents().size() == 2);
		assertThat(incidentEvents().get(1).incident().status()).isEqualTo("monitoring");
		this.service.close();
		this.clock.advance(Duration.ofMinutes(5));

		this.service = startService();

		await().atMost(TIMEOUT).until(() -> incidentEvents().size() == 3);
		awaitSteady(() -> incidentEvents().size());
		assertThat(incidentEvents().get(2).change()).isEqualTo(Change.RESOLVED);
	}

	@Test
	void aBacklogIsJudgedInEventTimeSoARelapseAfterTheHoldOpensAnIncidentOfItsOwn() {
		Instant failed = this.clock.instant();
		this.service.close();
		// the service was down while the component failed, recovered for six minutes
		// (more
		// than the five-minute hold) and failed again; the three changes arrive at once
		this.clock.advance(Duration.ofMinutes(8));
		sendAt(this.api, OPERATIONAL, OUTAGE, "Refused", failed);
		sendAt(this.api, OUTAGE, OPERATIONAL, null, failed.plusSeconds(60));
		UUID relapse = sendAt(this.api, OPERATIONAL, OUTAGE, "Refused", failed.plusSeconds(60 + 360));

		this.service = startService();
		awaitProcessed(relapse);

		awaitSteady(() -> incidentEvents().size());
		List<IncidentChanged> events = incidentEvents();
		assertThat(events).extracting(IncidentChanged::change)
			.containsExactly(Change.OPENED, Change.UPDATED, Change.RESOLVED, Change.OPENED);
		assertThat(events.get(3).incident().incidentId()).isNotEqualTo(events.get(0).incident().incidentId());
	}

	@Test
	void aLateStatusChangeChangesNothing() {
		Instant failed = this.clock.instant();
		send(this.api, OPERATIONAL, OUTAGE, null);
		await().atMost(TIMEOUT).until(() -> incidentEvents().size() == 1);
		this.clock.advance(Duration.ofSeconds(30));

		// published before the outage, delivered after it (a replayed dead letter)
		UUID late = sendAt(this.api, OUTAGE, OPERATIONAL, null, failed.minusSeconds(5));
		awaitProcessed(late);

		awaitSteady(() -> incidentEvents().size());
		assertThat(incidentEvents()).hasSize(1);
	}

	@Test
	void aMaintenanceOverlappingAFailureHoldsTheIncidentBackUntilItCompletes() {
		String token = TestTokens.forApplications(this.app);
		ApplicationDefined defined = new ApplicationDefined(UUID.randomUUID(), Instant.now(), this.app, "app", "App",
				true, List.of(new ApplicationDefined.Component(this.api, "API", null)));
		topics.send(Topics.CATALOG, this.app.toString(), json.writeValueAsString(defined));
		// the catalog arrives asynchronously; until then the component is not the
		// application's own and nothing is scheduled
		await().atMost(TIMEOUT)
			.untilAsserted(() -> scheduleMaintenance(token).expectStatus()
				.isCreated()
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo("scheduled"));
		this.clock.advance(Duration.ofSeconds(60));
		await().atMost(TIMEOUT).until(() -> maintenanceEvents().size() == 2);
		assertThat(maintenanceEvents().get(1).change()).isEqualTo(MaintenanceChanged.Change.STARTED);

		send(this.api, OPERATIONAL, OUTAGE, "Restarting");
		awaitSteady(() -> incidentEvents().size());
		assertThat(incidentEvents()).isEmpty();

		this.clock.advance(Duration.ofSeconds(540));

		await().atMost(TIMEOUT).until(() -> incidentEvents().size() == 1);
		assertThat(maintenanceEvents()).extracting(MaintenanceChanged::change)
			.containsExactly(MaintenanceChanged.Change.SCHEDULED, MaintenanceChanged.Change.STARTED,
					MaintenanceChanged.Change.COMPLETED);
		assertThat(incidentEvents().get(0).change()).isEqualTo(Change.OPENED);
	}

	private WebTestClient.ResponseSpec scheduleMaintenance(String token) {
		return client().post()
			.uri("/api/applications/{app}/maintenances", this.app)
			.headers((headers) -> headers.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("""
					{"title":"Database upgrade","body":"Read-only meanwhile.","componentIds":["%s"],
					 "scheduledFor":"%s","scheduledUntil":"%s"}""".formatted(this.api,
					this.clock.instant().plusSeconds(60), this.clock.instant().plusSeconds(600)))
			.exchange();
	}

	private ConfigurableApplicationContext startService() {
		SpringApplication application = IncidentApplication.application();
		application.addInitializers((context) -> context.getBeanFactory().registerSingleton("clock", this.clock));
		return application.run("--server.port=0", "--management.server.port=0",
				"--beacon.security.jwt.hmac-secret=" + TestTokens.HMAC_SECRET, "--" + TestTokens.AUDIENCE_PROPERTY,
				"--spring.r2dbc.url=" + database.r2dbcUrl(), "--spring.r2dbc.username=" + database.username(),
				"--spring.r2dbc.password=" + database.password(), "--spring.flyway.url=" + database.jdbcUrl(),
				"--spring.flyway.user=" + database.username(), "--spring.flyway.password=" + database.password(),
				"--beacon.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
				"--beacon.kafka.topic-prefix=" + prefix, "--beacon.incident.detection.sweep-interval=200ms");
	}

	private WebTestClient client() {
		return TestInfrastructure
			.client(Integer.parseInt(this.service.getEnvironment().getProperty("local.server.port")));
	}

	private void send(UUID component, ComponentStatus previous, ComponentStatus current, String reason) {
		awaitProcessed(sendAt(component, previous, current, reason, this.clock.instant()));
	}

	private UUID sendAt(UUID component, ComponentStatus previous, ComponentStatus current, String reason,
			Instant since) {
		UUID eventId = UUID.randomUUID();
		String name = component.equals(this.api) ? "API" : "Worker";
		topics.send(Topics.STATUS_CHANGES, component.toString(),
				json.writeValueAsString(new ComponentStatusChanged(eventId, Instant.now(), this.app, component, name,
						previous, current, since, reason)));
		return eventId;
	}

	/** Waits until the service handled the event, before the clock moves on. */
	private void awaitProcessed(UUID eventId) {
		await().atMost(TIMEOUT)
			.until(() -> count("SELECT count(*) AS n FROM processed_events WHERE event_id = '" + eventId + "'") == 1);
	}

	private void awaitTimer() {
		await().atMost(TIMEOUT)
			.until(() -> count("SELECT count(*) AS n FROM detection_timers WHERE " + "application_id = '" + this.app
					+ "' AND due_at IS NOT NULL") == 1);
	}

	private long count(String sql) {
		return this.service.getBean(DatabaseClient.class)
			.sql(sql)
			.map((row) -> row.get("n", Long.class))
			.one()
			.blockOptional()
			.orElse(0L);
	}

	/** Waits until the value has stayed the same for two seconds: nothing more comes. */
	private static void awaitSteady(java.util.concurrent.Callable<Integer> value) {
		int[] last = { -1 };
		await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
			int current = value.call();
			boolean same = current == last[0];
			last[0] = current;
			return same;
		});
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> value.call() == last[0]);
	}

	private List<IncidentChanged> incidentEvents() {
		return recordsOfType("dev.beacon.IncidentChanged").stream()
			.map((value) -> json.readValue(value, IncidentChanged.class))
			.filter((event) -> event.incident().applicationId().equals(this.app))
			.toList();
	}

	private List<MaintenanceChanged> maintenanceEvents() {
		return recordsOfType("dev.beacon.MaintenanceChanged").stream()
			.map((value) -> json.readValue(value, MaintenanceChanged.class))
			.filter((event) -> event.maintenance().applicationId().equals(this.app))
			.toList();
	}

	private static List<String> recordsOfType(String type) {
		return topics.recordsOn(Topics.INCIDENTS)
			.stream()
			.filter((record) -> type.equals(header(record, "ce_type")))
			.map(ConsumerRecord::value)
			.toList();
	}

	private static String header(ConsumerRecord<String, String> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), java.nio.charset.StandardCharsets.UTF_8) : null;
	}

}
