package dev.beacon.notifier;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.beacon.events.IncidentChanged;
import dev.beacon.events.Topics;
import dev.beacon.notifier.catalog.Applications;
import dev.beacon.testsupport.TestDatabase;
import dev.beacon.testsupport.TestInfrastructure;
import dev.beacon.testsupport.TestTokens;
import dev.beacon.testsupport.TestTopics;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deliveries through faults of their targets: an SMTP server that goes down and comes
 * back, a webhook host that keeps failing, and one that never answers while other tenants
 * wait.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + NotifierApplication.CONFIG_NAME, TestTokens.HMAC_SECRET_PROPERTY,
				TestTokens.AUDIENCE_PROPERTY, "management.server.port=0",
				"beacon.notifier.allowed-networks=127.0.0.0/8", "beacon.notifier.delivery.poll-interval=1h",
				"beacon.notifier.delivery.backoff-base=100ms", "beacon.notifier.delivery.backoff-max=400ms",
				"beacon.notifier.delivery.max-attempts=50", "beacon.notifier.delivery.concurrency=16",
				"beacon.notifier.email.breaker-open-for=1s", "beacon.notifier.webhook.timeout=3s",
				"beacon.notifier.webhook.breaker-open-for=1h" })
class DeliveryResilienceTests {

	static final TestDatabase database = TestInfrastructure.database("notifier");

	static final String prefix = TestInfrastructure.topicPrefix(DeliveryResilienceTests.class);

	static final TestTopics topics = new TestTopics(prefix, Topics.CATALOG, Topics.INCIDENTS);

	static final Mailbox mailbox = new Mailbox();

	static final JsonMapper json = JsonMapper.builder().build();

	static final Duration WAIT = Duration.ofSeconds(60);

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		database.register(registry);
		TestInfrastructure.registerKafka(registry, prefix);
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", mailbox::port);
	}

	@AfterAll
	static void close() {
		topics.close();
		mailbox.close();
	}

	@Value("${local.server.port}")
	int port;

	@Autowired
	Applications applications;

	@Autowired
	DatabaseClient sql;

	final List<WebhookReceiver> receivers = new ArrayList<>();

	@AfterEach
	void closeReceivers() {
		this.receivers.forEach(WebhookReceiver::close);
	}

	@Test
	void mailsEverySubscriberOnceWhenTheSmtpServerComesBack() {
		UUID app = define();
		List<String> addresses = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			addresses.add(confirmedEmailSubscriber(app, "down-" + i + "-" + app.toString().substring(0, 8)));
		}
		mailbox.stop();
		try {
			publish(incident(app));
			// every mail was tried against the server that is down
			await().atMost(WAIT)
				.until(() -> count("SELECT count(*) AS n FROM deliveries WHERE application_id = :app "
						+ "AND status = 'pending' AND last_error IS NOT NULL", app) == 20);
		}
		finally {
			mailbox.start();
		}
		await().atMost(WAIT).until(() -> pending(app) == 0);
		List<MimeMessage> received = mailbox.received()
			.stream()
			.filter((message) -> addresses.contains(Mailbox.recipient(message)))
			.toList();
		assertThat(received).hasSize(20);
		assertThat(received.stream().map(Mailbox::recipient).distinct()).hasSize(20);
		assertThat(received.stream().map((message) -> Mailbox.header(message, "Message-ID")).distinct()).hasSize(20);
		assertThat(
				count("SELECT count(*) AS n FROM deliveries WHERE application_id = :app AND status = 'delivered'", app))
			.isEqualTo(20);
	}

	@Test
	void stopsCallingAWebhookHostThatKeepsFailingUntilItsCircuitCloses() {
		UUID app = define();
		WebhookReceiver failing = receiver(WebhookReceiver.answering(500));
		for (int i = 0; i < 12; i++) {
			webhookSubscriber(app, failing.url() + "?subscriber=" + i);
		}
		publish(incident(app));

		// every delivery waits for the circuit, still pending, without using up its
		// attempts
		await().atMost(WAIT)
			.until(() -> count("SELECT count(*) AS n FROM deliveries WHERE application_id = :app "
					+ "AND status = 'pending' AND last_error LIKE 'Circuit open%'", app) == 12);
		int calls = failing.requests().size();
		// the breaker counts 5 calls before it opens; a few more were in flight by then
		assertThat(calls).isBetween(5, 5 + 8);
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(5))
			.until(() -> failing.requests().size() == calls);
		assertThat(count("SELECT max(attempts)::bigint AS n FROM deliveries WHERE application_id = :app", app))
			.isLessThanOrEqualTo(2);
	}

	@Test
	void deliversToOtherTenantsWhileOneTenantsWebhooksHang() {
		UUID slowTenant = define();
		WebhookReceiver hanging = receiver(WebhookReceiver.hanging());
		for (int i = 0; i < 40; i++) {
			webhookSubscriber(slowTenant, hanging.url() + "?subscriber=" + i);
		}
		UUID otherTenant = define();
		WebhookReceiver healthy = receiver(WebhookReceiver.answering(200));
		webhookSubscriber(otherTenant, healthy.url());

		publish(incident(slowTenant));
		await().atMost(WAIT).until(() -> hanging.requests().size() >= 8);
		Instant published = Instant.now();
		publish(incident(otherTenant));

		// the hanging host holds its own 8 slots, not the pipeline
		await().atMost(Duration.ofSeconds(15)).until(() -> healthy.requests().size() == 1);
		assertThat(Duration.between(published, Instant.now())).isLessThan(Duration.ofSeconds(15));
		assertThat(hanging.requests()).hasSizeLessThanOrEqualTo(8 + 8);
	}

	private UUID define() {
		UUID app = UUID.randomUUID();
		Catalog.define(topics, this.applications, Catalog.application(app, "r-" + app, true));
		return app;
	}

	private String confirmedEmailSubscriber(UUID app, String name) {
		String address = name + "@example.com";
		this.sql
			.sql("INSERT INTO subscribers (id, application_id, type, target, confirmed_at) "
					+ "VALUES (gen_random_uuid(), :app, 'email', :address, now())")
			.bind("app", app)
			.bind("address", address)
			.then()
			.block();
		return address;
	}

	private void webhookSubscriber(UUID app, String url) {
		this.sql
			.sql("INSERT INTO subscribers (id, application_id, type, target, secret, confirmed_at) "
					+ "VALUES (gen_random_uuid(), :app, 'webhook', :url, 'a-secret-of-sixteen-chars', now())")
			.bind("app", app)
			.bind("url", url)
			.then()
			.block();
	}

	private WebhookReceiver receiver(WebhookReceiver receiver) {
		this.receivers.add(receiver);
		return receiver;
	}

	private long pending(UUID app) {
		return count("SELECT count(*) AS n FROM deliveries WHERE application_id = :app AND status = 'pending'", app);
	}

	private long count(String query, UUID app) {
		Long n = this.sql.sql(query).bind("app", app).map((row) -> row.get("n", Long.class)).one().block();
		return (n != null) ? n : 0;
	}

	static IncidentChanged incident(UUID app) {
		Instant now = Instant.now();
		return new IncidentChanged(UUID.randomUUID(), now, IncidentChanged.Change.OPENED,
				new IncidentChanged.Incident(UUID.randomUUID(), app, "API is down", "investigating", "major", List.of(),
						now.minusSeconds(60), null, 1),
				new IncidentChanged.Update(UUID.randomUUID(), "investigating", "We are looking into it.", now));
	}

	static void publish(IncidentChanged event) {
		publishTo(topics, event);
	}

	static void publishTo(TestTopics topics, IncidentChanged event) {
		topics.send(Topics.INCIDENTS, event.incident().applicationId().toString(), json.writeValueAsString(event));
	}

}
