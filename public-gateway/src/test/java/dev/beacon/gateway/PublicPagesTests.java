package dev.beacon.gateway;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import dev.beacon.events.Topics;
import dev.beacon.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Public reads answered from the pages in memory: ETags, privacy, host routing. */
class PublicPagesTests extends EdgeTestSupport {

	@Test
	void servesThePublishedDocumentWithAStrongETagAndAnswersConditionalReads() throws Exception {
		WebTestClient client = from(11);
		UUID app = UUID.randomUUID();
		String slug = "etag-" + app.toString().substring(0, 8);
		String document = document(slug, "ETag page", "operational");
		publish(app, slug, true, List.of(), List.of(), document);
		awaitServed(client, "/public/status/" + slug, null, "ETag page");

		EntityExchangeResult<byte[]> read = client.get()
			.uri("/public/status/" + slug)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "public, max-age=5")
			.expectHeader()
			.exists("Beacon-Data-Age")
			.expectHeader()
			.exists(HttpHeaders.LAST_MODIFIED)
			.expectBody()
			.returnResult();
		JSONAssert.assertEquals(document, new String(read.getResponseBody(), StandardCharsets.UTF_8),
				JSONCompareMode.STRICT);
		String etag = read.getResponseHeaders().getETag();
		assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");

		client.get()
			.uri("/public/status/" + slug)
			.header(HttpHeaders.IF_NONE_MATCH, etag)
			.exchange()
			.expectStatus()
			.isNotModified()
			.expectHeader()
			.valueEquals(HttpHeaders.ETAG, etag)
			.expectBody()
			.isEmpty();
		client.head()
			.uri("/public/status/" + slug)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ETAG, etag)
			.expectBody()
			.isEmpty();

		publish(app, slug, true, List.of(), List.of(), document(slug, "ETag page v2", "outage"));
		awaitServed(client, "/public/status/" + slug, null, "ETag page v2");
		client.get()
			.uri("/public/status/" + slug)
			.header(HttpHeaders.IF_NONE_MATCH, etag)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.value(HttpHeaders.ETAG, (now) -> assertThat(now).isNotEqualTo(etag));
	}

	@Test
	void privatePageAnswersExactlyLikeAnAbsentOneUnlessTheTokenListsIt() {
		WebTestClient client = from(12);
		UUID app = UUID.randomUUID();
		String slug = "priv-" + app.toString().substring(0, 8);
		String absent = "none-" + app.toString().substring(0, 8);
		publish(app, slug, false, List.of("status.priv.test"), List.of(), document(slug, "Private page", "outage"));
		awaitServed(client, "/public/status/" + slug, TestTokens.forApplications(app), "Private page");

		for (String suffix : List.of("", "/api/v2/summary.json", "/history.atom")) {
			String privatePath = (suffix.isEmpty() ? "/public/status/" + slug : "/status/" + slug + suffix);
			String absentPath = (suffix.isEmpty() ? "/public/status/" + absent : "/status/" + absent + suffix);
			for (String token : new String[] { null, TestTokens.forApplications(UUID.randomUUID()) }) {
				Answer hidden = answer(client, privatePath, token);
				Answer missing = answer(client, absentPath, token);
				assertThat(hidden.status()).isEqualTo(404);
				assertThat(hidden).isEqualTo(missing);
			}
		}
		client.get()
			.uri("/public/status/" + slug)
			.headers((h) -> h.setBearerAuth(TestTokens.forApplications(app)))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "private, no-store");
		client.get()
			.uri("/status/" + slug + "/api/v2/status.json")
			.headers((h) -> h.setBearerAuth(TestTokens.admin()))
			.exchange()
			.expectStatus()
			.isOk();
		client.get()
			.uri("/api/v2/status.json")
			.header(HttpHeaders.HOST, "status.priv.test")
			.exchange()
			.expectStatus()
			.isNotFound();
		client.get()
			.uri("/api/v2/status.json")
			.header(HttpHeaders.HOST, "status.priv.test")
			.headers((h) -> h.setBearerAuth(TestTokens.forApplications(app)))
			.exchange()
			.expectStatus()
			.isOk();
	}

	private static Answer answer(WebTestClient client, String path, String token) {
		EntityExchangeResult<byte[]> result = client.get().uri(path).headers((h) -> {
			if (token != null) {
				h.setBearerAuth(token);
			}
		}).exchange().expectBody().returnResult();
		HttpHeaders headers = new HttpHeaders();
		result.getResponseHeaders().forEach((name, values) -> {
			if (!name.equalsIgnoreCase(HttpHeaders.DATE)) {
				headers.put(name.toLowerCase(java.util.Locale.ROOT), values);
			}
		});
		return new Answer(result.getStatus().value(), headers.toSingleValueMap().toString(),
				new String(result.getResponseBody(), StandardCharsets.UTF_8));
	}

	record Answer(int status, String headers, String body) {
	}

	@Test
	void routesByHostNameAndAnswersUnknownHostsWithNotFound() {
		WebTestClient client = from(13);
		UUID app = UUID.randomUUID();
		String slug = "host-" + app.toString().substring(0, 8);
		publish(app, slug, true, List.of("status." + slug + ".apps.test", "status.host.example"),
				List.of(slug + ".apps.test"), document(slug, "Hosted page", "operational"));
		awaitServed(client, "/public/status/" + slug, null, "Hosted page");

		for (String host : List.of("status." + slug + ".apps.test", "STATUS.Host.Example.:8443")) {
			client.get()
				.uri("/api/v2/status.json")
				.header(HttpHeaders.HOST, host)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.page.name")
				.isEqualTo("Hosted page");
			client.get()
				.uri("/history.rss")
				.header(HttpHeaders.HOST, host)
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.parseMediaType("application/rss+xml"));
		}
		client.get()
			.uri("/status/api/v2/summary.json")
			.header(HttpHeaders.HOST, slug + ".apps.test")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.page.name")
			.isEqualTo("Hosted page");
		client.get()
			.uri("/api/v2/status.json")
			.header(HttpHeaders.HOST, "status.unknown.example")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		client.get()
			.uri("/api/v2/status.json")
			.header(HttpHeaders.HOST, slug + ".apps.test")
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void forgetsAPageOnItsTombstone() {
		WebTestClient client = from(14);
		UUID app = UUID.randomUUID();
		String slug = "gone-" + app.toString().substring(0, 8);
		publish(app, slug, true, List.of(), List.of(), document(slug, "Going page", "operational"));
		awaitServed(client, "/public/status/" + slug, null, "Going page");
		topics.send(Topics.PAGES, app.toString(), null);
		await().atMost(java.time.Duration.ofSeconds(30))
			.until(() -> client.get()
				.uri("/public/status/" + slug)
				.exchange()
				.returnResult(byte[].class)
				.getStatus() == HttpStatus.NOT_FOUND);
	}

	@Test
	void leavesPathsBelowAPageToTheProxiedRoutes() {
		WebTestClient client = from(15);
		UUID app = UUID.randomUUID();
		String slug = "subs-" + app.toString().substring(0, 8);
		publish(app, slug, true, List.of(), List.of(), document(slug, "Subscribed page", "operational"));
		awaitServed(client, "/public/status/" + slug, null, "Subscribed page");
		// the notifier's subscribe endpoints live below the page's path: not answered
		// here
		client.post()
			.uri("/public/status/" + slug + "/subscribers")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"type\":\"email\",\"address\":\"a@b.test\"}")
			.exchange()
			.expectBody(String.class)
			.value((body) -> assertThat(body).doesNotContain("No such page").doesNotContain("Subscribed page"));
	}

}
