package dev.beacon.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.beacon.events.ComponentStatus;
import dev.beacon.events.ComponentStatusChanged;
import dev.beacon.events.IncidentChanged;
import dev.beacon.events.Topics;
import dev.beacon.testsupport.TcpProxy;
import dev.beacon.testsupport.TestDatabase;
import dev.beacon.testsupport.TestInfrastructure;
import dev.beacon.testsupport.TestTokens;
import dev.beacon.testsupport.TestTopics;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
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
 * Consuming status changes when things fail: a status change consumed while the database
 * is unreachable (every connection dropped, new ones refused, as in a failover) is
 * applied once the database is back — not dead-lettered after a few attempts; a dead
 * letter is replayed into its topic by an administrator.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + IncidentApplication.CONFIG_NAME,
				"beacon.security.jwt.hmac-secret=" + TestTokens.HMAC_SECRET, TestTokens.AUDIENCE_PROPERTY,
				"management.server.port=0", "beacon.consumer.retry.max-interval=1s",
				"spring.r2dbc.pool.max-acquire-time=2s" })
class StatusChangeConsumptionTests {

	static final TestDatabase database = TestInfrastructure.database("incident");

	static final TcpProxy proxy = new TcpProxy(database.port());

	static final String prefix = TestInfrastructure.topicPrefix(StatusChangeConsumptionTests.class);

	static final String DEAD_LETTERS = "error." + prefix + Topics.STATUS_CHANGES + ".incident";

	static final TestTopics topics = new TestTopics(prefix, Topics.INCIDENTS, Topics.STATUS_CHANGES);

	static final TestTopics deadLetters = new TestTopics("", DEAD_LETTERS);

	static final JsonMapper json = JsonMapper.builder().build();

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		database.register(registry);
		// the service reaches the database through the proxy; Flyway goes straight to it
		registry.add("spring.r2dbc.url", () -> "r2dbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database.name());
		TestInfrastructure.registerKafka(registry, prefix);
	}

	@AfterAll
	static void close() {
		topics.close();
		deadLetters.close();
		proxy.close();
	}

	@Autowired
	MeterRegistry meters;

	@Value("${local.server.port}")
	int port;

	@Test
	void appliesAStatusChangeConsumedDuringADatabaseOutageOnceTheDatabaseIsBack() {
		UUID app = UUID.randomUUID();
		UUID api = UUID.randomUUID();
		proxy.cut();
		Instant cutAt = Instant.now();
		try {
			topics.send(Topics.STATUS_CHANGES, api.toString(),
					json.writeValueAsString(new ComponentStatusChanged(UUID.randomUUID(), Instant.now(), app, api,
							"API", ComponentStatus.OPERATIONAL, ComponentStatus.OUTAGE, Instant.now(), "refused")));
			// the consumer keeps trying (each try a refused connection) for longer than
			// the
			// binder's old retries (about 1.4 s) lasted
			await().atMost(Duration.ofSeconds(60))
				.until(() -> proxy.refusedConnections() >= 5
						&& Duration.between(cutAt, Instant.now()).compareTo(Duration.ofSeconds(6)) >= 0);
			assertThat(eventsOf(app)).isEmpty();
		}
		finally {
			proxy.restore();
		}

		await().atMost(Duration.ofSeconds(60)).until(() -> !eventsOf(app).isEmpty());
		assertThat(eventsOf(app).get(0).incident().componentIds()).containsExactly(api);
		assertThat(eventsOf(app)).hasSize(1);
		assertThat(deadLetters.recordsOn(DEAD_LETTERS)).noneMatch((record) -> record.key().equals(api.toString()));
		assertThat(
				this.meters.get("beacon.dead.letters").tag("topic", prefix + Topics.STATUS_CHANGES).counter().count())
			.isZero();
	}

	@Test
	void replaysDeadLettersIntoTheirTopicForAnAdministratorOnly() {
		UUID app = UUID.randomUUID();
		UUID api = UUID.randomUUID();
		// a status change that was dead-lettered (by a bug since fixed, say)
		String change = json.writeValueAsString(new ComponentStatusChanged(UUID.randomUUID(), Instant.now(), app, api,
				"API", ComponentStatus.OPERATIONAL, ComponentStatus.OUTAGE, Instant.now(), "refused"));
		deadLetters.send(DEAD_LETTERS, api.toString(), change);
		WebTestClient client = TestInfrastructure.client(this.port);
		String path = "/api/admin/dead-letters/" + Topics.STATUS_CHANGES + "/replay";

		client.post().uri(path).exchange().expectStatus().isUnauthorized();
		client.post()
			.uri(path)
			.headers((headers) -> headers.setBearerAuth(TestTokens.forApplications(app)))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		client.post()
			.uri("/api/admin/dead-letters/beacon.unknown.v1/replay")
			.headers((headers) -> headers.setBearerAuth(TestTokens.admin()))
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains(Topics.STATUS_CHANGES));
		assertThat(eventsOf(app)).isEmpty();

		client.post()
			.uri(path)
			.headers((headers) -> headers.setBearerAuth(TestTokens.admin()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.replayed")
			.isEqualTo(1)
			.jsonPath("$.deadLetterTopic")
			.isEqualTo(DEAD_LETTERS);

		await().atMost(Duration.ofSeconds(60)).until(() -> eventsOf(app).size() == 1);
		// replayed once: a second replay finds nothing new
		client.post()
			.uri(path)
			.headers((headers) -> headers.setBearerAuth(TestTokens.admin()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.replayed")
			.isEqualTo(0);
	}

	private static List<IncidentChanged> eventsOf(UUID app) {
		return topics.receivedOn(Topics.INCIDENTS)
			.stream()
			.map((value) -> json.readValue(value, IncidentChanged.class))
			.filter((event) -> event.incident().applicationId().equals(app))
			.toList();
	}

}
