package dev.beacon.gateway;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.beacon.events.Topics;
import dev.beacon.testsupport.TestInfrastructure;
import dev.beacon.testsupport.TestTokens;
import dev.beacon.testsupport.TestTopics;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.awaitility.Awaitility.await;

/**
 * The gateway against a real Kafka broker, fed pages by writing {@code beacon.pages.v1}
 * the way status-api does; no service behind it. One context for every edge test class.
 * Each test calls from a loopback address of its own, so the per-address rate limit of
 * one test never touches another.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + GatewayApplication.CONFIG_NAME, TestTokens.HMAC_SECRET_PROPERTY,
				TestTokens.AUDIENCE_PROPERTY, "management.server.port=0",
				"beacon.gateway.pages.public-url=https://beacon.test", "beacon.gateway.edge.rate-limit.capacity=20",
				"beacon.gateway.edge.rate-limit.per-second=1", "beacon.gateway.status-api-uri=http://127.0.0.1:9",
				"beacon.gateway.incident-uri=http://127.0.0.1:9", "beacon.gateway.notifier-uri=http://127.0.0.1:9" })
abstract class EdgeTestSupport {

	static final JsonMapper json = JsonMapper.builder().build();

	static final String prefix = TestInfrastructure.topicPrefix(EdgeTestSupport.class);

	static final TestTopics topics = new TestTopics(prefix, Topics.PAGES);

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		TestInfrastructure.registerKafka(registry, prefix);
	}

	@Value("${local.server.port}")
	int port;

	/** A client calling from {@code 127.0.0.<n>}. */
	WebTestClient from(int n) {
		HttpClient http = HttpClient.create().bindAddress(() -> new InetSocketAddress("127.0.0." + n, 0));
		return WebTestClient.bindToServer(new ReactorClientHttpConnector(http))
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	/** Publishes a page as status-api would, and waits until the gateway serves it. */
	static void publish(UUID app, String slug, boolean isPublic, List<String> hosts, List<String> appHosts,
			String document) {
		String value = """
				{"eventId":"%s","occurredAt":"2026-11-27T10:00:00Z","applicationId":"%s","slug":"%s",
				 "isPublic":%s,"hosts":%s,"appHosts":%s,"document":%s}""".formatted(UUID.randomUUID(), app, slug,
				isPublic, json.writeValueAsString(hosts), json.writeValueAsString(appHosts), document);
		topics.send(Topics.PAGES, app.toString(), value);
	}

	static void awaitServed(WebTestClient client, String path, String token, String contains) {
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			var result = client.get().uri(path).headers((h) -> {
				if (token != null) {
					h.setBearerAuth(token);
				}
			}).exchange().returnResult(String.class);
			String body = result.getResponseBody().blockFirst();
			return result.getStatus().value() == 200 && body != null && body.contains(contains);
		});
	}

	/** A small page document: one component, as status-api writes it. */
	static String document(String slug, String name, String status) {
		return """
				{"slug":"%s","name":"%s","description":null,"timeZone":"UTC","showUptime":true,
				 "showResponseTimes":true,"overall":{"status":"%s","description":"x"},
				 "components":[{"id":"%s","name":"API","group":null,"status":"%s","since":"2026-11-27T09:00:00Z",
				   "reason":null}],
				 "metrics":[],"incidents":[],"recentIncidents":[],"maintenances":[],
				 "generatedAt":"%s"}""".formatted(slug, name, status, UUID.randomUUID(), status,
				java.time.Instant.now());
	}

}
