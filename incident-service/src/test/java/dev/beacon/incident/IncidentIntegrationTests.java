package dev.beacon.incident;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import dev.beacon.events.ApplicationDefined;
import dev.beacon.events.ComponentStatus;
import dev.beacon.events.ComponentStatusChanged;
import dev.beacon.events.IncidentChanged;
import dev.beacon.events.IncidentChanged.Change;
import dev.beacon.events.Topics;
import dev.beacon.testsupport.TestDatabase;
import dev.beacon.testsupport.TestInfrastructure;
import dev.beacon.testsupport.TestTokens;
import dev.beacon.testsupport.TestTopics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The incident service against a real PostgreSQL and a real Kafka broker. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + IncidentApplication.CONFIG_NAME, TestTokens.HMAC_SECRET_PROPERTY,
				TestTokens.AUDIENCE_PROPERTY, "management.server.port=0",
				"beacon.incident.open-incidents-refresh=200ms" })
class IncidentIntegrationTests {

	static final TestDatabase database = TestInfrastructure.database("incident");

	static final String prefix = TestInfrastructure.topicPrefix(IncidentIntegrationTests.class);

	static final TestTopics topics = new TestTopics(prefix, Topics.INCIDENTS, Topics.STATUS_CHANGES);

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

	WebTestClient client;

	@BeforeEach
	void client() {
		this.client = TestInfrastructure.client(this.port);
	}

	@Test
	void keepsATimelineEditsTitleTakesAPostmortemReopensAndPages() {
		UUID app = UUID.randomUUID();
		UUID api = UUID.randomUUID();
		UUID db = UUID.randomUUID();
		String token = TestTokens.forApplications(app);
		define(app, api, db);
		String declaration = """
				{"title":"Payments fail","impact":"major","body":"Looking.","componentIds":["%s","%s"],
				 "componentStatuses":{"%s":"degraded"}}""".formatted(api, db, db);
		// the catalog arrives asynchronously: until it does, the components are not the
		// application's own and nothing is declared
		AtomicReference<String> created = new AtomicReference<>();
		await().atMost(TIMEOUT)
			.untilAsserted(() -> created.set(declare(token, app, declaration).expectStatus()
				.isCreated()
				.expectBody()
				.jsonPath("$.components[0].status")
				.isEqualTo("outage")
				.jsonPath("$.components[1].status")
				.isEqualTo("degraded")
				.returnResult()
				.getResponseHeaders()
				.getLocation()
				.toString()));
		String location = created.get();
		UUID incidentId = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));

		postUpdate(token, app, incidentId, "{\"status\":\"identified\",\"body\":\"A bad deploy.\"}").expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("identified")
			.jsonPath("$.body")
			.isEqualTo("A bad deploy.");
		update(token, app, incidentId, "{\"title\":\"Payments failed\",\"impact\":\"minor\"}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Payments failed")
			.jsonPath("$.impact")
			.isEqualTo("minor")
			.jsonPath("$.updates.length()")
			.isEqualTo(2);
		update(token, app, incidentId, "{\"postmortem\":\"Too early.\"}").expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.currentStatus")
			.isEqualTo("identified");
		update(token, app, incidentId, "{\"status\":\"resolved\"}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("body");
		postUpdate(token, app, incidentId, "{\"status\":\"resolved\",\"body\":\"Rolled back.\"}").expectStatus()
			.isCreated();
		update(token, app, incidentId, "{\"postmortem\":\"The deploy skipped a migration.\"}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.postmortem")
			.isEqualTo("The deploy skipped a migration.");
		this.client.post()
			.uri(location + "/reopen")
			.headers((headers) -> headers.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"body\":\"It is back.\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("investigating")
			.jsonPath("$.resolvedAt")
			.doesNotExist();
		this.client.get()
			.uri(location + "/updates")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[*].body")
			.isEqualTo(List.of("It is back.", "Rolled back.", "A bad deploy.", "Looking."));

		declare(token, app, "{\"title\":\"Second\",\"impact\":\"none\",\"body\":\"b\"}").expectStatus().isCreated();
		pageOf(token, app, "?size=1").expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("Link", "</api/applications/" + app + "/incidents?page=1&size=1>; rel=\"next\"")
			.expectBody()
			.jsonPath("$[0].title")
			.isEqualTo("Second");
		pageOf(token, app, "?page=1&size=1").expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist("Link")
			.expectBody()
			.jsonPath("$[0].title")
			.isEqualTo("Payments failed");
		pageOf(token, app, "?size=500").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("size");
		await().atMost(TIMEOUT).until(() -> eventsOf(app).size() == 7);
		assertThat(eventsOf(app)).extracting((event) -> event.incident().source()).containsOnly("declared");
	}

	@Test
	void schedulesStartsExtendsAndCompletesAMaintenanceByHand() {
		UUID app = UUID.randomUUID();
		UUID api = UUID.randomUUID();
		String token = TestTokens.forApplications(app);
		Instant start = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
		String schedule = """
				{"title":"Upgrade","body":"Read-only.","componentIds":["%s"],"scheduledFor":"%s",
				 "scheduledUntil":"%s"}""".formatted(api, start, start.plusSeconds(3600));
		// a component the catalog has not defined (yet) is not the application's own
		maintenance(token, app, null, schedule).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("componentIds");
		define(app, api);
		AtomicReference<String> created = new AtomicReference<>();
		await().atMost(TIMEOUT)
			.untilAsserted(() -> created.set(maintenance(token, app, null, schedule).expectStatus()
				.isCreated()
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo("scheduled")
				.returnResult()
				.getResponseHeaders()
				.getLocation()
				.toString()));
		String location = created.get();
		UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));

		maintenance(token, app, id, "{\"status\":\"in_progress\"}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("in_progress")
			.jsonPath("$.startedAt")
			.isNotEmpty();
		maintenance(token, app, id, "{\"scheduledFor\":\"%s\"}".formatted(start.plusSeconds(60))).expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.currentStatus")
			.isEqualTo("in_progress");
		maintenance(token, app, id, "{\"scheduledUntil\":\"%s\"}".formatted(start.minusSeconds(60))).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("scheduledUntil");
		maintenance(token, app, id,
				"{\"scheduledUntil\":\"%s\",\"status\":\"verifying\"}".formatted(start.plusSeconds(7200)))
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("verifying")
			.jsonPath("$.scheduledUntil")
			.isEqualTo(start.plusSeconds(7200).toString());
		maintenance(token, app, id, "{\"status\":\"in_progress\"}").expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("Maintenance " + id + " is verifying and cannot go back to in_progress");
		maintenance(token, app, id, "{\"status\":\"completed\"}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.completedAt")
			.isNotEmpty();
		maintenance(token, app, id, "{\"title\":\"Again\"}").expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.currentStatus")
			.isEqualTo("completed");
		this.client.get()
			.uri("/api/applications/{app}/maintenances", app)
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[0].id")
			.isEqualTo(id.toString())
			.jsonPath("$[0].version")
			.isEqualTo(5);
		maintenance(token, app, UUID.randomUUID(), "{\"title\":\"x\"}").expectStatus().isNotFound();
		maintenance(TestTokens.forApplications(UUID.randomUUID()), app, id, "{\"title\":\"x\"}").expectStatus()
			.isNotFound();
		maintenance(token, app, null,
				"""
						{"title":"t","body":"b","componentIds":[],"scheduledFor":"%s","scheduledUntil":"%s"}"""
					.formatted(start, start.plusSeconds(1)))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("componentIds");
		maintenance(token, app, null,
				"""
						{"title":"t","body":"b","componentIds":["%s"],"scheduledFor":"%s","scheduledUntil":"%s"}"""
					.formatted(api, start, start.minusSeconds(1)))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("scheduledUntil");
		maintenance(token, app, null, """
				{"title":"t","body":"b","componentIds":["%s"],"scheduledFor":"soon"}""".formatted(api)).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("scheduledFor");
	}

	@Test
	void declaresListsAndUpdatesIncidentsThroughTheApi() {
		UUID app = UUID.randomUUID();
		UUID component = UUID.randomUUID();
		String token = TestTokens.forApplications(app);
		define(app, component);
		AtomicReference<String> created = new AtomicReference<>();
		// the catalog arrives asynchronously: until it does, the component is not the
		// application's and the declaration is refused (and stores nothing)
		await().atMost(TIMEOUT)
			.untilAsserted(() -> created.set(declare(token, app, """
					{"title":"Payments are slow","impact":"minor","body":"We are looking into it.",
					 "componentIds":["%s"]}""".formatted(component)).expectStatus()
				.isCreated()
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo("investigating")
				.jsonPath("$.source")
				.isEqualTo("declared")
				.jsonPath("$.componentIds[0]")
				.isEqualTo(component.toString())
				.jsonPath("$.version")
				.isEqualTo(1)
				.returnResult()
				.getResponseHeaders()
				.getLocation()
				.toString()));
		String location = created.get();
		assertThat(location).startsWith("/api/applications/" + app + "/incidents/");
		UUID incidentId = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
		declare(token, app, "{\"title\":\"Later\",\"status\":\"identified\",\"impact\":\"none\",\"body\":\"Second.\"}")
			.expectStatus()
			.isCreated();

		update(token, app, incidentId, "{\"status\":\"monitoring\",\"body\":\"A fix is out.\",\"impact\":\"major\"}")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("monitoring")
			.jsonPath("$.impact")
			.isEqualTo("major")
			.jsonPath("$.version")
			.isEqualTo(2);
		update(token, app, incidentId, "{\"status\":\"investigating\",\"body\":\"Back?\"}").expectStatus()
			.isEqualTo(409)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.currentStatus")
			.isEqualTo("monitoring")
			.jsonPath("$.detail")
			.isEqualTo("Incident " + incidentId + " is monitoring and cannot go back to investigating");
		update(token, app, incidentId, "{\"status\":\"resolved\",\"body\":\"Fixed.\"}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.resolvedAt")
			.isNotEmpty();
		update(token, app, incidentId, "{\"status\":\"resolved\",\"body\":\"Fixed again.\"}").expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("Incident " + incidentId + " is resolved and cannot be updated");

		list(app).jsonPath("$.length()")
			.isEqualTo(2)
			.jsonPath("$[0].title")
			.isEqualTo("Later")
			.jsonPath("$[1].id")
			.isEqualTo(incidentId.toString())
			.jsonPath("$[1].status")
			.isEqualTo("resolved")
			.jsonPath("$[1].updates[*].body")
			.isEqualTo(List.of("Fixed.", "A fix is out.", "We are looking into it."));
		this.client.get()
			.uri(location)
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.version")
			.isEqualTo(3);

		await().atMost(TIMEOUT).until(() -> eventsOf(app).size() == 4);
		assertThat(eventsOf(app)).extracting(IncidentChanged::change)
			.containsExactly(Change.OPENED, Change.OPENED, Change.UPDATED, Change.RESOLVED);
	}

	@Test
	void countsOpenIncidentsForTheDashboard(@Autowired MeterRegistry registry, @Autowired DatabaseClient database) {
		UUID app = UUID.randomUUID();
		UUID component = UUID.randomUUID();
		define(app, component);
		await().atMost(TIMEOUT)
			.untilAsserted(() -> declare(TestTokens.forApplications(app), app,
					"{\"title\":\"Queue backlog\",\"impact\":\"minor\",\"body\":\"Looking.\"}")
				.expectStatus()
				.isCreated());

		await().atMost(TIMEOUT).untilAsserted(() -> {
			long declared = database
				.sql("SELECT count(*) AS n FROM incidents WHERE resolved_at IS NULL AND source = 'declared'")
				.map((row) -> row.get("n", Long.class))
				.one()
				.block();
			assertThat(declared).isPositive();
			assertThat(registry.get("beacon.incidents.open").tag("source", "declared").gauge().value())
				.isEqualTo(declared);
		});
	}

	@Test
	void rejectsInvalidRequestsNamingTheField() {
		UUID app = UUID.randomUUID();
		String token = TestTokens.forApplications(app);
		declare(token, app, "{\"title\":\" \",\"impact\":\"minor\",\"body\":\"b\"}").expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("title");
		declare(token, app, "{\"title\":\"" + "x".repeat(201) + "\",\"impact\":\"minor\",\"body\":\"b\"}")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("title");
		declare(token, app, "{\"title\":\"t\",\"impact\":\"minor\",\"body\":\"nul \\u0000 inside\"}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("body");
		declare(token, app, "{\"title\":\"t\",\"impact\":\"catastrophic\",\"body\":\"b\"}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("impact");
		declare(token, app, "{\"title\":\"t\",\"status\":\"resolved\",\"impact\":\"minor\",\"body\":\"b\"}")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("status");
		declare(token, app, "{\"title\":\"t\",\"impact\":\"minor\",\"body\":\"" + "x".repeat(5001) + "\"}")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("body");
		declare(token, app, "{\"title\":\"t\",\"impact\":\"minor\",\"body\":\"b\",\"componentIds\":[\"nope\"]}")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("Invalid value for field 'componentIds[0]'");
		declare(token, app, "{not json").expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		declare(token, app, "[1,2]").expectStatus().isBadRequest();
		update(token, app, UUID.randomUUID(), "{\"status\":\"fixed\",\"body\":\"\"}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[*].field")
			.value((fields) -> assertThat(fields.toString()).contains("status").contains("body"));
		update(token, app, UUID.randomUUID(), "{\"status\":42,\"body\":\"b\"}").expectStatus().isBadRequest();
		this.client.get()
			.uri("/api/applications/not-a-uuid/incidents")
			.headers((headers) -> headers.setBearerAuth(TestTokens.admin()))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		update(token, app, null, "{\"status\":\"resolved\",\"body\":\"b\"}").expectStatus().isBadRequest();
	}

	@Test
	void answersNotFoundToCallersOfOtherApplicationsAndUnauthorizedWithoutToken() {
		UUID app = UUID.randomUUID();
		String owner = TestTokens.forApplications(app);
		String stranger = TestTokens.forApplications(UUID.randomUUID());
		String location = declare(owner, app, "{\"title\":\"t\",\"impact\":\"minor\",\"body\":\"b\"}").expectStatus()
			.isCreated()
			.expectBody()
			.returnResult()
			.getResponseHeaders()
			.getLocation()
			.toString();
		UUID incidentId = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));

		this.client.get()
			.uri("/api/applications/{app}/incidents", app)
			.headers((headers) -> headers.setBearerAuth(stranger))
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		declare(stranger, app, "{\"title\":\"t\",\"impact\":\"minor\",\"body\":\"b\"}").expectStatus().isNotFound();
		// a stranger's answer about a real incident reads like the owner's about an
		// absent one
		UUID absent = UUID.randomUUID();
		update(stranger, app, incidentId, "{\"status\":\"resolved\",\"body\":\"b\"}").expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("No incident " + incidentId);
		update(owner, app, absent, "{\"status\":\"resolved\",\"body\":\"b\"}").expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("No incident " + absent);
		this.client.get()
			.uri(location)
			.headers((headers) -> headers.setBearerAuth(stranger))
			.exchange()
			.expectStatus()
			.isNotFound();
		update(owner, UUID.randomUUID(), incidentId, "{\"status\":\"resolved\",\"body\":\"b\"}").expectStatus()
			.isNotFound();
		list(app).jsonPath("$[0].status").isEqualTo("investigating");

		this.client.get()
			.uri("/api/applications/{app}/incidents", app)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		this.client.post()
			.uri("/api/applications/{app}/incidents", app)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"title\":\"t\",\"impact\":\"minor\",\"body\":\"b\"}")
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void refusesADeclaredIncidentNamingComponentsOfAnotherApplication() {
		UUID app = UUID.randomUUID();
		UUID own = UUID.randomUUID();
		UUID other = UUID.randomUUID();
		UUID othersComponent = UUID.randomUUID();
		String token = TestTokens.forApplications(app, other);
		define(app, own);
		define(other, othersComponent);
		String body = "{\"title\":\"t\",\"impact\":\"minor\",\"body\":\"b\",\"componentIds\":[\"%s\"]}";
		await().atMost(TIMEOUT)
			.untilAsserted(() -> declare(token, other, body.formatted(othersComponent)).expectStatus().isCreated());
		await().atMost(TIMEOUT)
			.untilAsserted(() -> declare(token, app, body.formatted(own)).expectStatus().isCreated());

		for (UUID foreign : List.of(othersComponent, UUID.randomUUID())) {
			declare(token, app, body.formatted(foreign)).expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.errors[0].field")
				.isEqualTo("componentIds");
		}
		list(app).jsonPath("$.length()").isEqualTo(1);
	}

	@Test
	void forgetsTheComponentsOfADeletedApplication() {
		UUID app = UUID.randomUUID();
		UUID component = UUID.randomUUID();
		String token = TestTokens.forApplications(app);
		String body = "{\"title\":\"t\",\"impact\":\"minor\",\"body\":\"b\",\"componentIds\":[\"%s\"]}"
			.formatted(component);
		define(app, component);
		await().atMost(TIMEOUT).untilAsserted(() -> declare(token, app, body).expectStatus().isCreated());

		// the tombstone of the compacted catalog: the key and a null value
		topics.send(Topics.CATALOG, app.toString(), null);

		await().atMost(TIMEOUT).untilAsserted(() -> declare(token, app, body).expectStatus().isBadRequest());
		list(app).jsonPath("$.length()").isEqualTo(1);
	}

	@Test
	void carriesTheTraceOfARequestOrOfAConsumedStatusChangeIntoTheEventsItPublishes() {
		UUID app = UUID.randomUUID();
		UUID api = UUID.randomUUID();
		String token = TestTokens.forApplications(app);
		define(app, api);
		String requestTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
		await().atMost(TIMEOUT)
			.untilAsserted(() -> this.client.post()
				.uri("/api/applications/{app}/incidents", app)
				.headers((headers) -> headers.setBearerAuth(token))
				.header("traceparent", "00-" + requestTrace + "-00f067aa0ba902b7-01")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"title\":\"Slow\",\"impact\":\"minor\",\"body\":\"Looking.\"}")
				.exchange()
				.expectStatus()
				.isCreated());
		await().atMost(TIMEOUT).until(() -> recordsOf(app).size() == 1);
		assertThat(TestTopics.traceIdOf(recordsOf(app).get(0))).isEqualTo(requestTrace);

		String changeTrace = "0af7651916cd43dd8448eb211c80319c";
		topics.send(Topics.STATUS_CHANGES, api.toString(),
				json.writeValueAsString(new ComponentStatusChanged(UUID.randomUUID(), Instant.now(), app, api, "API",
						ComponentStatus.OPERATIONAL, ComponentStatus.OUTAGE, Instant.now(), "refused")),
				Map.of("traceparent", "00-" + changeTrace + "-b7ad6b7169203331-01"));
		await().atMost(TIMEOUT).until(() -> recordsOf(app).size() == 2);
		assertThat(TestTopics.traceIdOf(recordsOf(app).get(1))).isEqualTo(changeTrace);
	}

	private static List<ConsumerRecord<String, String>> recordsOf(UUID app) {
		return topics.recordsOn(Topics.INCIDENTS)
			.stream()
			.filter((record) -> "dev.beacon.IncidentChanged"
				.equals(new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8)))
			.filter((record) -> json.readValue(record.value(), IncidentChanged.class)
				.incident()
				.applicationId()
				.equals(app))
			.toList();
	}

	private static void define(UUID app, UUID... components) {
		ApplicationDefined defined = new ApplicationDefined(UUID.randomUUID(), Instant.now(), app, "app-" + app, "App",
				true,
				Arrays.stream(components)
					.map((id) -> new ApplicationDefined.Component(id, "Component " + id, null))
					.toList());
		topics.send(Topics.CATALOG, app.toString(), json.writeValueAsString(defined));
	}

	private IncidentChanged awaitEvent(UUID app, int count) {
		await().atMost(TIMEOUT).until(() -> eventsOf(app).size() >= count);
		return eventsOf(app).get(count - 1);
	}

	private static List<IncidentChanged> eventsOf(UUID app) {
		return topics.recordsOn(Topics.INCIDENTS)
			.stream()
			.filter((record) -> "dev.beacon.IncidentChanged"
				.equals(new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8)))
			.map(ConsumerRecord::value)
			.map((value) -> json.readValue(value, IncidentChanged.class))
			.filter((event) -> event.incident().applicationId().equals(app))
			.toList();
	}

	private WebTestClient.BodyContentSpec list(UUID app) {
		return this.client.get()
			.uri("/api/applications/{app}/incidents", app)
			.headers((headers) -> headers.setBearerAuth(TestTokens.forApplications(app)))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody();
	}

	private WebTestClient.ResponseSpec declare(String token, UUID app, String body) {
		return this.client.post()
			.uri("/api/applications/{app}/incidents", app)
			.headers((headers) -> headers.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	private WebTestClient.ResponseSpec postUpdate(String token, UUID app, UUID incidentId, String body) {
		return this.client.post()
			.uri("/api/applications/" + app + "/incidents/" + incidentId + "/updates")
			.headers((headers) -> headers.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	private WebTestClient.ResponseSpec pageOf(String token, UUID app, String query) {
		return this.client.get()
			.uri("/api/applications/" + app + "/incidents" + query)
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange();
	}

	private WebTestClient.ResponseSpec maintenance(String token, UUID app, UUID id, String body) {
		var request = (id != null) ? this.client.put().uri("/api/applications/" + app + "/maintenances/" + id)
				: this.client.post().uri("/api/applications/" + app + "/maintenances");
		return request.headers((headers) -> headers.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	private WebTestClient.ResponseSpec update(String token, UUID app, UUID incidentId, String body) {
		return this.client.put()
			.uri("/api/applications/" + app + "/incidents/" + ((incidentId != null) ? incidentId : "bad-id"))
			.headers((headers) -> headers.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

}
