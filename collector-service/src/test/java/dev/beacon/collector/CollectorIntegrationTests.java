package dev.beacon.collector;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import dev.beacon.events.ApplicationDefined;
import dev.beacon.events.ObservationRecorded;
import dev.beacon.events.Topics;
import dev.beacon.testsupport.TestInfrastructure;
import dev.beacon.testsupport.TestTopics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The collector against a real broker, probing a real HTTP server on loopback. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + CollectorApplication.CONFIG_NAME,
				"beacon.collector.allowed-networks=127.0.0.0/8", "management.server.port=0" })
class CollectorIntegrationTests {

	static final String prefix = TestInfrastructure.topicPrefix(CollectorIntegrationTests.class);

	static final TestTopics topics = new TestTopics(prefix, Topics.OBSERVATIONS);

	static final JsonMapper json = JsonMapper.builder().build();

	static final AtomicInteger answer = new AtomicInteger(200);

	static HttpServer target;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.registerKafka(registry, prefix);
	}

	@BeforeAll
	static void startTarget() throws IOException {
		target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		target.createContext("/health", (exchange) -> {
			exchange.sendResponseHeaders(answer.get(), -1);
			exchange.close();
		});
		target.start();
	}

	@AfterAll
	static void stop() {
		target.stop(0);
		topics.close();
	}

	@Test
	void probesCatalogTargetsAndPublishesWhatItSees() {
		UUID applicationId = UUID.randomUUID();
		UUID healthy = UUID.randomUUID();
		UUID internal = UUID.randomUUID();
		String url = "http://127.0.0.1:" + target.getAddress().getPort() + "/health";
		// IPv6 loopback lies outside the allowed 127.0.0.0/8, and nothing listens there:
		// refused, never reached
		String internalUrl = "http://[::1]:" + target.getAddress().getPort() + "/health";
		define(applicationId, List.of(component(healthy, url), component(internal, internalUrl)));

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(observationsOf(healthy))
				.anyMatch((o) -> Integer.valueOf(200).equals(o.httpStatus())));
		assertThat(observationsOf(healthy).get(0).applicationId()).isEqualTo(applicationId);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(observationsOf(internal))
				.anyMatch((o) -> o.httpStatus() == null && "Target not allowed".equals(o.error())));

		answer.set(503);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(observationsOf(healthy))
				.anyMatch((o) -> Integer.valueOf(503).equals(o.httpStatus())));
	}

	@Test
	void reportsAnUnreachableTargetAsAnError() throws IOException {
		UUID applicationId = UUID.randomUUID();
		UUID down = UUID.randomUUID();
		int port;
		try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = closed.getLocalPort();
		}
		define(applicationId, List.of(component(down, "http://127.0.0.1:" + port + "/health")));

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(
					() -> assertThat(observationsOf(down)).anyMatch((o) -> "Connection refused".equals(o.error())));
	}

	@Test
	void stopsProbingAnApplicationWhoseTombstoneArrives() {
		UUID applicationId = UUID.randomUUID();
		UUID deleted = UUID.randomUUID();
		String url = "http://127.0.0.1:" + target.getAddress().getPort() + "/health";
		define(applicationId, List.of(component(deleted, url)));
		await().atMost(Duration.ofSeconds(20)).until(() -> !observationsOf(deleted).isEmpty());

		// the tombstone of the compacted catalog: the key and a null value
		topics.send(Topics.CATALOG, applicationId.toString(), null);

		// probed every second until then: two polls 2.5 s apart that see the same count
		// mean the probing stopped
		AtomicInteger seen = new AtomicInteger(-1);
		await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(2500)).until(() -> {
			int now = observationsOf(deleted).size();
			return now == seen.getAndSet(now);
		});
		int stoppedAt = observationsOf(deleted).size();
		await().during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(5))
			.until(() -> observationsOf(deleted).size() == stoppedAt);
	}

	private static ApplicationDefined.Component component(UUID id, String url) {
		return new ApplicationDefined.Component(id, "Component " + id,
				new ApplicationDefined.HttpCheck(url, 200, 1, 2000, 1000, 1));
	}

	private static void define(UUID applicationId, List<ApplicationDefined.Component> components) {
		ApplicationDefined defined = new ApplicationDefined(UUID.randomUUID(), Instant.now(), applicationId,
				"app-" + applicationId, "App", true, components);
		topics.send(Topics.CATALOG, applicationId.toString(), json.writeValueAsString(defined));
	}

	private static List<ObservationRecorded> observationsOf(UUID componentId) {
		return topics.receivedOn(Topics.OBSERVATIONS)
			.stream()
			.map((value) -> json.readValue(value, ObservationRecorded.class))
			.filter((observation) -> observation.componentId().equals(componentId))
			.toList();
	}

}
