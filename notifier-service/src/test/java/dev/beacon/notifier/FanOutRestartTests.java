package dev.beacon.notifier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.beacon.events.Topics;
import dev.beacon.notifier.catalog.Applications;
import dev.beacon.testsupport.TestDatabase;
import dev.beacon.testsupport.TestInfrastructure;
import dev.beacon.testsupport.TestTokens;
import dev.beacon.testsupport.TestTopics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A notifier stopped in the middle of a fan-out, between two claims, and started again:
 * every subscriber gets the notification once, none twice, none never.
 */
class FanOutRestartTests {

	static final TestDatabase database = TestInfrastructure.database("notifier");

	static final String prefix = TestInfrastructure.topicPrefix(FanOutRestartTests.class);

	static final TestTopics topics = new TestTopics(prefix, Topics.CATALOG, Topics.INCIDENTS);

	@AfterAll
	static void close() {
		topics.close();
	}

	@Test
	void resumesAFanOutCutShortWithoutLosingOrDoublingADelivery() {
		// each request takes 50 ms and two are in flight at most: 60 deliveries take 1.5
		// s
		WebhookReceiver receiver = WebhookReceiver.slow(50);
		ConfigurableApplicationContext first = start();
		ConfigurableApplicationContext second = null;
		try {
			UUID app = UUID.randomUUID();
			Catalog.define(topics, first.getBean(Applications.class), Catalog.application(app, "restart", true));
			DatabaseClient sql = first.getBean(DatabaseClient.class);
			for (int i = 0; i < 60; i++) {
				sql.sql("INSERT INTO subscribers (id, application_id, type, target, secret, confirmed_at) "
						+ "VALUES (gen_random_uuid(), :app, 'webhook', :url, 'a-secret-of-sixteen-chars', now())")
					.bind("app", app)
					.bind("url", receiver.url() + "?subscriber=" + i)
					.then()
					.block();
			}
			DeliveryResilienceTests.publishTo(topics, DeliveryResilienceTests.incident(app));
			await().atMost(Duration.ofSeconds(60)).until(() -> receiver.requests().size() >= 10);

			first.close();
			int beforeRestart = receiver.requests().size();
			assertThat(beforeRestart).isLessThan(60);

			second = start();
			DatabaseClient after = second.getBean(DatabaseClient.class);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> after
					.sql("SELECT count(*) AS n FROM deliveries WHERE application_id = :app AND status = 'delivered'")
					.bind("app", app)
					.map((row) -> row.get("n", Long.class))
					.one()
					.block() == 60);
			List<String> deliveryIds = receiver.requests().stream().map((r) -> r.header("X-Beacon-Delivery")).toList();
			List<String> subscribers = receiver.requests().stream().map((r) -> r.query()).toList();
			assertThat(deliveryIds).hasSize(60).doesNotHaveDuplicates();
			assertThat(subscribers).hasSize(60).doesNotHaveDuplicates();
		}
		finally {
			first.close();
			if (second != null) {
				second.close();
			}
			receiver.close();
		}
	}

	private static ConfigurableApplicationContext start() {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
				"--spring.r2dbc.url=" + database.r2dbcUrl(), "--spring.r2dbc.username=" + database.username(),
				"--spring.r2dbc.password=" + database.password(), "--spring.flyway.url=" + database.jdbcUrl(),
				"--spring.flyway.user=" + database.username(), "--spring.flyway.password=" + database.password(),
				"--beacon.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
				"--beacon.kafka.topic-prefix=" + prefix, "--" + TestTokens.HMAC_SECRET_PROPERTY,
				"--" + TestTokens.AUDIENCE_PROPERTY, "--beacon.notifier.allowed-networks=127.0.0.0/8",
				"--beacon.notifier.delivery.concurrency=2", "--beacon.notifier.delivery.batch-size=2",
				"--beacon.notifier.delivery.poll-interval=1h", "--beacon.notifier.delivery.lease=10s"));
		return NotifierApplication.application().run(args.toArray(String[]::new));
	}

}
