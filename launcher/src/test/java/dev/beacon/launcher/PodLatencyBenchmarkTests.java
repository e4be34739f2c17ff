package dev.beacon.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.beacon.events.Topics;
import dev.beacon.kubernetes.simulator.SimulatedKubernetesApi;
import dev.beacon.kubernetes.simulator.SimulatedPods;
import dev.beacon.testsupport.TestDatabase;
import dev.beacon.testsupport.TestInfrastructure;
import dev.beacon.testsupport.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The pod benchmark of docs/benchmarks.md: a pod change on the API server → the
 * collector's observation on Kafka → status-api → the component's status in {@code GET
 * /public/status/{slug}} through the gateway, over many changes. Runs only when asked
 * ({@code -Dbeacon.benchmark.pod-changes=200}), because it takes minutes.
 */
class PodLatencyBenchmarkTests {

	static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void podChangesReachThePage() throws Exception {
		Integer changes = Integer.getInteger("beacon.benchmark.pod-changes");
		assumeTrue(changes != null, "a benchmark: run by docs/benchmarks/run-pod-benchmark.sh");
		Duration spacing = Duration.ofMillis(Long.getLong("beacon.benchmark.pod-change-spacing-ms", 1200));
		try (SimulatedKubernetesApi kubernetes = SimulatedKubernetesApi.start()) {
			System.setProperty("beacon.collector.kubernetes.kubeconfig",
					kubernetes.writeKubeconfig(Files.createTempFile("bench-kubeconfig", ".yaml")).toString());
			TestDatabase statusApi = TestInfrastructure.database("status_api");
			String prefix = TestInfrastructure.topicPrefix(PodLatencyBenchmarkTests.class);
			Map<String, String> names = Map.of("status_api", statusApi.name(), "incident",
					TestInfrastructure.database("incident").name(), "notifier",
					TestInfrastructure.database("notifier").name());
			try (BeaconServices services = BeaconServices
				.start(new BeaconSettings(TestInfrastructure.kafkaBootstrapServers(),
						new BeaconSettings.DatabaseServer(statusApi.host(), statusApi.port(), statusApi.username(),
								statusApi.password(), names),
						prefix, TestTokens.HMAC_SECRET, "127.0.0.0/8", Map.of()));
					Hops hops = new Hops(TestInfrastructure.kafkaBootstrapServers(), prefix)) {
				WebTestClient gateway = TestInfrastructure.client(services.gatewayPort());
				Map<String, String> labels = Map.of("app", "worker");
				kubernetes.apply(SimulatedPods.ready("bench", "worker-0", labels, 0));
				kubernetes.apply(SimulatedPods.ready("bench", "worker-1", labels, 0));
				UUID id = UUID.randomUUID();
				gateway.post()
					.uri("/api/applications")
					.headers((h) -> h.setBearerAuth(TestTokens.forApplications(id)))
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(
							"""
									{"id":"%s","slug":"bench-pods","name":"Bench","public":true,
									 "components":[{"name":"Worker","kubernetes":{"namespace":"bench","labelSelector":"app=worker"}}]}"""
								.formatted(id))
					.exchange()
					.expectStatus()
					.isCreated();
				await().atMost(Duration.ofSeconds(60))
					.ignoreExceptions()
					.until(() -> "operational".equals(status(gateway)));
				hops.start();

				List<Long> millis = new ArrayList<>();
				List<Long> toKafka = new ArrayList<>();
				List<Long> toPage = new ArrayList<>();
				List<Long> toGateway = new ArrayList<>();
				for (int i = 0; i < changes; i++) {
					boolean degrade = i % 2 == 0;
					String wanted = degrade ? "degraded" : "operational";
					// a change after a quiet period: the page publisher coalesces changes
					// to one page within its min-interval (1 s) by design, so changes
					// following each other faster than that measure the coalescing, not
					// the path (measured apart below with spacing 0)
					long quietUntil = System.nanoTime() + spacing.toNanos()
							+ TimeUnit.MILLISECONDS.toNanos(ThreadLocalRandom.current().nextLong(200));
					await().atMost(spacing.plusSeconds(1))
						.pollInterval(Duration.ofMillis(5))
						.until(() -> System.nanoTime() >= quietUntil);
					long start = System.nanoTime();
					kubernetes.apply(degrade ? SimulatedPods.unready("bench", "worker-1", labels, 0)
							: SimulatedPods.ready("bench", "worker-1", labels, 0));
					await().atMost(Duration.ofSeconds(30))
						.pollInterval(Duration.ofMillis(5))
						.until(() -> wanted.equals(status(gateway)));
					long seen = System.nanoTime();
					millis.add((seen - start) / 1_000_000);
					long observed = hops.observation(start, degrade ? 1 : 2);
					long paged = hops.page(start, wanted);
					toKafka.add((observed - start) / 1_000_000);
					toPage.add((paged - observed) / 1_000_000);
					toGateway.add((seen - paged) / 1_000_000);
				}
				String report = String.format(
						"pod-changes=%d spacing-ms=%d total[%s] change-to-observation-on-kafka[%s] "
								+ "observation-to-page-on-kafka[%s] page-on-kafka-to-gateway-answer[%s]",
						changes, spacing.toMillis(), summary(millis), summary(toKafka), summary(toPage),
						summary(toGateway));
				System.out.println("BENCHMARK " + report);
				Files.writeString(Path.of("target", "pod-benchmark-" + spacing.toMillis() + ".txt"), report + "\n");
				assertThat(millis).hasSize(changes);
			}
		}
		finally {
			System.clearProperty("beacon.collector.kubernetes.kubeconfig");
		}
	}

	/** p50, p99 and max in milliseconds. */
	private static String summary(List<Long> values) {
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return String.format("p50=%d p99=%d max=%d", sorted.get(sorted.size() / 2),
				sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1), sorted.get(sorted.size() - 1));
	}

	private static String status(WebTestClient gateway) {
		byte[] body = gateway.get()
			.uri("/public/status/bench-pods")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		return json.readTree(body).at("/components/0/status").asString();
	}

	/**
	 * When each hop's message reached Kafka, as a consumer of the observations and pages
	 * topics sees them (loopback, so a few ms after the producer): splits the total into
	 * collector (watch event → observation on Kafka), status-api (observation → page
	 * document on Kafka) and gateway (page document → answer).
	 */
	static final class Hops implements AutoCloseable {

		private record Seen(long nanos, String topic, JsonNode value) {
		}

		private final KafkaConsumer<String, byte[]> consumer;

		private final String observations;

		private final String pages;

		private final List<Seen> seen = new CopyOnWriteArrayList<>();

		private volatile boolean running = true;

		private Thread thread;

		Hops(String bootstrapServers, String prefix) {
			this.observations = prefix + Topics.OBSERVATIONS;
			this.pages = prefix + Topics.PAGES;
			this.consumer = new KafkaConsumer<>(
					Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
							ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5),
					new StringDeserializer(), new ByteArrayDeserializer());
		}

		/** From the end of both topics (the services have created them by now). */
		void start() {
			List<TopicPartition> partitions = new ArrayList<>();
			for (String topic : List.of(this.observations, this.pages)) {
				this.consumer.partitionsFor(topic)
					.forEach((info) -> partitions.add(new TopicPartition(topic, info.partition())));
			}
			this.consumer.assign(partitions);
			this.consumer.seekToEnd(partitions);
			partitions.forEach(this.consumer::position);
			this.thread = new Thread(() -> {
				while (this.running) {
					for (ConsumerRecord<String, byte[]> record : this.consumer.poll(Duration.ofMillis(50))) {
						if (record.value() != null) {
							this.seen.add(new Seen(System.nanoTime(), record.topic(), json.readTree(record.value())));
						}
					}
				}
				this.consumer.close();
			}, "benchmark-hops");
			this.thread.start();
		}

		/** When the first pods observation with that many ready pods after start came. */
		long observation(long start, int ready) {
			return await().atMost(Duration.ofSeconds(10))
				.until(() -> first(start, this.observations, (value) -> value.path("podsReady").asInt(-1) == ready),
						(nanos) -> nanos != null);
		}

		/**
		 * When the first page document with the component in that status after start
		 * came.
		 */
		long page(long start, String status) {
			return await().atMost(Duration.ofSeconds(10))
				.until(() -> first(start, this.pages,
						(value) -> status.equals(value.at("/document/components/0/status").asString(""))),
						(nanos) -> nanos != null);
		}

		private Long first(long start, String topic, java.util.function.Predicate<JsonNode> wanted) {
			return this.seen.stream()
				.filter((s) -> s.nanos() >= start && s.topic().equals(topic) && wanted.test(s.value()))
				.map(Seen::nanos)
				.findFirst()
				.orElse(null);
		}

		@Override
		public void close() throws InterruptedException {
			this.running = false;
			if (this.thread != null) {
				this.thread.join(5000);
			}
			else {
				this.consumer.close();
			}
		}

	}

}
