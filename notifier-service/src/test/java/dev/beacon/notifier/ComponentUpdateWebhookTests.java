package dev.beacon.notifier;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.beacon.events.ComponentStatus;
import dev.beacon.events.ComponentStatusChanged;
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
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Component status changes from {@code beacon.status-changes.v1} (a real broker) reach
 * webhook subscribers (real loopback receivers) as Statuspage-style
 * {@code component_update}s: signed, per-component subscribers only for their components,
 * once, and only when the status told changes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + NotifierApplication.CONFIG_NAME, TestTokens.HMAC_SECRET_PROPERTY,
				TestTokens.AUDIENCE_PROPERTY, "management.server.port=0",
				"beacon.notifier.allowed-networks=127.0.0.0/8", "beacon.notifier.delivery.poll-interval=1h" })
class ComponentUpdateWebhookTests {

	static final TestDatabase database = TestInfrastructure.database("notifier");

	static final String prefix = TestInfrastructure.topicPrefix(ComponentUpdateWebhookTests.class);

	static final TestTopics topics = new TestTopics(prefix, Topics.CATALOG, Topics.INCIDENTS, Topics.STATUS_CHANGES);

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

	@Autowired
	Applications applications;

	@Autowired
	DatabaseClient sql;

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
	void tellsComponentStatusChangesToWebhooksOfTheApplicationAndOfThatComponent() {
		UUID app = UUID.randomUUID();
		UUID api = UUID.randomUUID();
		UUID web = UUID.randomUUID();
		Catalog.define(topics, this.applications, Catalog.application(app, "page-" + app, true, api, web));
		WebhookReceiver everything = receiver();
		WebhookReceiver apiOnly = receiver();
		WebhookReceiver webOnly = receiver();
		String secret = subscribe(app, everything.url()).get("secret").asString();
		subscribe(app, apiOnly.url(), api);
		subscribe(app, webOnly.url(), web);
		// a confirmed mail subscriber: mail is for incidents and maintenance
		this.sql.sql("""
				INSERT INTO subscribers (id, application_id, type, target, confirmed_at)
				VALUES (gen_random_uuid(), :app, 'email', 'ops@example.com', now())""").bind("app", app).then().block();

		Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(600);
		ComponentStatusChanged apiDown = change(app, api, ComponentStatus.OPERATIONAL, ComponentStatus.OUTAGE, null,
				t.plusSeconds(10));
		publish(apiDown);
		await().atMost(WAIT).until(() -> everything.requests().size() == 1 && apiOnly.requests().size() == 1);

		WebhookReceiver.Request request = everything.requests().get(0);
		assertThat(request.header("X-Beacon-Event")).isEqualTo("component.updated");
		assertThat(WebhookSignature.verify(secret, request.header("X-Beacon-Timestamp"), request.body(),
				request.header("X-Beacon-Signature")))
			.isTrue();
		JsonNode body = json.readTree(request.body());
		assertThat(body.propertyNames()).containsExactly("meta", "page", "component_update", "component");
		assertThat(body.get("meta").get("event_type").asString()).isEqualTo("component.updated");
		assertThat(body.get("meta").get("event_id").asString()).isEqualTo(apiDown.eventId().toString());
		assertThat(body.get("meta").get("version").asLong()).isEqualTo(1);
		assertThat(body.get("page").get("id").asString()).isEqualTo(app.toString());
		assertThat(body.get("page").get("url").asString()).endsWith("/public/status/page-" + app);
		JsonNode update = body.get("component_update");
		assertThat(update.propertyNames()).containsExactly("created_at", "new_status", "old_status", "id",
				"component_id");
		assertThat(update.get("old_status").asString()).isEqualTo("operational");
		assertThat(update.get("new_status").asString()).isEqualTo("major_outage");
		assertThat(update.get("component_id").asString()).isEqualTo(api.toString());
		assertThat(update.get("id").asString()).isEqualTo(apiDown.eventId().toString());
		assertThat(Instant.parse(update.get("created_at").asString())).isEqualTo(t.plusSeconds(10));
		assertThat(body.get("component").get("id").asString()).isEqualTo(api.toString());
		assertThat(body.get("component").get("name").asString()).isEqualTo("Component " + api);
		assertThat(body.get("component").get("status").asString()).isEqualTo("major_outage");

		// on the component's partition, in order: a redelivery, no data and back to the
		// status told, and a change older than the one told all tell nothing
		publish(apiDown);
		publish(change(app, api, ComponentStatus.OUTAGE, ComponentStatus.UNKNOWN, null, t.plusSeconds(20)));
		publish(change(app, api, ComponentStatus.UNKNOWN, ComponentStatus.OUTAGE, null, t.plusSeconds(30)));
		publish(change(app, api, ComponentStatus.OUTAGE, ComponentStatus.OPERATIONAL, null, t.plusSeconds(5)));
		ComponentStatusChanged apiSlow = change(app, api, ComponentStatus.OUTAGE, ComponentStatus.DEGRADED,
				"performance", t.plusSeconds(40));
		publish(apiSlow);
		ComponentStatusChanged webPartial = change(app, web, ComponentStatus.OPERATIONAL, ComponentStatus.DEGRADED,
				"partial", t.plusSeconds(50));
		publish(webPartial);

		await().atMost(WAIT)
			.until(() -> everything.requests().size() == 3 && apiOnly.requests().size() == 2
					&& webOnly.requests().size() == 1);
		JsonNode slow = json.readTree(apiOnly.requests().get(1).body());
		assertThat(slow.get("meta").get("event_id").asString()).isEqualTo(apiSlow.eventId().toString());
		assertThat(slow.get("meta").get("version").asLong()).isEqualTo(2);
		assertThat(slow.get("component_update").get("old_status").asString()).isEqualTo("major_outage");
		assertThat(slow.get("component_update").get("new_status").asString()).isEqualTo("degraded_performance");
		JsonNode partial = json.readTree(webOnly.requests().get(0).body());
		assertThat(partial.get("meta").get("event_id").asString()).isEqualTo(webPartial.eventId().toString());
		assertThat(partial.get("component_update").get("new_status").asString()).isEqualTo("partial_outage");
		assertThat(everything.requests().stream().map((each) -> each.header("X-Beacon-Delivery")).distinct())
			.hasSize(3);
		await().atMost(WAIT).until(() -> count(app, "delivered") == 6);
		assertThat(count(app, null)).isEqualTo(6);
		assertThat(
				this.sql.sql("SELECT count(*) AS n FROM deliveries WHERE application_id = :app AND channel = 'email'")
					.bind("app", app)
					.map((row) -> row.get("n", Long.class))
					.one()
					.block())
			.isZero();
	}

	@Test
	void keepsAComponentsFirstOperationalStatusWithoutTellingIt() {
		UUID app = UUID.randomUUID();
		UUID api = UUID.randomUUID();
		Catalog.define(topics, this.applications, Catalog.application(app, "page-" + app, true, api));
		WebhookReceiver receiver = receiver();
		subscribe(app, receiver.url());
		Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(600);

		// a component's first observation: from no data to operational is no news
		publish(change(app, api, ComponentStatus.UNKNOWN, ComponentStatus.OPERATIONAL, null, t));
		ComponentStatusChanged maintenance = change(app, api, ComponentStatus.OPERATIONAL, ComponentStatus.MAINTENANCE,
				null, t.plusSeconds(10));
		publish(maintenance);

		await().atMost(WAIT).until(() -> receiver.requests().size() == 1);
		JsonNode body = json.readTree(receiver.requests().get(0).body());
		assertThat(body.get("meta").get("event_id").asString()).isEqualTo(maintenance.eventId().toString());
		assertThat(body.get("meta").get("version").asLong()).isEqualTo(2);
		assertThat(body.get("component_update").get("old_status").asString()).isEqualTo("operational");
		assertThat(body.get("component_update").get("new_status").asString()).isEqualTo("under_maintenance");
	}

	private static ComponentStatusChanged change(UUID app, UUID component, ComponentStatus previous,
			ComponentStatus current, String degradation, Instant since) {
		return new ComponentStatusChanged(UUID.randomUUID(), since, app, component, "Component " + component, previous,
				current, since, "a reason", degradation);
	}

	private static void publish(ComponentStatusChanged event) {
		topics.send(Topics.STATUS_CHANGES, event.componentId().toString(), json.writeValueAsString(event));
	}

	private long count(UUID app, String status) {
		return this.sql
			.sql("SELECT count(*) AS n FROM deliveries WHERE application_id = :app AND channel = 'webhook'"
					+ ((status != null) ? " AND status = '" + status + "'" : ""))
			.bind("app", app)
			.map((row) -> row.get("n", Long.class))
			.one()
			.block();
	}

	private WebhookReceiver receiver() {
		WebhookReceiver receiver = WebhookReceiver.answering(200);
		this.receivers.add(receiver);
		return receiver;
	}

	private JsonNode subscribe(UUID app, String url, UUID... components) {
		StringBuilder body = new StringBuilder("{\"type\":\"webhook\",\"url\":\"").append(url).append('"');
		if (components.length > 0) {
			body.append(",\"componentIds\":[\"").append(components[0]).append("\"]");
		}
		body.append('}');
		byte[] created = this.client.post()
			.uri("/api/applications/{app}/subscribers", app)
			.headers((headers) -> headers.setBearerAuth(TestTokens.forApplications(app)))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body.toString())
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.returnResult()
			.getResponseBody();
		return json.readTree(created);
	}

}
