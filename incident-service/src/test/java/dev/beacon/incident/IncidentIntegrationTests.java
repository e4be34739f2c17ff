package dev.beacon.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
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

/** The incident service against a real PostgreSQL and a real Kafka broker. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + IncidentApplication.CONFIG_NAME, TestTokens.HMAC_SECRET_PROPERTY,
				TestTokens.AUDIENCE_PROPERTY, "management.server.port=0" })
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
	void opensAndResolvesAnIncidentFromStatusChangesOncePerEvent() {
		UUID app = UUID.randomUUID();
		UUID api = UUID.randomUUID();
		Instant since = Instant.now();
		String outage = statusChange(app, api, "API", ComponentStatus.OPERATIONAL, ComponentStatus.OUTAGE, since,
				"Connection refused");
		topics.send(Topics.STATUS_CHANGES, api.toString(), outage);
		topics.send(Topics.STATUS_CHANGES, api.toString(), outage);

		IncidentChanged opened = awaitEvent(app, 1);
		assertThat(opened.change()).isEqualTo(Change.OPENED);
		assertThat(opened.incident().title()).isEqualTo("API is down");
		assertThat(opened.incident().impact()).isEqualTo("major");
		assertThat(opened.incident().componentIds()).containsExactly(api);
		assertThat(opened.latestUpdate().body()).isEqualTo("API is down: Connection refused");

		topics.send(Topics.STATUS_CHANGES, api.toString(), statusChange(app, api, "API", ComponentStatus.OUTAGE,
				ComponentStatus.OPERATIONAL, since.plusSeconds(30), null));

		// same partition as the redelivery, so the redelivery was handled before this
		// resolution
		IncidentChanged resolved = awaitEvent(app, 2);
		assertThat(resolved.change()).isEqualTo(Change.RESOLVED);
		assertThat(resolved.incident().incidentId()).isEqualTo(opened.incident().incidentId());
		assertThat(resolved.incident().version()).isEqualTo(2);
		assertThat(resolved.incident().resolvedAt()).isNotNull();
		assertThat(resolved.latestUpdate().body()).isEqualTo("All affected components are operational again.");
		assertThat(eventsOf(app)).hasSize(2);
		list(app).jsonPath("$.length()")
			.isEqualTo(1)
			.jsonPath("$[0].status")
			.isEqualTo("resolved")
			.jsonPath("$[0].source")
			.isEqualTo("detected")
			.jsonPath("$[0].updates.length()")
			.isEqualTo(2)
			.jsonPath("$[0].updates[0].status")
			.isEqualTo("resolved");
	}

	@Test
	void joinsFailingComponentsIntoOneIncidentAndIgnoresStaleChanges() {
		UUID app = UUID.randomUUID();
		UUID api = UUID.randomUUID();
		UUID db = UUID.randomUUID();
		Instant t0 = Instant.now();
		topics.send(Topics.STATUS_CHANGES, api.toString(),
				statusChange(app, api, "API", ComponentStatus.OPERATIONAL, ComponentStatus.DEGRADED, t0, "Slow"));
		assertThat(awaitEvent(app, 1).incident().impact()).isEqualTo("minor");

		topics.send(Topics.STATUS_CHANGES, db.toString(), statusChange(app, db, "Database", ComponentStatus.OPERATIONAL,
				ComponentStatus.OUTAGE, t0.plusSeconds(1), null));
		IncidentChanged joined = awaitEvent(app, 2);
		assertThat(joined.change()).isEqualTo(Change.UPDATED);
		assertThat(joined.incident().componentIds()).containsExactly(api, db);
		assertThat(joined.incident().impact()).isEqualTo("major");

		topics.send(Topics.STATUS_CHANGES, api.toString(), statusChange(app, api, "API", ComponentStatus.DEGRADED,
				ComponentStatus.OPERATIONAL, t0.plusSeconds(5), null));
		IncidentChanged apiBack = awaitEvent(app, 3);
		assertThat(apiBack.change()).isEqualTo(Change.UPDATED);
		assertThat(apiBack.latestUpdate().body()).isEqualTo("API is operational again.");

		// older than the stored outage of db: had it counted, the incident would resolve
		// here
		topics.send(Topics.STATUS_CHANGES, db.toString(),
				statusChange(app, db, "Database", ComponentStatus.OUTAGE, ComponentStatus.OPERATIONAL, t0, null));
		topics.send(Topics.STATUS_CHANGES, db.toString(), statusChange(app, db, "Database", ComponentStatus.OUTAGE,
				ComponentStatus.DEGRADED, t0.plusSeconds(9), "Slow"));
		IncidentChanged dbDegraded = awaitEvent(app, 4);
		assertThat(dbDegraded.change()).isEqualTo(Change.UPDATED);
		assertThat(dbDegraded.incident().incidentId()).isEqualTo(joined.incident().incidentId());
		assertThat(dbDegraded.incident().impact()).isEqualTo("major");

		topics.send(Topics.STATUS_CHANGES, db.toString(), statusChange(app, db, "Database", ComponentStatus.DEGRADED,
				ComponentStatus.OPERATIONAL, t0.plusSeconds(20), null));
		IncidentChanged resolved = awaitEvent(app, 5);
		assertThat(resolved.change()).isEqualTo(Change.RESOLVED);
		assertThat(resolved.incident().version()).isEqualTo(5);
	}

	@Test
	void anUnknownComponentNeitherOpensNorResolvesAnIncident() {
		UUID app = UUID.randomUUID();
		UUID api = UUID.randomUUID();
		Instant t0 = Instant.now();
		send(app, api, ComponentStatus.UNKNOWN, ComponentStatus.OPERATIONAL, t0);
		send(app, api, ComponentStatus.OPERATIONAL, ComponentStatus.UNKNOWN, t0.plusSeconds(10));
		send(app, api, ComponentStatus.UNKNOWN, ComponentStatus.OUTAGE, t0.plusSeconds(20));
		IncidentChanged opened = awaitEvent(app, 1);
		assertThat(opened.change()).isEqualTo(Change.OPENED);

		// the data goes stale and comes back saying what it said before: nothing new
		send(app, api, ComponentStatus.OUTAGE, ComponentStatus.UNKNOWN, t0.plusSeconds(30));
		send(app, api, ComponentStatus.UNKNOWN, ComponentStatus.OUTAGE, t0.plusSeconds(40));
		send(app, api, ComponentStatus.OUTAGE, ComponentStatus.UNKNOWN, t0.plusSeconds(50));
		send(app, api, ComponentStatus.UNKNOWN, ComponentStatus.OPERATIONAL, t0.plusSeconds(60));

		// one partition, in order: the resolution comes after every change before it
		IncidentChanged resolved = awaitEvent(app, 2);
		assertThat(resolved.change()).isEqualTo(Change.RESOLVED);
		assertThat(resolved.incident().incidentId()).isEqualTo(opened.incident().incidentId());
		assertThat(resolved.incident().version()).isEqualTo(2);
		assertThat(eventsOf(app)).hasSize(2);
	}

	private static void send(UUID app, UUID component, ComponentStatus previous, ComponentStatus current,
			Instant since) {
		topics.send(Topics.STATUS_CHANGES, component.toString(),
				statusChange(app, component, "API", previous, current, since, null));
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
		return topics.receivedOn(Topics.INCIDENTS)
			.stream()
			.map((value) -> json.readValue(value, IncidentChanged.class))
			.filter((event) -> event.incident().applicationId().equals(app))
			.toList();
	}

	private static String statusChange(UUID app, UUID component, String name, ComponentStatus previous,
			ComponentStatus current, Instant since, String reason) {
		return json.writeValueAsString(new ComponentStatusChanged(UUID.randomUUID(), Instant.now(), app, component,
				name, previous, current, since, reason));
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

	private WebTestClient.ResponseSpec update(String token, UUID app, UUID incidentId, String body) {
		return this.client.put()
			.uri("/api/applications/" + app + "/incidents/" + ((incidentId != null) ? incidentId : "bad-id"))
			.headers((headers) -> headers.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

}
