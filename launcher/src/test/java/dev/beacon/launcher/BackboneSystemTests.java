package dev.beacon.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import dev.beacon.kubernetes.simulator.SimulatedKubernetesApi;
import dev.beacon.kubernetes.simulator.SimulatedPods;
import dev.beacon.notifier.webhook.WebhookSignature;
import dev.beacon.testsupport.TestDatabase;
import dev.beacon.testsupport.TestInfrastructure;
import dev.beacon.testsupport.TestTokens;
import dev.beacon.testsupport.TestTopics;
import dev.beacon.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The backbone: all five services against one real Kafka broker and one real PostgreSQL
 * server, a real HTTP target and a real webhook receiver on loopback. A target that fails
 * opens an incident and notifies; its recovery resolves the incident and notifies again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackboneSystemTests {

	static final JsonMapper json = JsonMapper.builder().build();

	static final AtomicInteger targetStatus = new AtomicInteger(200);

	static final List<ReceivedWebhook> webhooks = new CopyOnWriteArrayList<>();

	static final AtomicInteger probesOfDeletedTarget = new AtomicInteger();

	static final AtomicInteger liveTargetStatus = new AtomicInteger(200);

	/** The page in Debian's headless Chromium; started by the first browser test. */
	static PageInBrowser browser;

	static HttpServer loopback;

	static SimulatedKubernetesApi kubernetes;

	static BeaconServices services;

	static WebTestClient gateway;

	static final String prefix = TestInfrastructure.topicPrefix(BackboneSystemTests.class);

	@BeforeAll
	static void startBeacon() throws IOException {
		// a detected incident resolves after a short hold here (production: 5 minutes)
		System.setProperty("beacon.incident.detection.hold", "2s");
		System.setProperty("beacon.incident.detection.sweep-interval", "250ms");
		// the target is probed every second (production refuses intervals under 5 s)
		System.setProperty("beacon.registry.min-check-interval-seconds", "1");
		kubernetes = SimulatedKubernetesApi.start();
		System.setProperty("beacon.collector.kubernetes.kubeconfig",
				kubernetes.writeKubeconfig(Files.createTempFile("backbone-kubeconfig", ".yaml")).toString());
		loopback = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		loopback.createContext("/health", (exchange) -> {
			exchange.sendResponseHeaders(targetStatus.get(), -1);
			exchange.close();
		});
		loopback.createContext("/deleted", (exchange) -> {
			probesOfDeletedTarget.incrementAndGet();
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		loopback.createContext("/live", (exchange) -> {
			exchange.sendResponseHeaders(liveTargetStatus.get(), -1);
			exchange.close();
		});
		loopback.createContext("/webhook", (exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			var headers = exchange.getRequestHeaders();
			webhooks.add(new ReceivedWebhook(headers.getFirst("X-Beacon-Event"), headers.getFirst("X-Beacon-Timestamp"),
					headers.getFirst("X-Beacon-Signature"), body));
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		loopback.start();

		TestDatabase statusApi = TestInfrastructure.database("status_api");
		Map<String, String> names = Map.of("status_api", statusApi.name(), "incident",
				TestInfrastructure.database("incident").name(), "notifier",
				TestInfrastructure.database("notifier").name());
		services = BeaconServices.start(new BeaconSettings(
				TestInfrastructure.kafkaBootstrapServers(), new BeaconSettings.DatabaseServer(statusApi.host(),
						statusApi.port(), statusApi.username(), statusApi.password(), names),
				prefix, TestTokens.HMAC_SECRET, "127.0.0.0/8", Map.of()));
		gateway = TestInfrastructure.client(services.gatewayPort());
	}

	@AfterAll
	static void stopBeacon() {
		System.clearProperty("beacon.incident.detection.hold");
		System.clearProperty("beacon.incident.detection.sweep-interval");
		System.clearProperty("beacon.registry.min-check-interval-seconds");
		System.clearProperty("beacon.collector.kubernetes.kubeconfig");
		if (browser != null) {
			browser.close();
		}
		if (services != null) {
			services.close();
		}
		loopback.stop(0);
		kubernetes.close();
	}

	/**
	 * Pods from the Kubernetes API (simulated on loopback, spoken to by the collector's
	 * informers over HTTP) to the public page: a crash-looping pod degrades the component
	 * ({@code partial}, "1/3 pods ready: …"), its replacement brings it back.
	 */
	@Test
	@Order(1)
	void podBackedComponentGoesDegradedAndBack() {
		UUID id = UUID.randomUUID();
		Map<String, String> labels = Map.of("app", "worker");
		for (int i = 0; i < 3; i++) {
			kubernetes.apply(SimulatedPods.ready("jobs", "worker-" + i, labels, 0));
		}
		gateway.post()
			.uri("/api/applications")
			.headers((h) -> h.setBearerAuth(TestTokens.forApplications(id)))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("""
					{"id":"%s","slug":"backbone-pods","name":"Jobs","public":true,
					 "components":[{"name":"Worker","kubernetes":{"namespace":"jobs","labelSelector":"app=worker"}}]}"""
				.formatted(id))
			.exchange()
			.expectStatus()
			.isCreated();
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode worker = page("backbone-pods").at("/components/0");
			assertThat(worker.at("/status").asString()).isEqualTo("operational");
			assertThat(worker.at("/pods/ready").asInt()).isEqualTo(3);
		});

		kubernetes.apply(SimulatedPods.crashLooping("jobs", "worker-1", labels, 3));
		kubernetes.apply(SimulatedPods.unready("jobs", "worker-2", labels, 0));
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode worker = page("backbone-pods").at("/components/0");
			assertThat(worker.at("/status").asString()).isEqualTo("degraded");
			assertThat(worker.at("/degradation").asString()).isEqualTo("partial");
			assertThat(worker.at("/reason").asString()).isEqualTo("1/3 pods ready: CrashLoopBackOff, NotReady");
			assertThat(worker.at("/pods/total").asInt()).isEqualTo(3);
		});

		// the Deployment replaces the crashed pod; the other passes its readiness probe
		kubernetes.delete("jobs", "worker-1");
		kubernetes.apply(SimulatedPods.ready("jobs", "worker-1", labels, 0));
		kubernetes.apply(SimulatedPods.ready("jobs", "worker-2", labels, 0));
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode worker = page("backbone-pods").at("/components/0");
			assertThat(worker.at("/status").asString()).isEqualTo("operational");
			assertThat(worker.at("/pods/ready").asInt()).isEqualTo(3);
		});
	}

	private static JsonNode page(String slug) {
		return json.readTree(gateway.get()
			.uri("/public/status/" + slug)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
	}

	@Test
	@Order(2)
	void outageOpensAnIncidentAndNotifiesAndRecoveryResolvesIt() {
		UUID id = UUID.randomUUID();
		String token = TestTokens.forApplications(id);
		String target = "http://127.0.0.1:" + loopback.getAddress().getPort();
		gateway.post()
			.uri("/api/applications")
			.headers((h) -> h.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(
					"""
							{"id":"%s","slug":"backbone","name":"Backbone","public":true,
							 "components":[{"name":"API","httpCheck":{"url":"%s/health","intervalSeconds":1,"failureThreshold":2}}]}"""
						.formatted(id, target))
			.exchange()
			.expectStatus()
			.isCreated();
		String subscribed = new String(gateway.post()
			.uri("/api/applications/" + id + "/subscribers")
			.headers((h) -> h.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"type\":\"webhook\",\"url\":\"" + target + "/webhook\"}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.returnResult()
			.getResponseBody(), StandardCharsets.UTF_8);
		String secret = json.readTree(subscribed).get("secret").asString();

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode page = publicPage();
			assertThat(page.at("/overall/description").asString()).isEqualTo("All Systems Operational");
			assertThat(page.at("/components/0/status").asString()).isEqualTo("operational");
		});

		// freshness: the status change reaches the public read, through beacon.pages.v1
		// and the gateway's memory, within seconds of its observation
		await().atMost(Duration.ofSeconds(30))
			.until(() -> Duration.between(Instant.parse(publicPage().get("generatedAt").asString()), Instant.now())
				.toMillis() > 1500);
		targetStatus.set(503);
		JsonNode[] outage = new JsonNode[1];
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
			outage[0] = publicPage();
			return "outage".equals(outage[0].at("/components/0/status").asString());
		});
		Instant served = Instant.now();
		// since: when the collector observed the change (this machine's clock). The page
		// is
		// pushed, not polled (status-api looks for due pages every 5 s without a
		// wake-up):
		// the bound allows for a loaded test machine; PodLatencyBenchmarkTests measures
		// the
		// latency itself (p99 well under a second on a quiet machine)
		Instant changed = Instant.parse(outage[0].at("/components/0/since").asString());
		assertThat(Duration.between(changed, served)).isLessThan(Duration.ofSeconds(3));
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode page = publicPage();
			assertThat(page.at("/components/0/status").asString()).isEqualTo("outage");
			assertThat(page.at("/incidents/0/status").asString()).isEqualTo("investigating");
		});
		// the HTML page, rendered by the gateway from the same page in memory
		String incident = publicPage().at("/incidents/0/id").asString();
		String html = new String(gateway.get()
			.uri("/status/backbone")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody(), StandardCharsets.UTF_8);
		assertThat(html).contains("<h1>Backbone</h1>", "Active incidents", "id=\"incident-" + incident + "\"");
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(webhooks).anyMatch((w) -> "incident.opened".equals(w.event())));
		assertThat(webhooks).allMatch((w) -> WebhookSignature.verify(secret, w.timestamp(), w.body(), w.signature()));
		assertThat(webhooks.get(0).body()).contains(id.toString());

		targetStatus.set(200);
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode page = publicPage();
			assertThat(page.at("/components/0/status").asString()).isEqualTo("operational");
			assertThat(page.get("incidents")).isEmpty();
		});
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(webhooks).anyMatch((w) -> "incident.resolved".equals(w.event())));
		assertThat(webhooks).allMatch((w) -> WebhookSignature.verify(secret, w.timestamp(), w.body(), w.signature()));
		assertThat(webhooks.stream().filter((w) -> "incident.opened".equals(w.event()))).hasSize(1);

		gateway.get()
			.uri("/api/applications/" + id + "/incidents")
			.headers((h) -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[0].status")
			.isEqualTo("resolved");

		declaredIncidentShowsOnThePageUntilResolved(id, token);
		maintenanceStartsAndCompletesByItself(id, token);
	}

	/**
	 * Resilience: public reads are answered from the gateway's memory, so they go on with
	 * status-api (and so its database) gone, saying how old their data is.
	 */
	/**
	 * Last (it stops status-api for good): the page of the outage test is still served
	 * from the gateway's memory.
	 */
	@Test
	@Order(10)
	void pagesAreStillServedWithStatusApiStopped() {
		String etag = gateway.get()
			.uri("/public/status/backbone")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(byte[].class)
			.getResponseHeaders()
			.getETag();
		// status-api stops serving. (Not context.close(): in this one-JVM run the
		// contexts share
		// Reactor Netty's global event loops, which closing one context disposes for
		// all.)
		int statusApiPort = services.port("status-api");
		((org.springframework.boot.web.server.context.WebServerApplicationContext) services.contexts()
			.get("status-api")).getWebServer().stop();
		assertThatThrownBy(
				() -> TestInfrastructure.client(statusApiPort).get().uri("/public/status/backbone").exchange())
			.hasMessageContaining("Connection refused");
		gateway.get()
			.uri("/public/status/backbone")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("ETag", etag)
			.expectHeader()
			.exists("Beacon-Data-Age");
		gateway.get()
			.uri("/status/backbone/api/v2/summary.json")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.page.name")
			.isEqualTo("Backbone");
	}

	@Test
	@Order(3)
	void deletingAnApplicationTakesItsPageDownStopsItsProbesAndForgetsItsComponents() {
		UUID id = UUID.randomUUID();
		String token = TestTokens.forApplications(id);
		String target = "http://127.0.0.1:" + loopback.getAddress().getPort();
		UUID component = registerOperational(id, token, "deleted", """
				{"url":"%s/deleted","intervalSeconds":1}""".formatted(target));
		// incident-service knows the component: a declared incident may name it
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> declare(id, token, component).expectStatus().isCreated());

		gateway.delete()
			.uri("/api/applications/" + id)
			.headers((h) -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isNoContent();

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> gateway.get().uri("/public/status/deleted").exchange().expectStatus().isNotFound());
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> declare(id, token, component).expectStatus().isBadRequest());
		int[] seen = { -1 };
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(3)).until(() -> {
			int now = probesOfDeletedTarget.get();
			boolean stopped = now == seen[0];
			seen[0] = now;
			return stopped;
		});
		assertThat(seen[0]).as("probes before the deletion").isPositive();
	}

	/**
	 * The page open in a real browser (Debian's headless Chromium): a component's status
	 * change shows on it without a reload within 2 s of the change reaching Kafka —
	 * status-api's page publisher, {@code beacon.pages.v1}, the gateway's memory and the
	 * page's WebSocket in between.
	 */
	@Test
	@Order(4)
	void statusChangeShowsOnTheOpenPageWithinTwoSecondsWithoutReload() throws IOException {
		browser = PageInBrowser.start(services.gatewayPort());
		UUID id = UUID.randomUUID();
		String target = "http://127.0.0.1:" + loopback.getAddress().getPort();
		UUID component = registerOperational(id, TestTokens.forApplications(id), "backbone-live", """
				{"url":"%s/live","intervalSeconds":1,"failureThreshold":1}""".formatted(target));
		browser.open("backbone-live");
		browser.awaitComponentStatus(component, "Operational", Duration.ofSeconds(10));

		try (TestTopics topics = new TestTopics(prefix, Topics.STATUS_CHANGES, Topics.PAGES)) {
			liveTargetStatus.set(503);
			// seen the moment the page shows it; then when the change reached Kafka
			browser.awaitComponentStatus(component, "Outage", Duration.ofSeconds(30));
			Instant seen = Instant.now();
			ConsumerRecord<String, String>[] change = new ConsumerRecord[1];
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				change[0] = topics.recordsOn(Topics.STATUS_CHANGES)
					.stream()
					.filter((record) -> component.toString().equals(record.key())
							&& "outage".equals(json.readTree(record.value()).get("current").asString()))
					.findFirst()
					.orElse(null);
				return change[0] != null;
			});
			Instant reachedKafka = Instant.ofEpochMilli(change[0].timestamp());
			Instant occurred = Instant.parse(json.readTree(change[0].value()).get("occurredAt").asString());
			// where the time goes: the first page version with the outage on
			// beacon.pages.v1
			Instant[] pagePublished = new Instant[1];
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				pagePublished[0] = topics.recordsOn(Topics.PAGES)
					.stream()
					.filter((record) -> id.toString().equals(record.key()) && record.value() != null
							&& record.value().contains("\"outage\""))
					.map((record) -> Instant.ofEpochMilli(record.timestamp()))
					.findFirst()
					.orElse(null);
				return pagePublished[0] != null;
			});
			System.out.printf(
					"status change: occurred %s, on Kafka %+d ms, the page's new version on Kafka %+d ms,"
							+ " on the open page %+d ms%n",
					occurred, Duration.between(occurred, reachedKafka).toMillis(),
					Duration.between(occurred, pagePublished[0]).toMillis(),
					Duration.between(occurred, seen).toMillis());
			assertThat(Duration.between(reachedKafka, seen)).as("from Kafka to the open page")
				.isLessThan(Duration.ofSeconds(2));
		}
		assertThat(browser.neverReloaded()).as("the page was updated in place").isTrue();
	}

	/**
	 * The one-line widget on another site (another origin on loopback) reads the page's
	 * Statuspage v2 API across origins and shows its status.
	 */
	@Test
	@Order(5)
	void widgetOnAnotherSiteShowsThePageStatus() throws IOException {
		if (browser == null) {
			browser = PageInBrowser.start(services.gatewayPort());
		}
		// each try loads the other site again: the incident the outage opened may still
		// be on its way to the page
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(browser.widgetOnAnotherSite("backbone-live")).isEqualTo(json.readTree(gateway.get()
						.uri("/status/backbone-live/api/v2/status.json")
						.exchange()
						.expectStatus()
						.isOk()
						.expectBody()
						.returnResult()
						.getResponseBody()).at("/status/description").asString()));
		assertThat(browser.widgetLink()).endsWith("/status/backbone-live");
	}

	/**
	 * Registers a public application {@code slug} with one component probed by
	 * {@code httpCheck}, waits until its page shows the component operational, and
	 * returns the component's id.
	 */
	private static UUID registerOperational(UUID id, String token, String slug, String httpCheck) {
		byte[] created = gateway.post()
			.uri("/api/applications")
			.headers((h) -> h.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("""
					{"id":"%s","slug":"%s","name":"%s","public":true,
					 "components":[{"name":"API","httpCheck":%s}]}""".formatted(id, slug, slug, httpCheck))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.returnResult()
			.getResponseBody();
		UUID component = UUID.fromString(json.readTree(created).at("/components/0/id").asString());
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> gateway.get()
				.uri("/public/status/" + slug)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.components[0].status")
				.isEqualTo("operational"));
		return component;
	}

	private static WebTestClient.ResponseSpec declare(UUID id, String token, UUID component) {
		return gateway.post()
			.uri("/api/applications/" + id + "/incidents")
			.headers((h) -> h.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"title\":\"Checking\",\"impact\":\"none\",\"body\":\"Looking.\",\"componentIds\":[\""
					+ component + "\"]}")
			.exchange();
	}

	private void declaredIncidentShowsOnThePageUntilResolved(UUID id, String token) {
		String component = publicPage().at("/components/0/id").asString();
		String declared = new String(gateway.post()
			.uri("/api/applications/" + id + "/incidents")
			.headers((h) -> h.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("""
					{"title":"Payments delayed","impact":"minor","body":"A provider is slow.",
					 "componentIds":["%s"],"componentStatuses":{"%s":"degraded"}}""".formatted(component, component))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.returnResult()
			.getResponseBody(), StandardCharsets.UTF_8);
		String incidentId = json.readTree(declared).get("id").asString();
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode page = publicPage();
			assertThat(page.at("/incidents/0/title").asString()).isEqualTo("Payments delayed");
			// the declared status of the component shows for the incident's duration
			assertThat(page.at("/incidents/0/components/0/id").asString()).isEqualTo(component);
			assertThat(page.at("/incidents/0/components/0/status").asString()).isEqualTo("degraded");
		});
		gateway.post()
			.uri("/api/applications/" + id + "/incidents/" + incidentId + "/updates")
			.headers((h) -> h.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"status\":\"resolved\",\"body\":\"The provider is back.\"}")
			.exchange()
			.expectStatus()
			.isCreated();
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(publicPage().get("incidents")).isEmpty());
	}

	private void maintenanceStartsAndCompletesByItself(UUID id, String token) {
		String component = publicPage().at("/components/0/id").asString();
		Instant start = Instant.now().plusSeconds(2);
		gateway.post()
			.uri("/api/applications/" + id + "/maintenances")
			.headers((h) -> h.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("""
					{"title":"Database upgrade","body":"Read-only meanwhile.","componentIds":["%s"],
					 "scheduledFor":"%s","scheduledUntil":"%s"}""".formatted(component, start, start.plusSeconds(15)))
			.exchange()
			.expectStatus()
			.isCreated();
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode page = publicPage();
			assertThat(page.at("/components/0/status").asString()).isEqualTo("maintenance");
			assertThat(page.at("/maintenances/0/title").asString()).isEqualTo("Database upgrade");
			assertThat(page.at("/maintenances/0/status").asString()).isEqualTo("in_progress");
		});
		// a failure during the maintenance is no incident, and the page keeps showing
		// maintenance
		targetStatus.set(503);
		await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			JsonNode page = publicPage();
			assertThat(page.at("/components/0/status").asString()).isEqualTo("maintenance");
			assertThat(page.get("incidents")).isEmpty();
		});
		targetStatus.set(200);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(
					() -> assertThat(publicPage().at("/components/0/status").asString()).isEqualTo("operational"));
		gateway.get()
			.uri("/api/applications/" + id + "/maintenances")
			.headers((h) -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[0].status")
			.isEqualTo("completed");
	}

	private static JsonNode publicPage() {
		byte[] body = gateway.get()
			.uri("/public/status/backbone")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		return json.readTree(body);
	}

	record ReceivedWebhook(String event, String timestamp, String signature, String body) {
	}

}
