package dev.beacon.gateway.html;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import dev.beacon.gateway.GatewayApplication;
import dev.beacon.gateway.html.PageDocuments.Mood;
import dev.beacon.testsupport.TestInfrastructure;
import dev.beacon.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTML page and what belongs to it, over HTTP, fed by an in-memory page store. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + GatewayApplication.CONFIG_NAME, TestTokens.HMAC_SECRET_PROPERTY,
				TestTokens.AUDIENCE_PROPERTY, "management.server.port=0" })
@Import(PageStoreConfiguration.class)
class StatusPageTests {

	@Value("${local.server.port}")
	int port;

	@Autowired
	InMemoryPublishedPages pages;

	WebTestClient client;

	@BeforeEach
	void client() {
		this.client = TestInfrastructure.client(this.port);
		this.pages.publish(PageDocuments.demo(Mood.OUTAGE, Instant.now()));
	}

	String get(String path) {
		return this.client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType("text/html;charset=UTF-8")
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	@Test
	void showsEveryPartOfThePageInHtml() {
		String html = get("/status/demo");
		assertThat(html).contains("<h1>Demo Shop</h1>", "Partial Outage", "Payments are failing",
				"The payment provider&#39;s endpoint answers 503", "Worker", "Degraded performance",
				"Partially degraded (1/3 pods)", "1/3 pods ready: CrashLoopBackOff", "slow: 2.4 s", "Outage",
				"Database upgrade", "Slow checkout", "42.7 req/s", "Prometheus is unreachable", "class=\"days\"",
				"class=\"rt\"", "class=\"spark\"", "Europe/Berlin", "99.95%");
		assertThat(html).contains("<h3>Frontend</h3>", "<h3>Backend</h3>");
		assertThat(html.indexOf(">Web<")).isLessThan(html.indexOf(">API<"));
	}

	@Test
	void needsNoInlineScriptOrStyleSoAStrictPolicyHolds() {
		String html = get("/status/demo") + get("/status/demo/embed");
		assertThat(html).doesNotContain("style=", "<style", "javascript:", "onclick", "onload");
		Matcher scripts = Pattern.compile("<script[^>]*>").matcher(html);
		int count = 0;
		while (scripts.find()) {
			assertThat(scripts.group())
				.isEqualTo("<script src=\"/status/_assets/status.js\" defer></script>".replace("</script>", ""));
			count++;
		}
		assertThat(count).isEqualTo(2);
		assertThat(html).doesNotContainPattern("(src|href)=\"(https?:)?//");
	}

	@Test
	void honoursHiddenUptimeAndResponseTimes() {
		Map<String, Object> document = PageDocuments.demoDocument(Mood.DEGRADED, Instant.now());
		document.put("showUptime", false);
		document.put("showResponseTimes", false);
		document.put("slug", "quiet");
		this.pages.publish(PageDocuments.published(UUID.randomUUID(), "quiet", true, List.of(), List.of(), document));
		String html = get("/status/quiet");
		assertThat(html).contains("Partially Degraded").doesNotContain("class=\"days\"", "class=\"rt\"", "99.95%");
	}

	@Test
	void drawsWhatAnOlderDocumentHasAndMarksItStale() {
		Map<String, Object> document = new java.util.LinkedHashMap<>();
		document.put("slug", "old");
		document.put("name", "Old Shape");
		document.put("timeZone", "UTC");
		document.put("status", Map.of("status", "degraded", "description", "Partially Degraded"));
		document.put("components", List.of(Map.of("id", UUID.randomUUID().toString(), "name", "Only", "status",
				"degraded", "since", Instant.now().toString())));
		UUID incident = UUID.randomUUID();
		document.put("incidents", List.of(Map.of("id", incident.toString(), "title", "Old incident", "status",
				"investigating", "impact", "minor", "latestUpdate", "Looking into it")));
		document.put("generatedAt", Instant.now().minus(Duration.ofMinutes(10)).toString());
		this.pages.publish(PageDocuments.published(UUID.randomUUID(), "old", true, List.of(), List.of(), document));
		String html = get("/status/old");
		assertThat(html).contains("Partially Degraded", "Old incident", "Looking into it", "No incidents in the last")
			.contains("<p class=\"stale\" role=\"status\">")
			// the anchor the Statuspage API's shortlinks and the feeds point to
			.contains("id=\"incident-" + incident + "\"");
		assertThat(get("/status/demo")).contains("<p class=\"stale\" role=\"status\" hidden=\"hidden\">");
	}

	@Test
	void answersAPrivatePageExactlyAsAMissingOne() {
		this.pages.publish(PageDocuments.published(UUID.randomUUID(), "secret", false, List.of("status.secret.test"),
				List.of(), PageDocuments.demoDocument(Mood.OPERATIONAL, Instant.now())));
		for (String path : List.of("/status/secret", "/status/secret/embed", "/status/secret/badge.svg",
				"/status/secret/content", "/status/secret/events", "/status/secret/widget.js")) {
			byte[] secret = notFound(path, "localhost");
			byte[] missing = notFound(path.replace("secret", "missing"), "localhost");
			assertThat(new String(secret, StandardCharsets.UTF_8).replace("secret", "missing"))
				.isEqualTo(new String(missing, StandardCharsets.UTF_8));
		}
		notFound("/", "status.secret.test");
	}

	private byte[] notFound(String path, String host) {
		return this.client.get()
			.uri(path)
			.header("Host", host)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.returnResult()
			.getResponseBody();
	}

	@Test
	void servesThePageOnItsOwnHostsAndOnlyThere() {
		assertThat(this.client.get()
			.uri("/")
			.header("Host", "status.demo.localhost:8080")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody()).contains("<h1>Demo Shop</h1>");
		this.client.get().uri("/status").header("Host", "demo.localhost").exchange().expectStatus().isOk();
		this.client.get().uri("/").header("Host", "demo.localhost").exchange().expectStatus().isNotFound();
		this.client.get().uri("/").header("Host", "elsewhere.test").exchange().expectStatus().isNotFound();
	}

	@Test
	void drawsAShieldsStyleBadge() {
		String svg = this.client.get()
			.uri("/status/demo/badge.svg")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType("image/svg+xml;charset=UTF-8")
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")
			.contains(">status</text>", ">partial outage</text>", "#cf222e");
	}

	@Test
	void servesTheEmbedTheLivePartAndTheWidget() {
		assertThat(get("/status/demo/embed")).contains("class=\"embed\"", "Partial Outage", "Payments — Outage");
		assertThat(get("/status/demo/content")).startsWith("<div id=\"live\"").doesNotContain("<html");
		assertThat(get("/status/demo/content?view=embed")).startsWith("<main id=\"live\"");
		this.client.get()
			.uri("/status/demo/widget.js")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType("text/javascript;charset=UTF-8")
			.expectBody(String.class)
			.value((script) -> assertThat(script).contains("/api/v2/status.json"));
	}

	@Test
	void servesAssetsWithEntityTags() {
		String etag = this.client.get()
			.uri("/status/_assets/status.css")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType("text/css;charset=UTF-8")
			.returnResult(String.class)
			.getResponseHeaders()
			.getETag();
		this.client.get()
			.uri("/status/_assets/status.css")
			.header("If-None-Match", etag)
			.exchange()
			.expectStatus()
			.isNotModified();
		this.client.get().uri("/status/_assets/nothing.js").exchange().expectStatus().isNotFound();
	}

	@Test
	void streamsEachNewVersionAsServerSentEvents() {
		Instant later = Instant.now().plusSeconds(1);
		StepVerifier.create(this.client.get()
			.uri("/status/demo/events")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
			})
			.getResponseBody()
			.filter((event) -> "page".equals(event.event())))
			.assertNext((event) -> assertThat(event.data()).contains("\"Partial Outage\""))
			.then(() -> this.pages.publish(PageDocuments.demo(Mood.OPERATIONAL, later)))
			.assertNext((event) -> assertThat(event.data()).contains("All Systems Operational", later.toString()))
			.thenCancel()
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void answersAPlainRequestForTheWebSocketWithAProblem() {
		this.client.get()
			.uri("/status/demo/live")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void endsTheStreamWhenThePageTurnsPrivate() {
		StepVerifier.create(this.client.get()
			.uri("/status/demo/events")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
			})
			.getResponseBody()
			.filter((event) -> "page".equals(event.event())))
			.expectNextCount(1)
			.then(() -> this.pages.publish(PageDocuments.published(PageDocuments.DEMO_ID, "demo", false, List.of(),
					List.of(), PageDocuments.demoDocument(Mood.OPERATIONAL, Instant.now()))))
			.expectComplete()
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void aPageOfFiftyComponentsWeighsUnder100KilobytesAsTransferred() throws Exception {
		this.pages.publish(PageDocuments.large(50, Instant.now()));
		HttpResponse<byte[]> page = compressed("/status/large");
		assertThat(page.headers().firstValue("Content-Encoding")).hasValue("gzip");
		long transferred = page.body().length;
		for (String asset : List.of("status.css", "status.js")) {
			HttpResponse<byte[]> response = compressed("/status/_assets/" + asset);
			assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
			transferred += response.body().length;
		}
		String html = new String(new GZIPInputStream(new ByteArrayInputStream(page.body())).readAllBytes(),
				StandardCharsets.UTF_8);
		assertThat(html).contains("Service 50").hasSizeGreaterThan(100 * 1024);
		System.out.printf("50 components: %d bytes of HTML, %d bytes transferred with the style sheet and script%n",
				html.getBytes(StandardCharsets.UTF_8).length, transferred);
		assertThat(transferred).isLessThan(100 * 1024);
	}

	/** Java's own client: it neither asks for nor undoes compression by itself. */
	private HttpResponse<byte[]> compressed(String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Accept-Encoding", "gzip")
			.timeout(Duration.ofSeconds(30))
			.build();
		HttpResponse<byte[]> response = HttpClient.newHttpClient()
			.send(request, HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		return response;
	}

}
