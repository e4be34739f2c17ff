package dev.beacon.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.beacon.events.PagesHeartbeat;
import dev.beacon.events.Topics;
import dev.beacon.gateway.pages.PublishedPage;
import dev.beacon.gateway.pages.PublishedPages;
import dev.beacon.testsupport.TestInfrastructure;
import dev.beacon.testsupport.TestTokens;
import dev.beacon.testsupport.TestTopics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The edge holds pages in memory; when status-api's heartbeats stop (it, its database or
 * Kafka is down) it no longer knows the statuses are true, and says so: every component
 * unknown, in the document, the Statuspage API and to live readers, until heartbeats are
 * back. A context of its own: once a gateway has read a heartbeat, it judges every page
 * by them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + GatewayApplication.CONFIG_NAME, TestTokens.HMAC_SECRET_PROPERTY,
				TestTokens.AUDIENCE_PROPERTY, "management.server.port=0", "beacon.gateway.pages.stale-after=5s",
				"beacon.gateway.status-api-uri=http://127.0.0.1:9", "beacon.gateway.incident-uri=http://127.0.0.1:9",
				"beacon.gateway.notifier-uri=http://127.0.0.1:9" })
class PagesFreshnessTests {

	static final JsonMapper json = JsonMapper.builder().build();

	static final String prefix = TestInfrastructure.topicPrefix(PagesFreshnessTests.class);

	static final TestTopics topics = new TestTopics(prefix, Topics.PAGES);

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		TestInfrastructure.registerKafka(registry, prefix);
	}

	@AfterAll
	static void close() {
		topics.close();
	}

	@Value("${local.server.port}")
	int port;

	@Autowired
	PublishedPages pages;

	@Test
	void servesEveryStatusAsUnknownWhileStatusApisHeartbeatsAreMissingAndAsPublishedOnceTheyAreBack() {
		WebTestClient client = TestInfrastructure.client(this.port);
		UUID app = UUID.randomUUID();
		String slug = "beats-" + app.toString().substring(0, 8);
		List<PublishedPage> live = new CopyOnWriteArrayList<>();
		Disposable listening = this.pages.changes(app).subscribe(live::add);
		try {
			topics.send(Topics.PAGES, app.toString(), """
					{"eventId":"%s","occurredAt":"%s","applicationId":"%s","slug":"%s","isPublic":true,
					 "hosts":[],"appHosts":[],"document":%s}""".formatted(UUID.randomUUID(), Instant.now(), app, slug,
					EdgeTestSupport.document(slug, "Beating page", "operational")));
			await().atMost(Duration.ofSeconds(30)).until(() -> "operational".equals(componentStatus(client, slug)));

			// status-api's last word was written a minute ago and sent much later (the
			// record's timestamp is ahead of this clock): it was left in the outbox of a
			// status-api that crashed, and the restarted one's relay sent it before
			// anything of its own. It vouches for the pages as they were a minute ago.
			topics.sendAt(Topics.PAGES, PagesHeartbeat.KEY, heartbeat(Instant.now().minus(Duration.ofMinutes(1))),
					Instant.now().plus(Duration.ofMinutes(5)));
			await().atMost(Duration.ofSeconds(30)).until(() -> "unknown".equals(componentStatus(client, slug)));
			JsonNode document = document(client, "/public/status/" + slug);
			assertThat(document.at("/overall/status").asString()).isEqualTo("unknown");
			assertThat(document.at("/components/0/reason").asString()).startsWith("No current data");
			assertThat(document(client, "/status/" + slug + "/api/v2/status.json").at("/status/indicator").asString())
				.isNotEqualTo("none");
			await().atMost(Duration.ofSeconds(10))
				.until(() -> live.stream()
					.anyMatch((page) -> "unknown".equals(page.document().at("/overall/status").asString())));

			// a heartbeat that stays current for the rest of the test (its clock is
			// ahead)
			topics.send(Topics.PAGES, PagesHeartbeat.KEY, heartbeat(Instant.now().plus(Duration.ofMinutes(5))));
			await().atMost(Duration.ofSeconds(30)).until(() -> "operational".equals(componentStatus(client, slug)));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> "operational"
					.equals(live.get(live.size() - 1).document().at("/overall/status").asString()));
		}
		finally {
			listening.dispose();
		}
	}

	private static String heartbeat(Instant writtenAt) {
		return json.writeValueAsString(new PagesHeartbeat(UUID.randomUUID(), writtenAt));
	}

	private static String componentStatus(WebTestClient client, String slug) {
		return document(client, "/public/status/" + slug).at("/components/0/status").asString(null);
	}

	private static JsonNode document(WebTestClient client, String path) {
		byte[] body = client.get().uri(path).exchange().returnResult(byte[].class).getResponseBodyContent();
		return (body != null) ? json.readTree(body) : json.nullNode();
	}

}
