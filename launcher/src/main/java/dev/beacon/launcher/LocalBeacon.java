package dev.beacon.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.sun.net.httpserver.HttpExchange;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Beacon on one machine with nothing installed but a JDK: an in-JVM Kafka broker, an
 * embedded PostgreSQL, the five services and a demo application with a public page at
 * {@code /public/status/demo}. Ctrl-C stops it all.
 */
public final class LocalBeacon implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(LocalBeacon.class);

	/** The demo application's id, so that the README can show calls to the API. */
	static final UUID DEMO_APPLICATION = UUID.fromString("d3e10000-0000-4000-8000-000000000001");

	/**
	 * The hold of detected incidents in the local run: well inside the flaky component's
	 * 90 s up.
	 */
	static final String LOCAL_HOLD = "30s";

	private static final List<String> DATABASES = List.of("status_api", "incident", "notifier");

	private EmbeddedPostgres postgres;

	private EmbeddedKafkaBroker kafka;

	private DemoTargets demo;

	private DemoPods pods;

	private String cluster;

	private LocalMail mail;

	private BeaconServices services;

	private String adminToken;

	private volatile String webhookSecret;

	/**
	 * Starts the infrastructure, the demo application and the services, in that order.
	 */
	private synchronized void start() throws IOException {
		// a short hold, so each turn of the flaky component shows a whole incident:
		// opened,
		// monitoring, resolved (production holds 5 minutes; -D overrides this)
		System.getProperties().putIfAbsent("beacon.incident.detection.hold", LOCAL_HOLD);
		this.postgres = EmbeddedPostgres.builder().start();
		try (var connection = this.postgres.getPostgresDatabase().getConnection();
				var statement = connection.createStatement()) {
			for (String database : DATABASES) {
				statement.execute("CREATE DATABASE " + database);
			}
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException("Could not create the databases", ex);
		}
		// mails go to an embedded SMTP server, read back over IMAP (see LocalMail)
		this.mail = LocalMail.start(Integer.getInteger("beacon.mail.smtp-port", LocalMail.SMTP_PORT),
				Integer.getInteger("beacon.mail.imap-port", LocalMail.IMAP_PORT));
		System.getProperties().putIfAbsent("spring.mail.host", "127.0.0.1");
		System.getProperties().putIfAbsent("spring.mail.port", String.valueOf(this.mail.smtpPort()));
		System.getProperties()
			.putIfAbsent("beacon.notifier.links.public-base-url", "http://localhost:" + servicePorts().get("gateway"));
		// behind the gateway, which appends the client's address to X-Forwarded-For
		System.getProperties().putIfAbsent("beacon.notifier.public-subscribe.trust-forwarded-for", "true");
		// a quiet broker for a machine's background: a few request threads rather than
		// 11,
		// and no no-op metadata record twice a second (a single node has no follower to
		// prove its liveness to)
		this.kafka = new EmbeddedKafkaKraftBroker(1, 3)
			.brokerProperties(Map.of("group.initial.rebalance.delay.ms", "0", "num.network.threads", "1",
					"num.io.threads", "2", "background.threads", "2", "metadata.max.idle.interval.ms", "0"));
		this.kafka.afterPropertiesSet();
		this.demo = new DemoTargets(Integer.getInteger("beacon.demo.port", 8090),
				Duration.ofSeconds(Long.getLong("beacon.demo.flaky-up-seconds", 90)),
				Duration.ofSeconds(Long.getLong("beacon.demo.flaky-down-seconds", 45)), this::webhookReceived);
		this.cluster = Clusters.configured();
		if (this.cluster == null) {
			// no cluster: the collector watches the simulated one, as it would a real one
			this.pods = new DemoPods(Integer.getInteger("beacon.demo.kubernetes-port", 0),
					Duration.ofSeconds(Long.getLong("beacon.demo.pods-healthy-seconds", 60)),
					Duration.ofSeconds(Long.getLong("beacon.demo.pods-troubled-seconds", 30)));
			System.setProperty("beacon.collector.kubernetes.kubeconfig", this.pods.kubeconfig().toString());
		}
		// a user's own values let them mint tokens for their portal against this run
		String secret = environment("BEACON_JWT_HMAC_SECRET", randomSecret());
		String audience = environment("BEACON_JWT_AUDIENCE", BeaconSettings.DEFAULT_AUDIENCE);
		String issuer = environment("BEACON_JWT_ISSUER", "");
		this.adminToken = adminToken(secret, audience, issuer);
		this.services = BeaconServices.start(new BeaconSettings(this.kafka.getBrokersAsString(),
				new BeaconSettings.DatabaseServer("localhost", this.postgres.getPort(), "postgres", "postgres",
						Map.of("status_api", "status_api", "incident", "incident", "notifier", "notifier")),
				"", secret, audience, issuer, "127.0.0.0/8", servicePorts(), managementPorts()));
	}

	/** Each service's port and its environment variable's stem (as in the README). */
	private static final Map<String, Integer> SERVICE_PORTS = Map.of("gateway", 8080, "status-api", 8081, "incident",
			8082, "notifier", 8083, "collector", 8084);

	private static final Map<String, Integer> MANAGEMENT_PORTS = Map.of("gateway", 9080, "status-api", 9081, "incident",
			9082, "notifier", 9083, "collector", 9084);

	/** Each changed by {@code <SERVICE>_PORT} when set, e.g. {@code GATEWAY_PORT}. */
	private static Map<String, Integer> servicePorts() {
		Map<String, Integer> ports = new HashMap<>();
		SERVICE_PORTS.forEach((service, port) -> ports.put(service, Integer.parseInt(
				environment(service.toUpperCase(Locale.ROOT).replace('-', '_') + "_PORT", String.valueOf(port)))));
		return ports;
	}

	/**
	 * Each changed by {@code -Dbeacon.management-port.<service>=…} (one JVM runs all five
	 * services, so the services' own {@code MANAGEMENT_PORT} cannot tell them apart).
	 */
	private static Map<String, Integer> managementPorts() {
		Map<String, Integer> ports = new HashMap<>();
		MANAGEMENT_PORTS.forEach(
				(service, port) -> ports.put(service, Integer.getInteger("beacon.management-port." + service, port)));
		return ports;
	}

	private static String environment(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value.strip() : fallback;
	}

	public static void main(String[] args) throws Exception {
		// this class stops the services, then Kafka and PostgreSQL, in that order
		System.setProperty("spring.main.register-shutdown-hook", "false");
		System.out.println("Starting embedded PostgreSQL, Kafka, the five Beacon services and the demo application...");
		LocalBeacon beacon = new LocalBeacon();
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			System.out.println("Stopping Beacon...");
			beacon.close();
			System.out.println("Beacon stopped.");
			stopped.countDown();
		}, "beacon-shutdown"));
		try {
			beacon.start();
			beacon.registerDemo();
		}
		catch (Exception ex) {
			logger.error("Beacon could not start: {}", ex.getMessage(), ex);
			System.exit(1);
		}
		long up = Long.getLong("beacon.demo.flaky-up-seconds", 90);
		long down = Long.getLong("beacon.demo.flaky-down-seconds", 45);
		System.out.printf("%n  Beacon is running.%n%n" + "  Demo status page:         http://localhost:%d/status/demo%n"
				+ "  On its own host:          http://status.demo.localhost:%<d/%n"
				+ "  As JSON:                  http://localhost:%<d/public/status/demo%n"
				+ "  Statuspage v2 API:        http://localhost:%<d/status/demo/api/v2/summary.json%n"
				+ "  The 'Checkout API' fails for %ss every %ss and recovers; watch it go to outage and back,%n"
				+ "  and its incident open, move to monitoring and resolve after a hold of "
				+ System.getProperty("beacon.incident.detection.hold") + ".%n" + beacon.podsLine() + "%n%n"
				+ "  API token for this run (admin):%n  %s%n%n"
				+ "  e.g. curl -H \"Authorization: Bearer $TOKEN\" http://localhost:%d/api/applications/%s/status%n%n"
				+ "  Custom metrics: %s%n%n"
				+ "  Subscribe to the demo page by email (any address; nothing leaves this machine):%n"
				+ "  curl -H 'Content-Type: application/json' -d '{\"email\":\"me@example.com\"}' "
				+ "http://localhost:%d/public/status/demo/subscribers%n"
				+ "  Read the mail over IMAP at localhost:%d (user and password: the address), e.g.%n"
				+ "  curl -s --url 'imap://localhost:%d/INBOX;UID=1' --user 'me@example.com:me@example.com'%n%n"
				+ "  Press Ctrl-C to stop.%n%n", beacon.services.gatewayPort(), down, up + down, beacon.adminToken,
				beacon.services.gatewayPort(), DEMO_APPLICATION,
				BeaconServices.prometheusUrl().isEmpty()
						? "set BEACON_PROMETHEUS_URL to a Prometheus you run to give pages metrics"
						: "evaluated on " + BeaconServices.prometheusUrl(),
				beacon.services.gatewayPort(), beacon.mail.imapPort(), beacon.mail.imapPort());
		stopped.await();
	}

	private String podsLine() {
		if (this.pods == null) {
			return "  Kubernetes: watching the pods of the cluster of " + this.cluster
					+ " (the demo page has no pod-backed component).";
		}
		long healthy = Long.getLong("beacon.demo.pods-healthy-seconds", 60);
		long troubled = Long.getLong("beacon.demo.pods-troubled-seconds", 30);
		return "  Kubernetes: no cluster configured, so a simulated Kubernetes API serves 3 'Worker' pods;%n"
				+ "  every " + (healthy + troubled) + " s one crash-loops and one turns unready for " + troubled
				+ " s: 'degraded (1/3 pods ready ...)' and back.";
	}

	/**
	 * Registers the demo page and subscribes the demo application's webhook receiver to
	 * it.
	 */
	void registerDemo() {
		String worker = (this.pods != null) ? ",\n  {\"name\":\"Worker\",\"kubernetes\":{\"namespace\":\""
				+ DemoPods.NAMESPACE + "\",\"labelSelector\":\"" + DemoPods.SELECTOR + "\",\"intervalSeconds\":10}}"
				: "";
		String application = """
				{"id":"%s","slug":"demo","name":"Beacon Demo","public":true,"components":[
				  {"name":"Website","httpCheck":{"url":"%s","intervalSeconds":5}},
				  {"name":"Checkout API","httpCheck":{"url":"%s","intervalSeconds":5,"timeoutMillis":2000,"failureThreshold":2}}%s
				]}"""
			.formatted(DEMO_APPLICATION, this.demo.url("/healthy"), this.demo.url("/flaky"), worker);
		post("/api/applications", application, 1);
		// the notifier learns of the application through the catalog topic, which its
		// consumer may join a little after start-up: 404 until then
		String subscriber = post("/api/applications/" + DEMO_APPLICATION + "/subscribers",
				"{\"type\":\"webhook\",\"url\":\"" + this.demo.url("/webhook") + "\"}", 12);
		this.webhookSecret = JsonMapper.builder().build().readTree(subscriber).get("secret").asString();
	}

	/** POSTs, trying again (every 5 s) while the answer is 404, up to {@code tries}. */
	private String post(String path, String json, int tries) {
		for (int i = 1;; i++) {
			try {
				return post(path, json);
			}
			catch (NotYetKnownException ex) {
				if (i >= tries) {
					throw new IllegalStateException(ex.getMessage(), ex);
				}
			}
		}
	}

	private String post(String path, String json) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.services.gatewayPort() + path))
			.header("Authorization", "Bearer " + this.adminToken)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build();
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() == 404) {
				Thread.sleep(5000);
				throw new NotYetKnownException("POST " + path + " answered 404: " + response.body());
			}
			if (response.statusCode() != 201) {
				throw new IllegalStateException(
						"POST " + path + " answered " + response.statusCode() + ": " + response.body());
			}
			return response.body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A 404 that a moment later may be an answer. */
	private static final class NotYetKnownException extends RuntimeException {

		NotYetKnownException(String message) {
			super(message);
		}

	}

	private void webhookReceived(HttpExchange exchange) {
		try {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			var headers = exchange.getRequestHeaders();
			boolean valid = DemoWebhooks.isAuthentic(this.webhookSecret, headers.getFirst("X-Beacon-Timestamp"), body,
					headers.getFirst("X-Beacon-Signature"), Instant.now());
			logger.info("Demo webhook received {} (signature {}): {}", headers.getFirst("X-Beacon-Event"),
					valid ? "valid and recent" : "INVALID or too old", body);
		}
		catch (IOException ex) {
			logger.warn("Could not read a webhook: {}", ex.toString());
		}
	}

	private static String randomSecret() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	private static String adminToken(String secret, String audience, String issuer) {
		NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableSecret<>(secret.getBytes(StandardCharsets.UTF_8)));
		JwtClaimsSet.Builder builder = JwtClaimsSet.builder();
		if (!issuer.isEmpty()) {
			builder.issuer(issuer);
		}
		JwtClaimsSet claims = builder.subject("local-admin")
			.audience(List.of(audience))
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plus(Duration.ofDays(30)))
			.claim("scope", "beacon:admin")
			.build();
		return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
			.getTokenValue();
	}

	/** Stops whatever has started, in the reverse order. */
	@Override
	public synchronized void close() {
		if (this.services != null) {
			this.services.close();
			this.services = null;
		}
		if (this.demo != null) {
			this.demo.close();
			this.demo = null;
		}
		if (this.pods != null) {
			this.pods.close();
			this.pods = null;
		}
		if (this.mail != null) {
			this.mail.close();
			this.mail = null;
		}
		if (this.kafka != null) {
			this.kafka.destroy();
			this.kafka = null;
		}
		try {
			if (this.postgres != null) {
				this.postgres.close();
				this.postgres = null;
			}
		}
		catch (IOException ex) {
			logger.warn("Embedded PostgreSQL did not stop cleanly: {}", ex.toString());
		}
	}

}
