package dev.beacon.notifier;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.beacon.events.IncidentChanged;
import dev.beacon.events.MaintenanceChanged;
import dev.beacon.events.Topics;
import dev.beacon.notifier.catalog.Applications;
import dev.beacon.notifier.webhook.WebhookSignature;
import dev.beacon.testsupport.TestDatabase;
import dev.beacon.testsupport.TestInfrastructure;
import dev.beacon.testsupport.TestTokens;
import dev.beacon.testsupport.TestTopics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The notifier against a real PostgreSQL, a real Kafka broker and real HTTP receivers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + NotifierApplication.CONFIG_NAME, TestTokens.HMAC_SECRET_PROPERTY,
				TestTokens.AUDIENCE_PROPERTY, "management.server.port=0",
				"beacon.notifier.allowed-networks=127.0.0.0/8", "beacon.notifier.delivery.poll-interval=1h",
				"beacon.notifier.delivery.backoff-base=100ms", "beacon.notifier.delivery.backoff-max=400ms",
				"beacon.notifier.delivery.max-attempts=3", "beacon.notifier.webhook.timeout=3s" })
class NotifierIntegrationTests {

	static final TestDatabase database = TestInfrastructure.database("notifier");

	static final String prefix = TestInfrastructure.topicPrefix(NotifierIntegrationTests.class);

	static final TestTopics topics = new TestTopics(prefix, Topics.CATALOG, Topics.INCIDENTS);

	static final JsonMapper json = JsonMapper.builder().build();

	static final Duration WAIT = Duration.ofSeconds(30);

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

	@Value("${local.management.port}")
	int managementPort;

	@Autowired
	Applications applications;

	WebTestClient client;

	final List<WebhookReceiver> receivers = new ArrayList<>();

	@BeforeEach
	void client() {
		this.client = TestInfrastructure.client(this.port);
	}

	@AfterEach
	void closeReceivers() {
		this.receivers.forEach(WebhookReceiver::close);
	}

	@Test
	void deliversASignedWebhookForAnIncident() {
		UUID app = UUID.randomUUID();
		UUID component = UUID.randomUUID();
		define(app, component);
		WebhookReceiver receiver = receiver(200);
		JsonNode subscriber = subscribe(app, receiver.url(), null);
		String secret = subscriber.get("secret").asString();
		assertThat(secret).hasSize(43).matches("[A-Za-z0-9_-]+");
		this.client.get()
			.uri("/api/applications/{app}/subscribers", app)
			.headers((headers) -> headers.setBearerAuth(TestTokens.forApplications(app)))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[0].id")
			.isEqualTo(subscriber.get("id").asString())
			.jsonPath("$[0].url")
			.isEqualTo(receiver.url())
			.jsonPath("$[0].secret")
			.doesNotExist();

		IncidentChanged event = incident(app, IncidentChanged.Change.OPENED, List.of(component));
		publish(event);

		await().atMost(WAIT).until(() -> receiver.requests().size() == 1);
		WebhookReceiver.Request request = receiver.requests().get(0);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.header("Content-Type")).startsWith("application/json");
		assertThat(request.header("User-Agent")).isEqualTo("Beacon-Webhook/1");
		assertThat(request.header("X-Beacon-Event")).isEqualTo("incident.opened");
		assertThat(Long.parseLong(request.header("X-Beacon-Timestamp"))).isCloseTo(Instant.now().getEpochSecond(),
				within(60L));
		assertThat(WebhookSignature.verify(secret, request.header("X-Beacon-Timestamp"), request.body(),
				request.header("X-Beacon-Signature")))
			.isTrue();
		JsonNode body = json.readTree(request.body());
		assertThat(body.get("meta").get("event_type").asString()).isEqualTo("incident.opened");
		assertThat(body.get("meta").get("event_id").asString()).isEqualTo(event.eventId().toString());
		assertThat(body.get("meta").get("version").asLong()).isEqualTo(1);
		assertThat(body.get("page").get("id").asString()).isEqualTo(app.toString());
		assertThat(body.get("page").get("name").asString()).isEqualTo("Page " + app);
		assertThat(body.get("page").get("url").asString()).endsWith("/public/status/" + app);
		assertThat(body.get("incident").get("id").asString()).isEqualTo(event.incident().incidentId().toString());
		assertThat(body.get("incident").get("name").asString()).isEqualTo("API is down");
		assertThat(body.get("incident").get("impact").asString()).isEqualTo("major");
		assertThat(body.get("incident").get("version").asLong()).isEqualTo(1);
		assertThat(body.get("incident").get("components").get(0).get("name").asString())
			.isEqualTo("Component " + component);
		assertThat(body.get("incident").get("incident_updates").get(0).get("body").asString())
			.isEqualTo("We are looking into it.");

		await().atMost(WAIT)
			.untilAsserted(() -> deliveries(app).jsonPath("$.length()")
				.isEqualTo(1)
				.jsonPath("$[0].id")
				.isEqualTo(request.header("X-Beacon-Delivery"))
				.jsonPath("$[0].status")
				.isEqualTo("delivered")
				.jsonPath("$[0].attempts")
				.isEqualTo(1)
				.jsonPath("$[0].lastHttpStatus")
				.isEqualTo(200)
				.jsonPath("$[0].eventType")
				.isEqualTo("incident.opened"));
	}

	@Test
	void retriesUntilTheReceiverAccepts() {
		UUID app = UUID.randomUUID();
		define(app);
		WebhookReceiver receiver = receiver(500, 200);
		subscribe(app, receiver.url(), "a-secret-of-my-own-choosing");
		publish(incident(app, IncidentChanged.Change.UPDATED, List.of()));

		await().atMost(WAIT)
			.untilAsserted(() -> deliveries(app).jsonPath("$[0].status")
				.isEqualTo("delivered")
				.jsonPath("$[0].attempts")
				.isEqualTo(2)
				.jsonPath("$[0].lastHttpStatus")
				.isEqualTo(200));
		List<WebhookReceiver.Request> requests = receiver.requests();
		assertThat(requests).hasSize(2);
		assertThat(requests.get(1).header("X-Beacon-Delivery")).isEqualTo(requests.get(0).header("X-Beacon-Delivery"));
		assertThat(requests.get(1).body()).isEqualTo(requests.get(0).body());
		assertThat(WebhookSignature.verify("a-secret-of-my-own-choosing", requests.get(1).header("X-Beacon-Timestamp"),
				requests.get(1).body(), requests.get(1).header("X-Beacon-Signature")))
			.isTrue();
	}

	@Test
	void marksTheDeliveryFailedAfterTheLastAttempt() {
		UUID app = UUID.randomUUID();
		define(app);
		WebhookReceiver receiver = receiver(500);
		subscribe(app, receiver.url(), null);
		publish(incident(app, IncidentChanged.Change.RESOLVED, List.of()));

		await().atMost(WAIT)
			.untilAsserted(() -> deliveries(app).jsonPath("$[0].status")
				.isEqualTo("failed")
				.jsonPath("$[0].attempts")
				.isEqualTo(3)
				.jsonPath("$[0].lastHttpStatus")
				.isEqualTo(500)
				.jsonPath("$[0].lastError")
				.isEqualTo("The receiver answered HTTP status 500")
				.jsonPath("$[0].eventType")
				.isEqualTo("incident.resolved"));
		assertThat(receiver.requests()).hasSize(3);

		// the dashboard's metrics, under the names it charts
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(prometheus())
				.containsPattern("(?m)^beacon_deliveries_failed_total\\{channel=\"webhook\".*\\} [1-9]")
				.containsPattern("(?m)^beacon_deliveries_pending(\\{.*\\})? [0-9]"));
	}

	private String prometheus() {
		return new String(TestInfrastructure.client(this.managementPort)
			.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody(), StandardCharsets.UTF_8);
	}

	@Test
	void deliversARedeliveredEventOnce() {
		UUID app = UUID.randomUUID();
		define(app);
		WebhookReceiver receiver = receiver(200);
		subscribe(app, receiver.url(), null);
		IncidentChanged event = incident(app, IncidentChanged.Change.OPENED, List.of());
		publish(event);
		publish(event);
		IncidentChanged later = incident(app, IncidentChanged.Change.UPDATED, List.of());
		publish(later);

		// one partition per application, in order: once the later event arrived, both
		// copies were handled
		await().atMost(WAIT)
			.until(() -> receiver.requests()
				.stream()
				.anyMatch((request) -> request.body().contains(later.eventId().toString())));
		assertThat(receiver.requests()).filteredOn((request) -> request.body().contains(event.eventId().toString()))
			.hasSize(1);
		deliveries(app).jsonPath("$.length()").isEqualTo(2);
	}

	@Test
	void deliversMaintenanceStartsButNotItsEdits() {
		UUID app = UUID.randomUUID();
		define(app);
		WebhookReceiver receiver = receiver(200);
		subscribe(app, receiver.url(), null);
		UUID edited = publishMaintenance(app, MaintenanceChanged.Change.UPDATED);
		UUID started = publishMaintenance(app, MaintenanceChanged.Change.STARTED);
		IncidentChanged later = incident(app, IncidentChanged.Change.OPENED, List.of());
		publish(later);

		// one partition per application, in order: the maintenance events were handled
		// first
		await().atMost(WAIT).until(() -> receiver.requests().size() == 2);
		assertThat(receiver.requests()).anySatisfy((request) -> {
			assertThat(request.header("X-Beacon-Event")).isEqualTo("maintenance.started");
			assertThat(request.body()).contains(started.toString()).contains("\"kind\":\"maintenance\"");
		});
		assertThat(receiver.requests())
			.anySatisfy((request) -> assertThat(request.body()).contains(later.eventId().toString()));
		assertThat(receiver.requests())
			.noneSatisfy((request) -> assertThat(request.body()).contains(edited.toString()));
		deliveries(app).jsonPath("$.length()").isEqualTo(2);
	}

	private UUID publishMaintenance(UUID app, MaintenanceChanged.Change change) {
		Instant now = Instant.now();
		UUID eventId = UUID.randomUUID();
		topics.send(Topics.INCIDENTS, app.toString(),
				json.writeValueAsString(new MaintenanceChanged(eventId, now, change,
						new MaintenanceChanged.Maintenance(UUID.randomUUID(), app, "Upgrade", "Read-only.",
								"in_progress", List.of(), now, now.plusSeconds(60), now, null, 2))),
				Map.of("ce_type", "dev.beacon.MaintenanceChanged"));
		return eventId;
	}

	@Test
	void notifiesOnlySubscribersOfTheAffectedComponents() {
		UUID app = UUID.randomUUID();
		UUID api = UUID.randomUUID();
		UUID web = UUID.randomUUID();
		UUID other = UUID.randomUUID();
		define(app, api, web, other);
		WebhookReceiver apiReceiver = receiver(200);
		WebhookReceiver webReceiver = receiver(200);
		WebhookReceiver everything = receiver(200);
		subscribe(app, apiReceiver.url(), null, api);
		subscribe(app, webReceiver.url(), null, web, other);
		subscribe(app, everything.url(), null);

		IncidentChanged apiDown = incident(app, IncidentChanged.Change.OPENED, List.of(api));
		publish(apiDown);
		IncidentChanged webDown = incident(app, IncidentChanged.Change.OPENED, List.of(web));
		publish(webDown);

		await().atMost(WAIT)
			.until(() -> everything.requests().size() == 2 && apiReceiver.requests().size() == 1
					&& webReceiver.requests().size() == 1);
		assertThat(apiReceiver.requests().get(0).body()).contains(apiDown.eventId().toString());
		assertThat(webReceiver.requests().get(0).body()).contains(webDown.eventId().toString());
	}

	@Test
	void refusesInternalAndInvalidTargetsNamingTheField() {
		UUID app = UUID.randomUUID();
		define(app, UUID.randomUUID());
		postSubscriber(app, "{\"type\":\"webhook\",\"url\":\"http://127.0.0.1:70000/hook\"}").expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("url");
		postSubscriber(app,
				"{\"type\":\"webhook\",\"url\":\"http://127.0.0.1:8080/hook\",\"componentIds\":[\"" + UUID.randomUUID()
						+ "\"]}")
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("componentIds[0]");
		postSubscriber(UUID.randomUUID(), "{\"type\":\"webhook\",\"url\":\"http://127.0.0.1:8080/hook\"}")
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		for (String url : List.of("http://169.254.169.254/", "http://10.0.0.1/", "http://[::1]:8080/hook",
				"http://192.168.0.10/hook", "http://[64:ff9b::a9fe:a9fe]/hook", "http://198.18.0.1/hook")) {
			// fixed words: the answer never names the address a target is or resolves to
			postSubscriber(app, "{\"type\":\"webhook\",\"url\":\"" + url + "\"}").expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.errors[0].field")
				.isEqualTo("url")
				.jsonPath("$.errors[0].message")
				.isEqualTo("Target not allowed");
		}
		postSubscriber(app, "{\"type\":\"webhook\",\"url\":\"ftp://example.com/hook\"}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("url");
		postSubscriber(app, "{\"type\":\"pigeon\",\"url\":\"https://example.com/\"}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("type");
		postSubscriber(app, "{\"url\":\"https://example.com/\"}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("type");
		postSubscriber(app, "{\"type\":\"webhook\",\"url\":\"https://example.com/\",\"secret\":\"short\"}")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("secret");
		postSubscriber(app,
				"{\"type\":\"webhook\",\"url\":\"https://example.com/\",\"secret\":\"sixteen-chars-and-\\u0000\"}")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("secret");
		postSubscriber(app, "{\"type\":\"webhook\",\"url\":\"https://example.com/\",\"componentIds\":[\"nope\"]}")
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("componentIds[0]");
		postSubscriber(app, "{\"type\":\"webhook\",\"url\":\"https://example.com/\",\"componentIds\":\"nope\"}")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("componentIds");
		postSubscriber(app, "{\"type\":\"webhook\",\"url\":\"https://example.com/\",\"componentIds\":[null]}")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("componentIds[0]");
		postSubscriber(app, "{not json").expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		postSubscriber(app, "[]").expectStatus().isBadRequest();
		subscribers(app).expectBody().jsonPath("$.length()").isEqualTo(0);
	}

	@Test
	void hidesApplicationsTheTokenDoesNotList() {
		UUID app = UUID.randomUUID();
		define(app);
		WebhookReceiver receiver = receiver(200);
		String id = subscribe(app, receiver.url(), null).get("id").asString();
		String stranger = TestTokens.forApplications(UUID.randomUUID());

		this.client.get()
			.uri("/api/applications/{app}/subscribers", app)
			.headers((headers) -> headers.setBearerAuth(stranger))
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		this.client.get()
			.uri("/api/applications/{app}/deliveries", app)
			.headers((headers) -> headers.setBearerAuth(stranger))
			.exchange()
			.expectStatus()
			.isNotFound();
		this.client.delete()
			.uri("/api/applications/{app}/subscribers/{id}", app, id)
			.headers((headers) -> headers.setBearerAuth(stranger))
			.exchange()
			.expectStatus()
			.isNotFound();
		this.client.post()
			.uri("/api/applications/{app}/subscribers", app)
			.headers((headers) -> headers.setBearerAuth(stranger))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"type\":\"webhook\",\"url\":\"https://example.com/\"}")
			.exchange()
			.expectStatus()
			.isNotFound();
		this.client.get()
			.uri("/api/applications/{app}/subscribers", app)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		this.client.get().uri("/api/applications/{app}/deliveries", app).exchange().expectStatus().isUnauthorized();
		this.client.get()
			.uri("/api/applications/not-a-uuid/subscribers")
			.headers((headers) -> headers.setBearerAuth(TestTokens.admin()))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("appId");

		subscribers(app).expectBody().jsonPath("$.length()").isEqualTo(1);
	}

	@Test
	void unsubscribesAndAnswers404ForAnUnknownSubscriber() {
		UUID app = UUID.randomUUID();
		define(app);
		WebhookReceiver receiver = receiver(200);
		String id = subscribe(app, receiver.url(), null).get("id").asString();
		String token = TestTokens.forApplications(app);

		this.client.delete()
			.uri("/api/applications/{app}/subscribers/{id}", app, id)
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isNoContent();
		this.client.delete()
			.uri("/api/applications/{app}/subscribers/{id}", app, id)
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		subscribers(app).expectBody().jsonPath("$.length()").isEqualTo(0);
	}

	private void define(UUID app, UUID... components) {
		Catalog.define(topics, this.applications, Catalog.application(app, app.toString(), true, components));
	}

	private WebhookReceiver receiver(int... statuses) {
		WebhookReceiver receiver = WebhookReceiver.answering(statuses);
		this.receivers.add(receiver);
		return receiver;
	}

	private JsonNode subscribe(UUID app, String url, String secret, UUID... components) {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("type", "webhook");
		request.put("url", url);
		if (secret != null) {
			request.put("secret", secret);
		}
		if (components.length > 0) {
			request.put("componentIds", List.of(components));
		}
		String body = json.writeValueAsString(request);
		WebTestClient.ResponseSpec response = postSubscriber(app, body).expectStatus().isCreated();
		byte[] created = response.expectBody().returnResult().getResponseBody();
		JsonNode subscriber = json.readTree(created);
		response.expectHeader()
			.valueEquals("Location", "/api/applications/" + app + "/subscribers/" + subscriber.get("id").asString());
		if (secret != null) {
			assertThat(subscriber.get("secret").asString()).isEqualTo(secret);
		}
		return subscriber;
	}

	private WebTestClient.ResponseSpec postSubscriber(UUID app, String body) {
		return this.client.post()
			.uri("/api/applications/{app}/subscribers", app)
			.headers((headers) -> headers.setBearerAuth(TestTokens.forApplications(app)))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	private WebTestClient.ResponseSpec subscribers(UUID app) {
		return this.client.get()
			.uri("/api/applications/{app}/subscribers", app)
			.headers((headers) -> headers.setBearerAuth(TestTokens.forApplications(app)))
			.exchange()
			.expectStatus()
			.isOk();
	}

	private WebTestClient.BodyContentSpec deliveries(UUID app) {
		return this.client.get()
			.uri("/api/applications/{app}/deliveries", app)
			.headers((headers) -> headers.setBearerAuth(TestTokens.forApplications(app)))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody();
	}

	private static IncidentChanged incident(UUID app, IncidentChanged.Change change, List<UUID> components) {
		Instant now = Instant.now();
		return new IncidentChanged(UUID.randomUUID(), now, change,
				new IncidentChanged.Incident(UUID.randomUUID(), app, "API is down",
						(change == IncidentChanged.Change.RESOLVED) ? "resolved" : "investigating", "major", components,
						now.minusSeconds(60), (change == IncidentChanged.Change.RESOLVED) ? now : null, 1),
				new IncidentChanged.Update(UUID.randomUUID(), "investigating", "We are looking into it.", now));
	}

	private static void publish(IncidentChanged event) {
		topics.send(Topics.INCIDENTS, event.incident().applicationId().toString(), json.writeValueAsString(event));
	}

}
