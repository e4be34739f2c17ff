package dev.beacon.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.beacon.kubernetes.simulator.SimulatedKubernetesApi;
import dev.beacon.kubernetes.simulator.SimulatedPods;
import dev.beacon.testsupport.TestDatabase;
import dev.beacon.testsupport.TestInfrastructure;
import dev.beacon.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
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
		try (SimulatedKubernetesApi kubernetes = SimulatedKubernetesApi.start()) {
			System.setProperty("beacon.collector.kubernetes.kubeconfig",
					kubernetes.writeKubeconfig(Files.createTempFile("bench-kubeconfig", ".yaml")).toString());
			TestDatabase statusApi = TestInfrastructure.database("status_api");
			Map<String, String> names = Map.of("status_api", statusApi.name(), "incident",
					TestInfrastructure.database("incident").name(), "notifier",
					TestInfrastructure.database("notifier").name());
			try (BeaconServices services = BeaconServices
				.start(new BeaconSettings(TestInfrastructure.kafkaBootstrapServers(),
						new BeaconSettings.DatabaseServer(statusApi.host(), statusApi.port(), statusApi.username(),
								statusApi.password(), names),
						TestInfrastructure.topicPrefix(PodLatencyBenchmarkTests.class), TestTokens.HMAC_SECRET,
						"127.0.0.0/8", Map.of()))) {
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
				await().atMost(Duration.ofSeconds(60)).until(() -> "operational".equals(status(gateway)));

				List<Long> millis = new ArrayList<>();
				for (int i = 0; i < changes; i++) {
					boolean degrade = i % 2 == 0;
					String wanted = degrade ? "degraded" : "operational";
					long start = System.nanoTime();
					kubernetes.apply(degrade ? SimulatedPods.unready("bench", "worker-1", labels, 0)
							: SimulatedPods.ready("bench", "worker-1", labels, 0));
					await().atMost(Duration.ofSeconds(30))
						.pollInterval(Duration.ofMillis(5))
						.until(() -> wanted.equals(status(gateway)));
					millis.add((System.nanoTime() - start) / 1_000_000);
				}
				Collections.sort(millis);
				String report = String.format("pod-changes=%d p50-ms=%d p99-ms=%d max-ms=%d", changes,
						millis.get(millis.size() / 2), millis.get((int) Math.ceil(millis.size() * 0.99) - 1),
						millis.get(millis.size() - 1));
				System.out.println("BENCHMARK " + report);
				Files.writeString(Path.of("target", "pod-benchmark.txt"), report + "\n");
				assertThat(millis).hasSize(changes);
			}
		}
		finally {
			System.clearProperty("beacon.collector.kubernetes.kubeconfig");
		}
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

}
