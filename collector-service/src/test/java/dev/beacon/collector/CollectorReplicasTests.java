package dev.beacon.collector;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.sun.net.httpserver.HttpServer;
import dev.beacon.collector.catalog.ProbeTarget;
import dev.beacon.collector.catalog.ProbeTargets;
import dev.beacon.events.ApplicationDefined;
import dev.beacon.events.ObservationRecorded;
import dev.beacon.events.Topics;
import dev.beacon.testsupport.TestInfrastructure;
import dev.beacon.testsupport.TestTopics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two collector replicas in one consumer group split the catalog's applications between
 * them by partition, probe each target exactly once, and the survivor takes every target
 * over when the other stops.
 */
class CollectorReplicasTests {

	static final String prefix = TestInfrastructure.topicPrefix(CollectorReplicasTests.class);

	static final TestTopics topics = new TestTopics(prefix, Topics.CATALOG, Topics.OBSERVATIONS);

	static final JsonMapper json = JsonMapper.builder().build();

	/**
	 * The catalog topic's partitions, as TestTopics creates it (and the binder's
	 * min-partition-count).
	 */
	static final int CATALOG_PARTITIONS = 3;

	static HttpServer target;

	@BeforeAll
	static void startTarget() throws IOException {
		target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		target.createContext("/", (exchange) -> {
			exchange.sendResponseHeaders(200, -1);
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
	void splitTheTargetsAndTheSurvivorTakesThemAllOver() {
		Set<UUID> components = new HashSet<>();
		// four applications on each of the catalog's three partitions: with random keys,
		// one
		// replica's share could be an empty partition
		IntStream.range(0, 12).forEach((i) -> components.add(define(i % CATALOG_PARTITIONS)));
		ConfigurableApplicationContext first = replica();
		ConfigurableApplicationContext second = replica();
		try {
			await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
				Set<UUID> one = probed(first);
				Set<UUID> two = probed(second);
				// both first (an empty set is not a set AssertJ compares against)
				assertThat(one).isNotEmpty();
				assertThat(two).isNotEmpty();
				assertThat(one).doesNotContainAnyElementsOf(two);
				assertThat(union(one, two)).isEqualTo(components);
			});
			// every target is observed, at its interval, by one replica only: 1 s apart
			await().atMost(Duration.ofSeconds(30))
				.until(() -> components.stream().allMatch((id) -> observationsOf(id).size() >= 3));

			first.close();
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(probed(second)).isEqualTo(components));
		}
		finally {
			first.close();
			second.close();
		}
	}

	private static Set<UUID> union(Set<UUID> one, Set<UUID> two) {
		Set<UUID> all = new HashSet<>(one);
		all.addAll(two);
		return all;
	}

	private static Set<UUID> probed(ConfigurableApplicationContext replica) {
		return replica.getBean(ProbeTargets.class)
			.all()
			.stream()
			.map(ProbeTarget::componentId)
			.collect(Collectors.toSet());
	}

	/**
	 * An application whose key the producer puts on catalog partition {@code partition}.
	 */
	private static UUID define(int partition) {
		UUID applicationId = UUID.randomUUID();
		while (partitionOf(applicationId) != partition) {
			applicationId = UUID.randomUUID();
		}
		UUID component = UUID.randomUUID();
		String url = "http://127.0.0.1:" + target.getAddress().getPort() + "/" + component;
		ApplicationDefined defined = new ApplicationDefined(UUID.randomUUID(), Instant.now(), applicationId,
				"app-" + applicationId, "App", true, List.of(new ApplicationDefined.Component(component, "Component",
						new ApplicationDefined.HttpCheck(url, 200, 1, 500, 1000, 1))));
		topics.send(Topics.CATALOG, applicationId.toString(), json.writeValueAsString(defined));
		return component;
	}

	/** The partition of Kafka's default partitioner for a keyed record. */
	private static int partitionOf(UUID key) {
		return Utils.toPositive(Utils.murmur2(key.toString().getBytes(StandardCharsets.UTF_8))) % CATALOG_PARTITIONS;
	}

	private static ConfigurableApplicationContext replica() {
		return CollectorApplication.application()
			.run("--server.port=0", "--management.server.port=0",
					"--beacon.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
					"--beacon.kafka.topic-prefix=" + prefix, "--beacon.collector.allowed-networks=127.0.0.0/8",
					"--beacon.collector.kubernetes.enabled=false", "--spring.main.banner-mode=off");
	}

	private static List<ObservationRecorded> observationsOf(UUID componentId) {
		return topics.receivedOn(Topics.OBSERVATIONS)
			.stream()
			.map((value) -> json.readValue(value, ObservationRecorded.class))
			.filter((observation) -> observation.componentId().equals(componentId))
			.toList();
	}

}
