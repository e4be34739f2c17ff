package dev.beacon.statusapi.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import dev.beacon.statusapi.StatusApiApplication;
import dev.beacon.testsupport.TestDatabase;
import dev.beacon.testsupport.TestInfrastructure;
import dev.beacon.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;

/**
 * Custom metrics on a page against a real Prometheus server (Debian's {@code prometheus}
 * package, started on a loopback port), scraping a loopback endpoint whose value the test
 * sets. The failure paths Prometheus cannot be made to take on demand are in
 * {@link MetricReadingsTests}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + StatusApiApplication.CONFIG_NAME,
				"beacon.security.jwt.hmac-secret=" + TestTokens.HMAC_SECRET, TestTokens.AUDIENCE_PROPERTY,
				"management.server.port=0" })
@EnabledIf(value = "dev.beacon.statusapi.metrics.PrometheusProcess#available",
		disabledReason = "needs Debian's prometheus package (/usr/bin/prometheus); .ci/run installs it")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PageMetricsTests {

	static final TestDatabase database = TestInfrastructure.database("page_metrics");

	static final AtomicReference<String> latency = new AtomicReference<>("123.4");

	static final HttpServer target = target();

	static PrometheusProcess prometheus;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		database.register(registry);
		TestInfrastructure.registerKafka(registry, TestInfrastructure.topicPrefix(PageMetricsTests.class));
		prometheus = PrometheusProcess.start("127.0.0.1:" + target.getAddress().getPort());
		registry.add("beacon.metrics.prometheus-url", () -> prometheus.url().toString());
	}

	@AfterAll
	static void stop() {
		if (prometheus != null) {
			prometheus.close();
		}
		target.stop(0);
	}

	@Value("${local.server.port}")
	int port;

	WebTestClient client;

	@BeforeEach
	void client() {
		this.client = TestInfrastructure.client(this.port);
	}

	@Test
	@Order(1)
	void showsAMetricsValueWithItsUnitAndSparkline() {
		// the first scrape lands after a few seconds; until then the query has no data
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> queryPrometheus("beacon_test_latency_ms").contains("123.4"));
		UUID id = register();
		statusPage(id, """
				statusPage:
				  enabled: true
				  public: true
				  metrics:
				    - name: p95 latency
				      query: max(beacon_test_latency_ms{job="beacon-test"})
				      unit: ms
				""").expectStatus().isOk();

		page(id).jsonPath("$.metrics[0].name")
			.isEqualTo("p95 latency")
			.jsonPath("$.metrics[0].unit")
			.isEqualTo("ms")
			.jsonPath("$.metrics[0].value")
			.isEqualTo(123.4)
			.jsonPath("$.metrics[0].formatted")
			.isEqualTo("123 ms")
			.jsonPath("$.metrics[0].reason")
			.doesNotExist()
			.jsonPath("$.metrics[0].sparkline.length()")
			.value(greaterThan(0))
			.jsonPath("$.metrics[0].sparkline[0].value")
			.isEqualTo(123.4);
	}

	@Test
	@Order(2)
	void refusesAQueryPrometheusCannotParseWithItsMessage() {
		UUID id = register();
		statusPage(id, """
				statusPage:
				  enabled: true
				  public: true
				  metrics:
				    - name: Fine
				      query: up
				    - name: Broken
				      query: sum(rate(http_requests_total[5m])
				      unit: req/s
				""").expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("statusPage.metrics[1].query")
			.jsonPath("$.errors[0].message")
			.value(containsString("parse error"));
		this.client.patch()
			.uri("/api/applications/" + id)
			.headers((headers) -> headers.setBearerAuth(TestTokens.forApplications(id)))
			.contentType(MediaType.parseMediaType("application/merge-patch+json"))
			.bodyValue("{\"page\":{\"metrics\":[{\"name\":\"Bad\",\"query\":\"rate(x[5m]\"}]}}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("page.metrics[0].query");
	}

	@Test
	@Order(3)
	void cannotSaveANewQueryWhilePrometheusIsDown() {
		UUID id = register();
		prometheus.close();
		statusPage(id, """
				statusPage:
				  enabled: true
				  public: true
				  metrics:
				    - name: Up
				      query: up
				""").expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals("Retry-After", "30")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		// the page itself does not depend on Prometheus
		page(id).jsonPath("$.components[0].name").isEqualTo("API");
	}

	private UUID register() {
		UUID id = UUID.randomUUID();
		this.client.post()
			.uri("/api/applications")
			.headers((headers) -> headers.setBearerAuth(TestTokens.forApplications(id)))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(
					"{\"id\":\"%s\",\"slug\":\"m-%s\",\"name\":\"Metrics\",\"public\":true,\"components\":[{\"name\":\"API\"}]}"
						.formatted(id, id.toString().substring(0, 8)))
			.exchange()
			.expectStatus()
			.isCreated();
		return id;
	}

	private WebTestClient.ResponseSpec statusPage(UUID id, String yaml) {
		return this.client.put()
			.uri("/api/applications/" + id + "/status-page")
			.headers((headers) -> headers.setBearerAuth(TestTokens.forApplications(id)))
			.contentType(MediaType.APPLICATION_YAML)
			.bodyValue(yaml)
			.exchange();
	}

	private WebTestClient.BodyContentSpec page(UUID id) {
		return this.client.get()
			.uri("/public/status/m-" + id.toString().substring(0, 8))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody();
	}

	private static String queryPrometheus(String query) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(prometheus.url().resolve("/api/v1/query?query=" + query))
			.timeout(Duration.ofSeconds(2))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
	}

	private static HttpServer target() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/metrics", (exchange) -> {
				byte[] body = ("# TYPE beacon_test_latency_ms gauge\nbeacon_test_latency_ms " + latency.get() + "\n")
					.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
