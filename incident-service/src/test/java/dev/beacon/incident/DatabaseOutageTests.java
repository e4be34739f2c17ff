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
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A status change consumed while the database is unreachable (every connection dropped,
 * new ones refused, as in a failover) is applied once the database is back — not
 * dead-lettered after a few attempts.
 */
@SpringBootTest(properties = { "spring.config.name=" + IncidentApplication.CONFIG_NAME,
		"beacon.security.jwt.hmac-secret=" + TestTokens.HMAC_SECRET, "beacon.consumer.retry.max-interval=1s",
		"spring.r2dbc.pool.max-acquire-time=2s" })
class DatabaseOutageTests {

	static final TestDatabase database = TestInfrastructure.database("incident");

	static final TcpProxy proxy = new TcpProxy(database.port());

	static final String prefix = TestInfrastructure.topicPrefix(DatabaseOutageTests.class);

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
		assertThat(deadLetters.receivedOn(DEAD_LETTERS)).isEmpty();
		assertThat(
				this.meters.get("beacon.dead.letters").tag("topic", prefix + Topics.STATUS_CHANGES).counter().count())
			.isZero();
	}

	private static List<IncidentChanged> eventsOf(UUID app) {
		return topics.receivedOn(Topics.INCIDENTS)
			.stream()
			.map((value) -> json.readValue(value, IncidentChanged.class))
			.filter((event) -> event.incident().applicationId().equals(app))
			.toList();
	}

}
