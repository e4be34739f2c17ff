package dev.beacon.collector.pods;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import dev.beacon.collector.CollectorApplication;
import dev.beacon.events.ApplicationDefined;
import dev.beacon.events.ObservationRecorded;
import dev.beacon.events.Topics;
import dev.beacon.kubernetes.simulator.SimulatedKubernetesApi;
import dev.beacon.kubernetes.simulator.SimulatedPods;
import dev.beacon.testsupport.TestInfrastructure;
import dev.beacon.testsupport.TestTopics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The collector watching pods through the official client's informers, against a
 * Kubernetes API server over HTTP on loopback, publishing to a real broker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.config.name=" + CollectorApplication.CONFIG_NAME, "management.server.port=0" })
class PodWatchesTests {

	static final String prefix = TestInfrastructure.topicPrefix(PodWatchesTests.class);

	static final TestTopics topics = new TestTopics(prefix, Topics.OBSERVATIONS);

	static final JsonMapper json = JsonMapper.builder().build();

	static final SimulatedKubernetesApi api = SimulatedKubernetesApi.start();

	static final Map<String, String> WORKER = Map.of("app", "worker", "tier", "jobs");

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) throws IOException {
		TestInfrastructure.registerKafka(registry, prefix);
		Path kubeconfig = api.writeKubeconfig(Files.createTempFile("kubeconfig", ".yaml"));
		registry.add("beacon.collector.kubernetes.kubeconfig", kubeconfig::toString);
	}

	@AfterAll
	static void stop() {
		api.close();
		topics.close();
	}

	@Test
	void reportsPodsBecomingUnreadyAndCrashLoopingWithTheirReasons() {
		String ns = "unready";
		for (int i = 0; i < 3; i++) {
			api.apply(SimulatedPods.ready(ns, "worker-" + i, WORKER, 0));
		}
		// a pod of another component in the namespace is not counted
		api.apply(SimulatedPods.crashLooping(ns, "web-0", Map.of("app", "web"), 3));
		UUID worker = watch(ns, "app=worker,tier in (jobs)");
		awaitObservation(worker, (o) -> o.podsReady() == 3 && o.podsTotal() == 3 && o.podRestarts() == 0);

		api.apply(SimulatedPods.unready(ns, "worker-1", WORKER, 0));
		ObservationRecorded unready = awaitObservation(worker, (o) -> o.podsReady() == 2 && o.podsTotal() == 3);
		assertThat(reasons(unready)).containsExactly("NotReady");

		api.apply(SimulatedPods.crashLooping(ns, "worker-2", WORKER, 4));
		ObservationRecorded crashing = awaitObservation(worker, (o) -> o.podsReady() == 1);
		assertThat(reasons(crashing)).containsExactlyInAnyOrder("NotReady", "CrashLoopBackOff");
		assertThat(crashing.podRestarts()).isPositive();
		assertThat(crashing.details()).containsEntry("restartWindowSeconds", 600);
	}

	@Test
	void reportsDeletedPodsAndAComponentScaledToZero() {
		String ns = "scaled";
		api.apply(SimulatedPods.ready(ns, "worker-0", WORKER, 0));
		api.apply(SimulatedPods.ready(ns, "worker-1", WORKER, 0));
		UUID worker = watch(ns, "app=worker");
		awaitObservation(worker, (o) -> o.podsTotal() == 2);

		api.delete(ns, "worker-1");
		awaitObservation(worker, (o) -> o.podsTotal() == 1 && o.podsReady() == 1);
		api.delete(ns, "worker-0");
		awaitObservation(worker, (o) -> o.podsTotal() == 0 && o.podsReady() == 0);
	}

	@Test
	void tellsImagePullsEvictionsOutOfMemoryAndLongPendingPodsApart() {
		String ns = "reasons";
		api.apply(SimulatedPods.imagePullBackOff(ns, "worker-0", WORKER));
		api.apply(SimulatedPods.evicted(ns, "worker-1", WORKER));
		api.apply(SimulatedPods.oomKilled(ns, "worker-2", WORKER, 1));
		api.apply(SimulatedPods.pending(ns, "worker-3", WORKER, OffsetDateTime.now().minusHours(1)));
		UUID worker = watch(ns, "app=worker");
		ObservationRecorded seen = awaitObservation(worker, (o) -> o.podsTotal() == 4);
		assertThat(reasons(seen)).containsExactly("ImagePullBackOff", "Evicted", "OOMKilled", "Pending");
		assertThat(seen.podsReady()).isEqualTo(1);
	}

	@Test
	void resumesAWatchTheServerClosesWithoutListingAgain() {
		String ns = "closed";
		api.apply(SimulatedPods.ready(ns, "worker-0", WORKER, 0));
		UUID worker = watch(ns, "app=worker");
		awaitObservation(worker, (o) -> o.podsReady() == 1);
		int lists = api.lists(ns);

		api.closeWatches();
		api.apply(SimulatedPods.unready(ns, "worker-0", WORKER, 0));
		awaitObservation(worker, (o) -> o.podsReady() == 0 && o.podsTotal() == 1);
		assertThat(api.lists(ns)).isEqualTo(lists);
	}

	@Test
	void listsAgainWhenItsResourceVersionIsGone() {
		String ns = "gone";
		api.apply(SimulatedPods.ready(ns, "worker-0", WORKER, 0));
		UUID worker = watch(ns, "app=worker");
		awaitObservation(worker, (o) -> o.podsTotal() == 1);
		int lists = api.lists(ns);

		// compaction: the watch resumes from a version that is gone, gets 410 and lists
		api.forgetHistory();
		api.apply(SimulatedPods.ready(ns, "worker-1", WORKER, 0));
		awaitObservation(worker, (o) -> o.podsTotal() == 2);
		assertThat(api.lists(ns)).isGreaterThan(lists);
	}

	@Test
	void sharesOneInformerPerNamespaceAndBeatsWhenNothingChanges() {
		String ns = "shared";
		api.apply(SimulatedPods.ready(ns, "worker-0", WORKER, 0));
		api.apply(SimulatedPods.ready(ns, "web-0", Map.of("app", "web"), 0));
		UUID app = UUID.randomUUID();
		UUID worker = UUID.randomUUID();
		UUID web = UUID.randomUUID();
		define(app, List.of(component(worker, ns, "app=worker"), component(web, ns, "app=web")));
		awaitObservation(worker, (o) -> o.podsTotal() == 1);
		awaitObservation(web, (o) -> o.podsTotal() == 1);
		assertThat(api.lists(ns)).isEqualTo(1);

		// nothing changes: a heartbeat every interval (1 s here) still reports the pods
		int seen = observationsOf(worker).size();
		await().atMost(Duration.ofSeconds(20)).until(() -> observationsOf(worker).size() >= seen + 2);
	}

	private static UUID watch(String namespace, String selector) {
		UUID component = UUID.randomUUID();
		define(UUID.randomUUID(), List.of(component(component, namespace, selector)));
		return component;
	}

	private static ApplicationDefined.Component component(UUID id, String namespace, String selector) {
		return new ApplicationDefined.Component(id, "Worker", null, null,
				new ApplicationDefined.Kubernetes(namespace, selector, 1));
	}

	private static void define(UUID applicationId, List<ApplicationDefined.Component> components) {
		ApplicationDefined defined = new ApplicationDefined(UUID.randomUUID(), Instant.now(), applicationId,
				"app-" + applicationId, "App", true, components);
		topics.send(Topics.CATALOG, applicationId.toString(), json.writeValueAsString(defined));
	}

	private static ObservationRecorded awaitObservation(UUID component, Predicate<ObservationRecorded> wanted) {
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> observationsOf(component).stream().filter(wanted).reduce((a, b) -> b), (o) -> o.isPresent())
			.orElseThrow();
	}

	@SuppressWarnings("unchecked")
	private static List<String> reasons(ObservationRecorded observation) {
		return ((List<Map<String, Object>>) observation.details().get("pods")).stream()
			.map((pod) -> (String) pod.get("reason"))
			.filter((reason) -> reason != null)
			.toList();
	}

	private static List<ObservationRecorded> observationsOf(UUID componentId) {
		return topics.receivedOn(Topics.OBSERVATIONS)
			.stream()
			.map((value) -> json.readValue(value, ObservationRecorded.class))
			.filter((observation) -> observation.componentId().equals(componentId))
			.filter((observation) -> observation.source() == ObservationRecorded.Source.PODS)
			.toList();
	}

}
