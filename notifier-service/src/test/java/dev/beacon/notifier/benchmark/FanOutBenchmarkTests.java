package dev.beacon.notifier.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import dev.beacon.events.IncidentChanged;
import dev.beacon.events.Topics;
import dev.beacon.notifier.Catalog;
import dev.beacon.notifier.NotifierApplication;
import dev.beacon.notifier.catalog.Applications;
import dev.beacon.testsupport.TestDatabase;
import dev.beacon.testsupport.TestInfrastructure;
import dev.beacon.testsupport.TestTokens;
import dev.beacon.testsupport.TestTopics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fan-out benchmark of docs/benchmarks.md: one incident update to 10,000 confirmed
 * email subscribers through a loopback SMTP server ({@link SmtpSink}: GreenMail delivers
 * under one global lock and measured itself), then to 10,000 webhooks on loopback
 * receivers. Run by {@code scripts/benchmark-fanout.sh}; it takes minutes and loads the
 * machine, so the ordinary build skips it.
 */
@EnabledIfSystemProperty(named = "beacon.benchmark", matches = "true",
		disabledReason = "a benchmark, run on request with -Dbeacon.benchmark=true (scripts/benchmark-fanout.sh)")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.config.name=" + NotifierApplication.CONFIG_NAME, TestTokens.HMAC_SECRET_PROPERTY,
				TestTokens.AUDIENCE_PROPERTY, "management.server.port=0",
				"beacon.notifier.allowed-networks=127.0.0.0/8", "spring.r2dbc.pool.max-size=20",
				"beacon.notifier.delivery.attempt-timeout=15s" })
class FanOutBenchmarkTests {

	static final int SUBSCRIBERS = Integer.getInteger("beacon.benchmark.subscribers", 10_000);

	/**
	 * Loopback receivers (each its own host lane: host and port); 1 puts every webhook on
	 * one.
	 */
	static final int RECEIVERS = Integer.getInteger("beacon.benchmark.receivers", 10);

	static final TestDatabase database = TestInfrastructure.database("notifier");

	static final String prefix = TestInfrastructure.topicPrefix(FanOutBenchmarkTests.class);

	static final TestTopics topics = new TestTopics(prefix, Topics.CATALOG, Topics.INCIDENTS);

	static final SmtpSink mailbox = sink();

	static final JsonMapper json = JsonMapper.builder().build();

	static final List<String> report = new ArrayList<>();

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		database.register(registry);
		TestInfrastructure.registerKafka(registry, prefix);
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", mailbox::port);
	}

	private static SmtpSink sink() {
		try {
			return new SmtpSink();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@AfterAll
	static void close() throws IOException {
		topics.close();
		mailbox.close();
		Path out = Path.of("target", "benchmark-fanout.txt");
		Files.write(out, report);
		report.forEach(System.out::println);
	}

	@Autowired
	Applications applications;

	@Autowired
	DatabaseClient sql;

	@Test
	void mailsTenThousandConfirmedSubscribersWithinAMinute() {
		UUID app = define();
		this.sql.sql("""
				INSERT INTO subscribers (id, application_id, type, target, confirmed_at)
				SELECT gen_random_uuid(), :app, 'email', 'subscriber-' || n || '@example.com', now()
				FROM generate_series(1, :count) AS n""").bind("app", app).bind("count", SUBSCRIBERS).then().block();

		Instant start = Instant.now();
		publish(app);
		await().atMost(Duration.ofMinutes(4))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> mailbox.accepted() >= SUBSCRIBERS && pending(app) == 0);
		Duration took = Duration.between(start, Instant.now());
		System.out.println("BENCHMARK email took " + took);
		report.add(
				"email: %d subscribers, %d mails accepted, %d distinct recipients, %d repeated Message-IDs, %.1f s (goal 60 s); %s"
					.formatted(SUBSCRIBERS, mailbox.accepted(), mailbox.distinctRecipients(),
							mailbox.repeatedMessageIds(), took.toMillis() / 1000.0, outcomes(app)));
		assertThat(mailbox.accepted()).isEqualTo(SUBSCRIBERS);
		assertThat(mailbox.distinctRecipients()).isEqualTo(SUBSCRIBERS);
		assertThat(mailbox.repeatedMessageIds()).isZero();
	}

	@Test
	void deliversTenThousandWebhooksWithinHalfAMinute() throws IOException {
		Set<String> deliveries = ConcurrentHashMap.newKeySet();
		AtomicInteger requests = new AtomicInteger();
		List<HttpServer> receivers = new ArrayList<>();
		try {
			for (int i = 0; i < RECEIVERS; i++) {
				HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
				server.setExecutor(Executors.newFixedThreadPool(16));
				server.createContext("/", (exchange) -> {
					try (exchange; InputStream body = exchange.getRequestBody()) {
						body.readAllBytes();
						requests.incrementAndGet();
						deliveries.add(exchange.getRequestHeaders().getFirst("X-Beacon-Delivery"));
						exchange.sendResponseHeaders(204, -1);
					}
				});
				server.start();
				receivers.add(server);
			}
			UUID app = define();
			for (int i = 0; i < RECEIVERS; i++) {
				this.sql.sql("""
						INSERT INTO subscribers (id, application_id, type, target, secret, confirmed_at)
						SELECT gen_random_uuid(), :app, 'webhook', :url || n, 'a-secret-of-sixteen-chars', now()
						FROM generate_series(1, :count) AS n""")
					.bind("app", app)
					.bind("url", "http://127.0.0.1:" + receivers.get(i).getAddress().getPort() + "/hook?s=")
					.bind("count", SUBSCRIBERS / RECEIVERS)
					.then()
					.block();
			}

			Instant start = Instant.now();
			publish(app);
			await().atMost(Duration.ofMinutes(4))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> deliveries.size() >= SUBSCRIBERS && pending(app) == 0);
			Duration took = Duration.between(start, Instant.now());
			report.add(
					"webhook: %d subscribers on %d loopback receivers, %d requests, %d distinct deliveries, %.1f s (goal 30 s); %s"
						.formatted(SUBSCRIBERS, RECEIVERS, requests.get(), deliveries.size(), took.toMillis() / 1000.0,
								outcomes(app)));
			assertThat(deliveries).hasSize(SUBSCRIBERS);
			assertThat(requests.get()).isEqualTo(SUBSCRIBERS);
		}
		finally {
			receivers.forEach((server) -> server.stop(0));
		}
	}

	private UUID define() {
		UUID app = UUID.randomUUID();
		Catalog.define(topics, this.applications, Catalog.application(app, "bench-" + app, true));
		return app;
	}

	/** The deliveries by status, and the attempts they took (claims that were sent). */
	private String outcomes(UUID app) {
		return this.sql.sql("""
				SELECT string_agg(status || ' ' || n || ' (' || attempts || ' attempts)', ', ') AS s FROM (
				    SELECT status, count(*) AS n, sum(attempts) AS attempts FROM deliveries
				    WHERE application_id = :app GROUP BY status) AS t""")
			.bind("app", app)
			.map((row) -> row.get("s", String.class))
			.one()
			.block();
	}

	private long pending(UUID app) {
		return this.sql.sql("SELECT count(*) AS n FROM deliveries WHERE application_id = :app AND status = 'pending'")
			.bind("app", app)
			.map((row) -> row.get("n", Long.class))
			.one()
			.block();
	}

	private static void publish(UUID app) {
		Instant now = Instant.now();
		IncidentChanged event = new IncidentChanged(UUID.randomUUID(), now, IncidentChanged.Change.UPDATED,
				new IncidentChanged.Incident(UUID.randomUUID(), app, "API is slow", "identified", "minor", List.of(),
						now.minusSeconds(600), null, 2),
				new IncidentChanged.Update(UUID.randomUUID(), "identified", "A database index is being rebuilt.", now));
		topics.send(Topics.INCIDENTS, app.toString(), json.writeValueAsString(event));
	}

}
