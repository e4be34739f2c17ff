package dev.beacon.statusapi;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;

import dev.beacon.events.IncidentChanged;
import dev.beacon.events.MaintenanceChanged;
import dev.beacon.events.ObservationRecorded;
import dev.beacon.events.PagesHeartbeat;
import dev.beacon.events.Topics;
import dev.beacon.testsupport.TestDatabase;
import dev.beacon.testsupport.TestInfrastructure;
import dev.beacon.testsupport.TestTokens;
import dev.beacon.testsupport.TestTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
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
 * The status API against a real PostgreSQL and a real Kafka broker. The page publisher
 * never polls here: every page it publishes after start-up was woken by the notification
 * of the change, or by the end of the min interval that held a change back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + StatusApiApplication.CONFIG_NAME, TestTokens.HMAC_SECRET_PROPERTY,
				TestTokens.AUDIENCE_PROPERTY, "management.server.port=0", "beacon.pages.apps-domain=apps.test",
				"beacon.pages.poll=1h" })
class StatusApiIntegrationTests {

	static final TestDatabase database = TestInfrastructure.database("status_api");

	static final String prefix = TestInfrastructure.topicPrefix(StatusApiIntegrationTests.class);

	static final TestTopics topics = new TestTopics(prefix, Topics.CATALOG, Topics.STATUS_CHANGES, Topics.PAGES);

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
	void registeredApplicationFollowsObservationsAndIncidents() {
		UUID id = UUID.randomUUID();
		String slug = "shop-" + id.toString().substring(0, 8);
		register(id, slug, true, "https://shop.example/health").expectStatus()
			.isCreated()
			.expectHeader()
			.valueEquals("Location", "/api/applications/" + id)
			.expectBody()
			.jsonPath("$.slug")
			.isEqualTo(slug);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> topics.receivedOn(Topics.CATALOG).stream().anyMatch((event) -> event.contains(slug)));
		UUID componentId = componentOf(id);
		ConsumerRecord<String, String> defined = topics.recordsOn(Topics.CATALOG)
			.stream()
			.filter((record) -> record.value().contains(slug))
			.findFirst()
			.orElseThrow();
		assertThat(defined.key()).isEqualTo(id.toString());
		assertThat(header(defined, "ce_type")).isEqualTo("dev.beacon.ApplicationDefined");
		assertThat(header(defined, "ce_source")).isEqualTo("/beacon/status-api");
		assertThat(header(defined, "ce_specversion")).isEqualTo("1.0");
		assertThat(header(defined, "ce_id")).isEqualTo(json.readTree(defined.value()).get("eventId").asString());

		this.client.get()
			.uri("/public/status/" + slug)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.overall.status")
			.isEqualTo("unknown")
			.jsonPath("$.components[0].name")
			.isEqualTo("API");

		observe(id, componentId, 200, null);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(
					() -> publicPage(slug).jsonPath("$.overall.description").isEqualTo("All Systems Operational"));

		observe(id, componentId, 503, null);
		observe(id, componentId, null, "Connection refused");
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> publicPage(slug).jsonPath("$.components[0].status")
				.isEqualTo("outage")
				.jsonPath("$.components[0].reason")
				.isEqualTo("Connection refused")
				.jsonPath("$.overall.description")
				.isEqualTo("Major Outage"));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> topics.receivedOn(Topics.STATUS_CHANGES)
				.stream()
				.anyMatch(
						(event) -> event.contains(componentId.toString()) && event.contains("\"current\":\"outage\"")));

		UUID incidentId = UUID.randomUUID();
		topics.send(Topics.INCIDENTS, id.toString(),
				json.writeValueAsString(
						new IncidentChanged(UUID.randomUUID(), Instant.now(), IncidentChanged.Change.OPENED,
								new IncidentChanged.Incident(incidentId, id, "API is down", "investigating", "major",
										List.of(componentId), Instant.now(), null, 1),
								new IncidentChanged.Update(UUID.randomUUID(), "investigating",
										"We are looking into it.", Instant.now()))));
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> publicPage(slug).jsonPath("$.incidents[0].id")
				.isEqualTo(incidentId.toString())
				.jsonPath("$.incidents[0].latestUpdate")
				.isEqualTo("We are looking into it.")
				.jsonPath("$.incidents[0].updates[0].body")
				.isEqualTo("We are looking into it.")
				.jsonPath("$.incidents[0].components[0].id")
				.isEqualTo(componentId.toString()));
	}

	@Test
	void publishesEachPageWholeOnThePagesTopicAndATombstoneOnDelete() {
		UUID id = UUID.randomUUID();
		String slug = "pub-" + id.toString().substring(0, 8);
		register(id, slug, false, "https://pub.example/health").expectStatus().isCreated();
		await().atMost(Duration.ofSeconds(20)).until(() -> pageRecords(id).stream().anyMatch((r) -> r.value() != null));
		ConsumerRecord<String, String> first = pageRecords(id).get(0);
		var published = json.readTree(first.value());
		assertThat(header(first, "ce_type")).isEqualTo("dev.beacon.PagePublished");
		assertThat(published.get("slug").asString()).isEqualTo(slug);
		assertThat(published.get("isPublic").asBoolean()).isFalse();
		assertThat(published.get("hosts").toString()).contains("status." + slug + ".apps.test");
		assertThat(published.get("appHosts").toString()).contains("\"" + slug + ".apps.test\"");
		assertThat(published.at("/document/overall/status").asString()).isEqualTo("unknown");
		assertThat(published.at("/document/components/0/name").asString()).isEqualTo("API");
		assertThat(published.at("/document/recentIncidents").isArray()).isTrue();
		assertThat(published.at("/document/maintenances").isArray()).isTrue();

		UUID componentId = componentOf(id);
		observe(id, componentId, 200, null);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> pageRecords(id).stream()
				.anyMatch((r) -> r.value() != null && r.value().contains("All Systems Operational")));
		// a change right after a publication waits out the min interval, then goes out
		// (two
		// failures: the check's threshold)
		observe(id, componentId, 500, null);
		observe(id, componentId, 500, null);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> pageRecords(id).stream()
				.anyMatch((r) -> r.value() != null && r.value().contains("\"status\":\"outage\"")));

		this.client.delete()
			.uri("/api/applications/" + id)
			.headers((headers) -> headers.setBearerAuth(TestTokens.forApplications(id)))
			.exchange()
			.expectStatus()
			.isNoContent();
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			List<ConsumerRecord<String, String>> records = pageRecords(id);
			return records.get(records.size() - 1).value() == null;
		});
	}

	/**
	 * A status change commits while another transaction holds the page's publication row,
	 * as the publisher of another replica does while it builds the document: marking the
	 * page appends a change instead of waiting for that row. The page goes out once the
	 * row is free.
	 */
	@Test
	void appliesAStatusChangeWhileThePagesPublicationIsHeld() throws SQLException {
		UUID id = UUID.randomUUID();
		register(id, "held-" + id.toString().substring(0, 8), true, "https://held.example/health").expectStatus()
			.isCreated();
		await().atMost(Duration.ofSeconds(20)).until(() -> !pageRecords(id).isEmpty());
		UUID componentId = componentOf(id);
		try (Connection held = DriverManager.getConnection(database.jdbcUrl(), database.username(),
				database.password())) {
			held.setAutoCommit(false);
			try (PreparedStatement select = held
				.prepareStatement("SELECT 1 FROM page_publications WHERE application_id = ? FOR UPDATE")) {
				select.setObject(1, id);
				assertThat(select.executeQuery().next()).isTrue();
			}
			observe(id, componentId, 200, null);
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> this.client.get()
					.uri("/api/applications/" + id + "/status")
					.headers((headers) -> headers.setBearerAuth(TestTokens.forApplications(id)))
					.exchange()
					.expectBody()
					.jsonPath("$.components[0].status")
					.isEqualTo("operational"));
			held.rollback();
		}
		await().atMost(Duration.ofSeconds(20))
			.until(() -> pageRecords(id).stream()
				.anyMatch((r) -> r.value() != null && r.value().contains("All Systems Operational")));
	}

	/**
	 * A change noted for an application deleted before the publisher looked (or never
	 * registered) is dropped: it makes no publication row, which would send a tombstone
	 * every minute for ever.
	 */
	@Test
	void dropsAChangeToAnApplicationThatNoLongerExists() throws SQLException {
		UUID gone = UUID.randomUUID();
		try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(),
				database.password());
				PreparedStatement change = connection.prepareStatement(
						"INSERT INTO page_changes (application_id) VALUES (?); SELECT pg_notify('beacon_pages', '')")) {
			change.setObject(1, gone);
			change.execute();
			await().atMost(Duration.ofSeconds(20))
				.until(() -> count(connection, "SELECT count(*) FROM page_changes WHERE application_id = ?",
						gone) == 0);
			assertThat(count(connection, "SELECT count(*) FROM page_publications WHERE application_id = ?", gone))
				.isZero();
		}
	}

	private static long count(Connection connection, String query, UUID id) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(query)) {
			statement.setObject(1, id);
			ResultSet rows = statement.executeQuery();
			rows.next();
			return rows.getLong(1);
		}
	}

	@Test
	void tellsTheGatewayEveryFewSecondsThatThePagesAreCurrent() {
		Instant from = Instant.now();
		await().atMost(Duration.ofSeconds(20)).until(() -> heartbeatsSince(from).size() >= 3);
		ConsumerRecord<String, String> heartbeat = heartbeatsSince(from).get(0);
		assertThat(header(heartbeat, "ce_type")).isEqualTo("dev.beacon.PagesHeartbeat");
		assertThat(json.readTree(heartbeat.value()).get("occurredAt").asString()).isNotBlank();
	}

	private static List<ConsumerRecord<String, String>> heartbeatsSince(Instant from) {
		return topics.recordsOn(Topics.PAGES)
			.stream()
			.filter((record) -> PagesHeartbeat.KEY.equals(record.key()) && record.timestamp() >= from.toEpochMilli())
			.toList();
	}

	private static List<ConsumerRecord<String, String>> pageRecords(UUID applicationId) {
		return topics.recordsOn(Topics.PAGES)
			.stream()
			.filter((record) -> applicationId.toString().equals(record.key()))
			.toList();
	}

	@Test
	void showsComponentsUnderMaintenanceAsMaintenanceUntilItEnds() {
		UUID id = UUID.randomUUID();
		String slug = "maint-" + id.toString().substring(0, 8);
		register(id, slug, true, "https://shop.example/health").expectStatus().isCreated();
		UUID componentId = componentOf(id);
		observe(id, componentId, 200, null);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> publicPage(slug).jsonPath("$.components[0].status").isEqualTo("operational"));
		UUID maintenanceId = UUID.randomUUID();

		sendMaintenance(id, maintenanceId, componentId, "in_progress", 2);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> publicPage(slug).jsonPath("$.components[0].status")
				.isEqualTo("maintenance")
				.jsonPath("$.components[0].reason")
				.isEqualTo("Under maintenance: Upgrade"));
		observe(id, componentId, 503, null);
		observe(id, componentId, 503, null);
		observe(id, componentId, 503, null);
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> publicPage(slug).jsonPath("$.components[0].status").isEqualTo("maintenance"));
		// an older snapshot, delivered late, changes nothing
		sendMaintenance(id, maintenanceId, componentId, "scheduled", 1);

		sendMaintenance(id, maintenanceId, componentId, "completed", 3);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> publicPage(slug).jsonPath("$.components[0].status").isEqualTo("unknown"));
		observe(id, componentId, 200, null);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> publicPage(slug).jsonPath("$.components[0].status").isEqualTo("operational"));
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(topics.receivedOn(Topics.STATUS_CHANGES)
				.stream()
				.filter((event) -> event.contains(componentId.toString()))
				.map((event) -> json.readTree(event).get("current").asString())
				.toList()).containsSubsequence("operational", "maintenance", "unknown", "operational")
				.doesNotContain("outage"));
	}

	/**
	 * The trace of a request, and of a consumed event, follows into what status-api
	 * publishes through its outbox (with context propagation {@code limited}: the
	 * observation travels in the Reactor context, not in thread locals).
	 */
	@Test
	void carriesTheTraceOfARequestOrOfAConsumedMaintenanceIntoTheEventsItPublishes() {
		UUID id = UUID.randomUUID();
		String slug = "traced-" + id.toString().substring(0, 8);
		String requestTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
		this.client.post()
			.uri("/api/applications")
			.headers((headers) -> headers.setBearerAuth(TestTokens.forApplications(id)))
			.header("traceparent", "00-" + requestTrace + "-00f067aa0ba902b7-01")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body(id, slug, true, "https://traced.example/health"))
			.exchange()
			.expectStatus()
			.isCreated();
		ConsumerRecord<String, String> defined = await().atMost(Duration.ofSeconds(20))
			.until(() -> firstOn(Topics.CATALOG, (r) -> r.value().contains(slug)), Objects::nonNull);
		assertThat(TestTopics.traceIdOf(defined)).isEqualTo(requestTrace);

		UUID componentId = componentOf(id);
		observe(id, componentId, 200, null);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> publicPage(slug).jsonPath("$.components[0].status").isEqualTo("operational"));
		String maintenanceTrace = "0af7651916cd43dd8448eb211c80319c";
		Instant now = Instant.now();
		topics.send(Topics.INCIDENTS, id.toString(),
				json.writeValueAsString(new MaintenanceChanged(UUID.randomUUID(), now,
						MaintenanceChanged.Change.UPDATED,
						new MaintenanceChanged.Maintenance(UUID.randomUUID(), id, "Upgrade", "Read-only.",
								"in_progress", List.of(componentId), now, now.plusSeconds(600), null, null, 1))),
				Map.of("ce_type", "dev.beacon.MaintenanceChanged", "traceparent",
						"00-" + maintenanceTrace + "-b7ad6b7169203331-01"));
		ConsumerRecord<String, String> change = await().atMost(Duration.ofSeconds(20))
			.until(() -> firstOn(Topics.STATUS_CHANGES,
					(r) -> componentId.toString().equals(r.key()) && r.value().contains("\"maintenance\"")),
					Objects::nonNull);
		assertThat(TestTopics.traceIdOf(change)).isEqualTo(maintenanceTrace);
	}

	/** The first record received on {@code topic} that matches, or null. */
	private static ConsumerRecord<String, String> firstOn(String topic,
			Predicate<ConsumerRecord<String, String>> matching) {
		return topics.recordsOn(topic).stream().filter(matching).findFirst().orElse(null);
	}

	private static void sendMaintenance(UUID app, UUID maintenanceId, UUID componentId, String status, long version) {
		Instant now = Instant.now();
		topics.send(Topics.INCIDENTS, app.toString(),
				json.writeValueAsString(
						new MaintenanceChanged(UUID.randomUUID(), now, MaintenanceChanged.Change.UPDATED,
								new MaintenanceChanged.Maintenance(maintenanceId, app, "Upgrade", "Read-only.", status,
										List.of(componentId), now, now.plusSeconds(600), null, null, version))),
				Map.of("ce_type", "dev.beacon.MaintenanceChanged"));
	}

	@Test
	void sendsAPoisonObservationToTheDeadLetterTopicAndGoesOn() {
		String deadLetters = "error." + prefix + Topics.OBSERVATIONS + ".status-api";
		try (TestTopics dlq = new TestTopics("", deadLetters)) {
			UUID id = UUID.randomUUID();
			String slug = "poison-" + id.toString().substring(0, 8);
			register(id, slug, true, "https://poison.example/health").expectStatus().isCreated();
			UUID componentId = componentOf(id);

			topics.send(Topics.OBSERVATIONS, componentId.toString(), "{this is not an observation");
			observe(id, componentId, 200, null);

			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> publicPage(slug).jsonPath("$.components[0].status").isEqualTo("operational"));
			await().atMost(Duration.ofSeconds(30))
				.until(() -> dlq.receivedOn(deadLetters).contains("{this is not an observation"));
		}
	}

	@Test
	void keepsTheCatalogCompacted() throws Exception {
		String catalog = prefix + Topics.CATALOG;
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()))) {
			ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, catalog);
			Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
			assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
				.isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
		}
	}

	@Test
	void privatePageIsShownOnlyToItsOwners() {
		UUID id = UUID.randomUUID();
		String slug = "private-" + id.toString().substring(0, 8);
		register(id, slug, false, "https://private.example/health").expectStatus().isCreated();

		this.client.get()
			.uri("/public/status/" + slug)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		this.client.get().uri("/public/status/no-such-page").exchange().expectStatus().isNotFound();
		this.client.get()
			.uri("/public/status/" + slug)
			.headers((headers) -> headers.setBearerAuth(TestTokens.forApplications(UUID.randomUUID())))
			.exchange()
			.expectStatus()
			.isNotFound();
		this.client.get()
			.uri("/public/status/" + slug)
			.headers((headers) -> headers.setBearerAuth(TestTokens.forApplications(id)))
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void rejectsInvalidRegistrationsNamingTheField() {
		UUID id = UUID.randomUUID();
		String token = TestTokens.forApplications(id);
		post(token, "{\"id\":\"" + id + "\",\"name\":\"Shop\",\"public\":true,\"components\":[{\"name\":\"API\"}]}")
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("slug");
		post(token, body(id, "Not A Slug!", true, "https://shop.example")).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("slug");
		post(token, body(id, "ftp-check", true, "ftp://shop.example/health")).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("components[0].httpCheck.url");
		post(token, "{\"id\":\"" + id + "\",\"slug\":\"x\",\"name\":\"X\",\"public\":\"maybe\",\"components\":[]}")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("Invalid value for field 'public'");
		for (String url : List.of("http://[::1", "http://shop.example:99999/", "http://user:secret@shop.example/",
				"https:///no-host", "mailto:ops@shop.example")) {
			post(token, body(id, "bad-url", true, url)).expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.errors[0].field")
				.isEqualTo("components[0].httpCheck.url");
		}
		post(token,
				"{\"id\":\"" + id + "\",\"slug\":\"nul\",\"name\":\"Sh\\u0000op\",\"public\":true,"
						+ "\"components\":[{\"name\":\"API\"}]}")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("name");
		post(token, "{}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[*].field")
			.value((fields) -> assertThat(((List<?>) fields).stream().map(String::valueOf).toList()).contains("id",
					"slug", "name", "public", "components"));
		post(token, "{not json").expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void takesNoCoercedOverflowingUnknownOrSpoofingInput() {
		UUID id = UUID.randomUUID();
		String token = TestTokens.forApplications(id);
		String valid = body(id, "strict", true, "https://shop.example/health");
		Map<String, String> refusals = new java.util.LinkedHashMap<>();
		refusals.put("\"intervalSeconds\":2147483648", "components[0].httpCheck.intervalSeconds");
		refusals.put("\"intervalSeconds\":1e100", "components[0].httpCheck.intervalSeconds");
		refusals.put("\"intervalSeconds\":5.5", "components[0].httpCheck.intervalSeconds");
		refusals.put("\"intervalSeconds\":\"5\"", "components[0].httpCheck.intervalSeconds");
		refusals.put("\"intervalSecond\":5", "components[0].httpCheck.intervalSecond");
		refusals.forEach(
				(replacement, field) -> post(token, valid.replace("\"intervalSeconds\":5", replacement)).expectStatus()
					.isBadRequest()
					.expectBody()
					.jsonPath("$.errors[0].field")
					.isEqualTo(field));
		post(token, valid.replace("\"public\":true", "\"public\":\"true\"")).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("public");
		for (String name : List.of("Shop\\u202Egnp", "Sh\\u200Bop", "Sh\\u0085op", "Sh\\ud800op")) {
			post(token, valid.replace("\"name\":\"Shop\"", "\"name\":\"" + name + "\"")).expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.errors[0].field")
				.isEqualTo("name");
		}
		post(token, valid).expectStatus().isCreated();
	}

	@Test
	void rejectsATakenSlugAndATakenId() {
		UUID id = UUID.randomUUID();
		String slug = "taken-" + id.toString().substring(0, 8);
		register(id, slug, true, "https://a.example").expectStatus().isCreated();
		UUID other = UUID.randomUUID();
		post(TestTokens.forApplications(other), body(other, slug, true, "https://b.example")).expectStatus()
			.isEqualTo(409)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("slug");
		register(id, slug + "-2", true, "https://a.example").expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("id");
	}

	@Test
	void requiresATokenThatListsTheApplication() {
		UUID id = UUID.randomUUID();
		this.client.post()
			.uri("/api/applications")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body(id, "no-token", true, "https://a.example"))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		post(TestTokens.forApplications(UUID.randomUUID()), body(id, "wrong-token", true, "https://a.example"))
			.expectStatus()
			.isForbidden();
		this.client.get()
			.uri("/api/applications/" + UUID.randomUUID() + "/status")
			.headers((headers) -> headers.setBearerAuth(TestTokens.admin()))
			.exchange()
			.expectStatus()
			.isNotFound();
		this.client.get()
			.uri("/api/applications/not-a-uuid/status")
			.headers((headers) -> headers.setBearerAuth(TestTokens.admin()))
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

	private static String header(ConsumerRecord<String, String> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

	private WebTestClient.BodyContentSpec publicPage(String slug) {
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

	private void observe(UUID applicationId, UUID componentId, Integer httpStatus, String error) {
		ObservationRecorded observation = ObservationRecorded.http(applicationId, componentId, Instant.now(),
				httpStatus, 12L, error);
		topics.send(Topics.OBSERVATIONS, componentId.toString(), json.writeValueAsString(observation));
	}

	private WebTestClient.ResponseSpec register(UUID id, String slug, boolean publicPage, String url) {
		return post(TestTokens.forApplications(id), body(id, slug, publicPage, url));
	}

	private WebTestClient.ResponseSpec post(String token, String body) {
		return this.client.post()
			.uri("/api/applications")
			.headers((headers) -> headers.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	private static String body(UUID id, String slug, boolean publicPage, String url) {
		return """
				{"id":"%s","slug":"%s","name":"Shop","public":%s,
				 "components":[{"name":"API","httpCheck":{"url":"%s","intervalSeconds":5}}]}""".formatted(id, slug,
				publicPage, url);
	}

}
