package dev.beacon.statusapi.registry;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.beacon.events.Topics;
import dev.beacon.statusapi.StatusApiApplication;
import dev.beacon.testsupport.TestDatabase;
import dev.beacon.testsupport.TestInfrastructure;
import dev.beacon.testsupport.TestTokens;
import dev.beacon.testsupport.TestTopics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The registry's lifecycle against a real PostgreSQL and a real Kafka broker: read,
 * replace, merge-patch and delete, with optimistic concurrency, page settings and the
 * catalog events every change publishes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + StatusApiApplication.CONFIG_NAME,
				"beacon.security.jwt.hmac-secret=" + TestTokens.HMAC_SECRET, TestTokens.AUDIENCE_PROPERTY,
				"management.server.port=0", "beacon.metrics.prometheus-url=" })
class RegistryLifecycleTests {

	static final TestDatabase database = TestInfrastructure.database("registry");

	static final String prefix = TestInfrastructure.topicPrefix(RegistryLifecycleTests.class);

	static final TestTopics topics = new TestTopics(prefix, Topics.CATALOG);

	static final JsonMapper json = JsonMapper.builder().build();

	static final MediaType MERGE_PATCH = MediaType.parseMediaType("application/merge-patch+json");

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		database.register(registry);
		TestInfrastructure.registerKafka(registry, prefix);
	}

	@AfterAll
	static void closeTopics() {
		topics.close();
	}

	@Value("${local.server.port}")
	int port;

	WebTestClient client;

	UUID id;

	String slug;

	String token;

	@BeforeEach
	void registerAnApplication() {
		this.client = TestInfrastructure.client(this.port);
		this.id = UUID.randomUUID();
		this.slug = "app-" + this.id.toString().substring(0, 8);
		this.token = TestTokens.forApplications(this.id);
		this.client.post()
			.uri("/api/applications")
			.headers((headers) -> headers.setBearerAuth(this.token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("""
					{"id":"%s","slug":"%s","name":"Shop","public":true,"components":[
					  {"name":"API","httpCheck":{"url":"https://shop.example/api"}},
					  {"name":"Web","group":"Front","httpCheck":{"url":"https://shop.example/"}}]}""".formatted(this.id,
					this.slug))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.valueEquals(HttpHeaders.ETAG, "\"1\"");
	}

	@Test
	void readsAnApplicationWithItsVersionAsETagAndDefaultPageSettings() {
		JsonNode application = read();
		assertThat(application.get("version").asLong()).isEqualTo(1);
		assertThat(application.at("/page/enabled").asBoolean()).isTrue();
		assertThat(application.at("/page/timeZone").asString()).isEqualTo("UTC");
		assertThat(application.at("/page/showUptime").asBoolean()).isTrue();
		assertThat(application.at("/page/metrics").isEmpty()).isTrue();
		assertThat(application.at("/components/1/group").asString()).isEqualTo("Front");
		this.client.get()
			.uri("/api/applications/" + UUID.randomUUID())
			.headers((headers) -> headers.setBearerAuth(TestTokens.admin()))
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void replacesAnApplicationKeepingNamedComponentsAndPublishesEachVersion() {
		JsonNode before = read();
		String api = before.at("/components/0/id").asString();
		String web = before.at("/components/1/id").asString();
		put("\"1\"", """
				{"slug":"%s","name":"Shop 2","public":false,"components":[
				  {"id":"%s","name":"Website","group":"Front","httpCheck":{"url":"https://shop.example/"}},
				  {"id":"%s","name":"Public API","group":"Back","httpCheck":{"url":"https://shop.example/api"}},
				  {"name":"Search","httpCheck":{"url":"https://shop.example/search"}}],
				 "page":{"customDomain":"Status.Shop-%s.example","timeZone":"Europe/Paris","description":"Our shop",
				  "showUptime":false}}""".formatted(this.slug + "-2", web, api, this.id.toString().substring(0, 8)))
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ETAG, "\"2\"");

		JsonNode after = read();
		assertThat(after.at("/components/0/id").asString()).isEqualTo(web);
		assertThat(after.at("/components/0/name").asString()).isEqualTo("Website");
		assertThat(after.at("/components/1/id").asString()).isEqualTo(api);
		assertThat(after.at("/components/1/group").asString()).isEqualTo("Back");
		assertThat(after.at("/components/2/name").asString()).isEqualTo("Search");
		assertThat(after.at("/page/customDomain").asString()).startsWith("status.shop-");
		assertThat(after.at("/page/timeZone").asString()).isEqualTo("Europe/Paris");
		assertThat(after.at("/page/showUptime").asBoolean()).isFalse();
		assertThat(after.at("/page/showResponseTimes").asBoolean()).isTrue();

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(definitions()).anySatisfy((defined) -> {
			assertThat(defined.get("version").asLong()).isEqualTo(2);
			assertThat(defined.get("slug").asString()).isEqualTo(this.slug + "-2");
			assertThat(defined.get("publicPage").asBoolean()).isFalse();
			assertThat(defined.at("/components/1/group").asString()).isEqualTo("Back");
			assertThat(defined.at("/page/timeZone").asString()).isEqualTo("Europe/Paris");
		}));

		// removing a component: left out of the whole definition
		put(null, """
				{"slug":"%s","name":"Shop 2","public":false,"components":[
				  {"id":"%s","name":"Website","httpCheck":{"url":"https://shop.example/"}}]}""".formatted(this.slug,
				web))
			.expectStatus()
			.isOk();
		assertThat(read().get("components")).hasSize(1);
	}

	@Test
	void refusesAChangeMadeAgainstAStaleVersion() {
		String body = """
				{"slug":"%s","name":"Tab %s","public":true,"components":[{"name":"API"}]}""";
		put("\"1\"", body.formatted(this.slug, "one")).expectStatus().isOk();
		put("\"1\"", body.formatted(this.slug, "two")).expectStatus()
			.isEqualTo(412)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals(HttpHeaders.ETAG, "\"2\"");
		patch("\"1\"", "{\"name\":\"Tab three\"}").expectStatus().isEqualTo(412);
		patch("W/\"2\"", "{\"name\":\"Tab three\"}").expectStatus().isEqualTo(412);
		this.client.delete().uri("/api/applications/" + this.id).headers((headers) -> {
			headers.setBearerAuth(this.token);
			headers.setIfMatch("\"1\"");
		}).exchange().expectStatus().isEqualTo(412);
		assertThat(read().get("name").asString()).isEqualTo("Tab one");
		patch("\"5\", \"2\"", "{\"name\":\"Tab three\"}").expectStatus().isOk();
		patch("*", "{\"name\":\"Tab four\"}").expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ETAG, "\"4\"");
	}

	@Test
	void mergePatchChangesRemovesAndReplacesMembers() {
		patch(null, """
				{"name":"Patched","page":{"description":"Hello","customDomain":"status.p-%s.example"}}"""
			.formatted(this.id.toString().substring(0, 8))).expectStatus().isOk();
		JsonNode patched = read();
		assertThat(patched.get("name").asString()).isEqualTo("Patched");
		assertThat(patched.get("components")).hasSize(2);
		assertThat(patched.at("/page/description").asString()).isEqualTo("Hello");

		// null removes a member: the domain goes, the description stays
		patch(null, "{\"page\":{\"customDomain\":null}}").expectStatus().isOk();
		assertThat(read().at("/page/customDomain").isNull()).isTrue();
		assertThat(read().at("/page/description").asString()).isEqualTo("Hello");

		// an array is replaced whole
		patch(null, "{\"components\":[{\"name\":\"Only\"}]}").expectStatus().isOk();
		assertThat(read().get("components")).hasSize(1);

		// the same patch again changes nothing: same version
		long version = read().get("version").asLong();
		patch(null, "{\"name\":\"Patched\"}").expectStatus().isOk();
		assertThat(read().get("version").asLong()).isEqualTo(version);

		// removing what is required, an unknown member, a wrong type, not an object
		patch(null, "{\"name\":null}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("name");
		patch(null, "{\"colour\":\"red\"}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("colour");
		patch(null, "{\"public\":\"yes\"}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("public");
		patch(null, "[]").expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
		patch(null, "{\"id\":\"" + UUID.randomUUID() + "\"}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("id");
		this.client.patch()
			.uri("/api/applications/" + this.id)
			.headers((headers) -> headers.setBearerAuth(this.token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"x\"}")
			.exchange()
			.expectStatus()
			.isEqualTo(415);
	}

	@Test
	void refusesInvalidPageSettingsNamingTheField() {
		for (String domain : List.of("localhost", "127.0.0.1", "-bad.example", "a..example", "status.example.",
				"ex ample.com", "stätus.example")) {
			patch(null, "{\"page\":{\"customDomain\":\"" + domain + "\"}}").expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.errors[0].field")
				.isEqualTo("page.customDomain");
		}
		patch(null, "{\"page\":{\"timeZone\":\"Mars/Olympus\"}}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("page.timeZone");
		patch(null, "{\"page\":{\"timeZone\":\"+02:00\"}}").expectStatus().isBadRequest();
		patch(null, "{\"page\":{\"metrics\":[{\"name\":\"Latency\",\"query\":\"up\",\"unit\":\"furlongs\"}]}}")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("page.metrics[0].unit");
		UUID other = UUID.randomUUID();
		patch(null, "{\"components\":[{\"id\":\"" + other + "\",\"name\":\"Stolen\"}]}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("components[0].id");
		// no Prometheus configured in this test: a metric cannot be checked, so not saved
		patch(null, "{\"page\":{\"metrics\":[{\"name\":\"Up\",\"query\":\"up\",\"unit\":\"count\"}]}}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("page.metrics[0].query");
		put(null,
				"{\"id\":\"" + UUID.randomUUID() + "\",\"slug\":\"" + this.slug
						+ "\",\"name\":\"X\",\"public\":true,\"components\":[{\"name\":\"A\"}]}")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("id");
	}

	@Test
	void refusesASlugOrCustomDomainTakenByAnotherPage() {
		String domain = "status.taken-" + this.id.toString().substring(0, 8) + ".example";
		patch(null, "{\"page\":{\"customDomain\":\"" + domain + "\"}}").expectStatus().isOk();
		UUID other = UUID.randomUUID();
		String otherSlug = "other-" + other.toString().substring(0, 8);
		this.client.post()
			.uri("/api/applications")
			.headers((headers) -> headers.setBearerAuth(TestTokens.admin()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(
					"{\"id\":\"%s\",\"slug\":\"%s\",\"name\":\"Other\",\"public\":true,\"components\":[{\"name\":\"A\"}],\"page\":{\"customDomain\":\"%s\"}}"
						.formatted(other, otherSlug, domain.toUpperCase()))
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("page.customDomain");
		patch(null, "{\"slug\":\"%s\"}".formatted(otherSlug)).expectStatus().isOk();
		this.client.post()
			.uri("/api/applications")
			.headers((headers) -> headers.setBearerAuth(TestTokens.admin()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(
					"{\"id\":\"%s\",\"slug\":\"%s\",\"name\":\"Other\",\"public\":true,\"components\":[{\"name\":\"A\"}]}"
						.formatted(other, this.slug + "-x"))
			.exchange()
			.expectStatus()
			.isCreated();
		this.client.patch()
			.uri("/api/applications/" + other)
			.headers((headers) -> headers.setBearerAuth(TestTokens.admin()))
			.contentType(MERGE_PATCH)
			.bodyValue("{\"slug\":\"%s\"}".formatted(otherSlug))
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("slug");
	}

	@Test
	void deletesAnApplicationItsPageAndPublishesATombstone() {
		this.client.get().uri("/public/status/" + this.slug).exchange().expectStatus().isOk();
		this.client.delete()
			.uri("/api/applications/" + this.id)
			.headers((headers) -> headers.setBearerAuth(this.token))
			.exchange()
			.expectStatus()
			.isNoContent();

		this.client.get().uri("/public/status/" + this.slug).exchange().expectStatus().isNotFound();
		this.client.get()
			.uri("/api/applications/" + this.id)
			.headers((headers) -> headers.setBearerAuth(this.token))
			.exchange()
			.expectStatus()
			.isNotFound();
		this.client.delete()
			.uri("/api/applications/" + this.id)
			.headers((headers) -> headers.setBearerAuth(this.token))
			.exchange()
			.expectStatus()
			.isNotFound();
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(catalog()).anySatisfy((record) -> assertThat(record.value()).isNull()));
		ConsumerRecord<String, String> tombstone = catalog().stream()
			.filter((record) -> record.value() == null)
			.findFirst()
			.orElseThrow();
		assertThat(tombstone.key()).isEqualTo(this.id.toString());
		// the slug is free again
		this.client.post()
			.uri("/api/applications")
			.headers((headers) -> headers.setBearerAuth(this.token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(
					"{\"id\":\"%s\",\"slug\":\"%s\",\"name\":\"Again\",\"public\":true,\"components\":[{\"name\":\"A\"}]}"
						.formatted(this.id, this.slug))
			.exchange()
			.expectStatus()
			.isCreated();
	}

	@Test
	void aDisabledPageIsNotFound() {
		patch(null, "{\"page\":{\"enabled\":false}}").expectStatus().isOk();
		this.client.get()
			.uri("/public/status/" + this.slug)
			.headers((headers) -> headers.setBearerAuth(this.token))
			.exchange()
			.expectStatus()
			.isNotFound();
		patch(null, "{\"page\":{\"enabled\":true}}").expectStatus().isOk();
		this.client.get().uri("/public/status/" + this.slug).exchange().expectStatus().isOk();
	}

	@Test
	void anApplicationTheTokenDoesNotListCannotBeChanged() {
		String stranger = TestTokens.forApplications(UUID.randomUUID());
		this.client.patch()
			.uri("/api/applications/" + this.id)
			.headers((headers) -> headers.setBearerAuth(stranger))
			.contentType(MERGE_PATCH)
			.bodyValue("{\"name\":\"Mine\"}")
			.exchange()
			.expectStatus()
			.isNotFound();
		this.client.delete()
			.uri("/api/applications/" + this.id)
			.headers((headers) -> headers.setBearerAuth(stranger))
			.exchange()
			.expectStatus()
			.isNotFound();
		assertThat(read().get("name").asString()).isEqualTo("Shop");
	}

	@Test
	void appliesTheStatusPageDocumentWholeAndIdempotentlyInYamlOrJson() {
		String yaml = """
				statusPage:
				  enabled: true
				  public: false
				  timeZone: America/New_York
				""";
		statusPage("application/yaml", yaml).expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ETAG, "\"2\"");
		JsonNode applied = read();
		assertThat(applied.get("public").asBoolean()).isFalse();
		assertThat(applied.at("/page/timeZone").asString()).isEqualTo("America/New_York");
		assertThat(applied.get("components")).hasSize(2);
		// the same document again: nothing changes, nothing is published
		statusPage("application/yaml", yaml).expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ETAG, "\"2\"");
		// applied whole: what the next document leaves out takes its default
		statusPage("application/json", "{\"statusPage\":{\"enabled\":true,\"public\":true}}").expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ETAG, "\"3\"");
		assertThat(read().at("/page/timeZone").asString()).isEqualTo("UTC");
		this.client.get().uri("/public/status/" + this.slug).exchange().expectStatus().isOk();
	}

	@Test
	void refusesStatusPageDocumentsThatAreInvalidBombsOrTooLarge() {
		statusPage("application/yaml", "statusPage:\n  enabled: true\n  public: maybe\n").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("statusPage.public");
		statusPage("application/yaml", "statusPage:\n  enabled: true\n  public: true\n  colour: red\n").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("statusPage.colour");
		statusPage("application/yaml", "statusPage:\n  enabled: true\n").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("statusPage.public");
		statusPage("application/yaml", "statusPage:\n  enabled: true\n  enabled: false\n  public: true\n")
			.expectStatus()
			.isBadRequest();
		statusPage("application/yaml", "statusPage: [unclosed").expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		String bomb = """
				a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
				b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
				c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
				d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
				e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
				f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
				g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
				statusPage: {enabled: true, public: true, metrics: *g}
				""";
		statusPage("application/yaml", bomb).expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		String deep = "statusPage: " + "[".repeat(200) + "]".repeat(200);
		statusPage("application/yaml", deep).expectStatus().isBadRequest();
		String large = "statusPage:\n  enabled: true\n  public: true\n  description: " + "x".repeat(300 * 1024) + "\n";
		statusPage("application/yaml", large).expectStatus()
			.isEqualTo(413)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		String huge = "{\"statusPage\":{\"description\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}}";
		statusPage("application/json", huge).expectStatus().isEqualTo(413);
		statusPage("text/plain", "statusPage: {}").expectStatus().isEqualTo(415);
		statusPage("application/json", "").expectStatus().isBadRequest();
		assertThat(read().get("version").asLong()).isEqualTo(1);
	}

	private WebTestClient.ResponseSpec statusPage(String contentType, String document) {
		return this.client.put()
			.uri("/api/applications/" + this.id + "/status-page")
			.headers((headers) -> headers.setBearerAuth(this.token))
			.contentType(MediaType.parseMediaType(contentType))
			.bodyValue(document)
			.exchange();
	}

	private List<ConsumerRecord<String, String>> catalog() {
		return topics.recordsOn(Topics.CATALOG)
			.stream()
			.filter((record) -> record.key().equals(this.id.toString()))
			.toList();
	}

	private List<JsonNode> definitions() {
		return catalog().stream()
			.filter((record) -> record.value() != null)
			.map((record) -> json.readTree(record.value()))
			.toList();
	}

	JsonNode read() {
		return json.readTree(this.client.get()
			.uri("/api/applications/" + this.id)
			.headers((headers) -> headers.setBearerAuth(this.token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody());
	}

	WebTestClient.ResponseSpec put(String ifMatch, String body) {
		return this.client.put().uri("/api/applications/" + this.id).headers((headers) -> {
			headers.setBearerAuth(this.token);
			if (ifMatch != null) {
				headers.set(HttpHeaders.IF_MATCH, ifMatch);
			}
		}).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
	}

	WebTestClient.ResponseSpec patch(String ifMatch, String body) {
		return this.client.patch().uri("/api/applications/" + this.id).headers((headers) -> {
			headers.setBearerAuth(this.token);
			if (ifMatch != null) {
				headers.set(HttpHeaders.IF_MATCH, ifMatch);
			}
		}).contentType(MERGE_PATCH).bodyValue(body).exchange();
	}

}
