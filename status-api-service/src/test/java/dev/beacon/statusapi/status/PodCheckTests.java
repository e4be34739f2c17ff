package dev.beacon.statusapi.status;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.beacon.events.ComponentStatus;
import dev.beacon.statusapi.registry.HttpCheck;
import dev.beacon.statusapi.registry.KubernetesSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The seed's table for pods, and how pods and an HTTP check combine. */
class PodCheckTests {

	private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

	private static final KubernetesSource PODS = new KubernetesSource("shop", "app=worker", 30);

	private static final HttpCheck CHECK = new HttpCheck(URI.create("https://shop.example/health"), 200, 30, 5000, 1000,
			2);

	@Test
	void allReadyAndNotRestartingIsOperational() {
		PodCheck pods = new PodCheck(T0, 3, 3, 0, List.of());
		assertThat(pods.verdict()).isEqualTo(ComponentStatus.OPERATIONAL);
		assertThat(pods.describe()).isNull();
		assertThat(pods.degradation()).isNull();
	}

	@Test
	void someUnreadyIsAPartialDegradationNamingTheReason() {
		PodCheck pods = PodCheck.of(T0, 1, 3, 4,
				Map.of("pods",
						List.of(Map.of("name", "w-0", "ready", true),
								Map.of("name", "w-1", "reason", "CrashLoopBackOff"),
								Map.of("name", "w-2", "reason", "CrashLoopBackOff"))));
		assertThat(pods.verdict()).isEqualTo(ComponentStatus.DEGRADED);
		assertThat(pods.degradation()).isEqualTo("partial");
		assertThat(pods.describe()).isEqualTo("1/3 pods ready: CrashLoopBackOff ×2");
	}

	@Test
	void restartingPodsDegradeEvenWhenAllAreReady() {
		PodCheck pods = PodCheck.of(T0, 3, 3, 2, Map.of("pods", List.of(Map.of("name", "w-1", "reason", "OOMKilled"))));
		assertThat(pods.verdict()).isEqualTo(ComponentStatus.DEGRADED);
		assertThat(pods.describe()).isEqualTo("3/3 pods ready: OOMKilled");
		assertThat(new PodCheck(T0, 3, 3, 1, List.of()).describe()).isEqualTo("3/3 pods ready: 1 restart");
	}

	@Test
	void noneReadyOrNoPodsIsAnOutage() {
		assertThat(new PodCheck(T0, 0, 3, 0, List.of("ImagePullBackOff")).verdict()).isEqualTo(ComponentStatus.OUTAGE);
		PodCheck none = PodCheck.of(T0, 0, 0, 0, null);
		assertThat(none.verdict()).isEqualTo(ComponentStatus.OUTAGE);
		assertThat(none.describe()).isEqualTo("No pods running");
	}

	@Test
	void aComponentWithPodsAndAnHttpCheckTakesTheWorseOfTheTwo() {
		ComponentHealth health = ComponentHealth.unobserved(T0)
			.afterHttpProbe(CHECK, new HttpProbe(T0, 200, 3000L, null), T0);
		assertThat(health.status()).isEqualTo(ComponentStatus.DEGRADED);
		assertThat(health.degradation()).isEqualTo("performance");

		health = health.afterPods(PODS, new PodCheck(T0.plusSeconds(1), 1, 3, 0, List.of("CrashLoopBackOff")),
				T0.plusSeconds(1));
		assertThat(health.status()).isEqualTo(ComponentStatus.DEGRADED);
		assertThat(health.degradation()).isEqualTo("partial");
		assertThat(health.reason()).isEqualTo("1/3 pods ready: CrashLoopBackOff");

		// the HTTP check recovers; the pods still hold the component degraded
		health = health.afterHttpProbe(CHECK, new HttpProbe(T0.plusSeconds(2), 200, 20L, null), T0.plusSeconds(2));
		assertThat(health.status()).isEqualTo(ComponentStatus.DEGRADED);
		assertThat(health.reason()).isEqualTo("1/3 pods ready: CrashLoopBackOff");

		// two failed probes confirm an HTTP outage, worse than the pods
		health = health.afterHttpProbe(CHECK, new HttpProbe(T0.plusSeconds(3), 503, 20L, null), T0.plusSeconds(3));
		assertThat(health.status()).isEqualTo(ComponentStatus.DEGRADED);
		health = health.afterHttpProbe(CHECK, new HttpProbe(T0.plusSeconds(4), 503, 20L, null), T0.plusSeconds(4));
		assertThat(health.status()).isEqualTo(ComponentStatus.OUTAGE);
		assertThat(health.degradation()).isNull();

		health = health.afterHttpProbe(CHECK, new HttpProbe(T0.plusSeconds(5), 200, 20L, null), T0.plusSeconds(5))
			.afterPods(PODS, new PodCheck(T0.plusSeconds(6), 3, 3, 0, List.of()), T0.plusSeconds(6));
		assertThat(health.status()).isEqualTo(ComponentStatus.OPERATIONAL);
		assertThat(health.reason()).isNull();
		assertThat(health.pods().ready()).isEqualTo(3);
	}

	@Test
	void aVerdictFromBeforeMaintenanceOrStalenessIsNotRevived() {
		ComponentHealth health = ComponentHealth.unobserved(T0)
			.afterHttpProbe(CHECK, new HttpProbe(T0, 200, 20L, null), T0)
			.under(ComponentStatus.UNKNOWN, T0.plusSeconds(100), "Maintenance ended");
		// one failure does not confirm an outage, nor bring back the old operational
		health = health.afterHttpProbe(CHECK, new HttpProbe(T0.plusSeconds(101), 503, 20L, null), T0.plusSeconds(101));
		assertThat(health.status()).isEqualTo(ComponentStatus.UNKNOWN);
		health = health.afterHttpProbe(CHECK, new HttpProbe(T0.plusSeconds(102), 503, 20L, null), T0.plusSeconds(102));
		assertThat(health.status()).isEqualTo(ComponentStatus.OUTAGE);
	}

	@Test
	void aLatePodObservationChangesNothing() {
		ComponentHealth health = ComponentHealth.unobserved(T0)
			.afterPods(PODS, new PodCheck(T0.plusSeconds(10), 3, 3, 0, List.of()), T0.plusSeconds(10));
		ComponentHealth after = health.afterPods(PODS, new PodCheck(T0.plusSeconds(5), 0, 3, 0, List.of()),
				T0.plusSeconds(11));
		assertThat(after).isEqualTo(health);
	}

	@Test
	void anHttpProbeObservedJustBeforeAPodChangeIsNotLate() {
		ComponentHealth health = ComponentHealth.unobserved(T0)
			.afterPods(PODS, new PodCheck(T0.plusMillis(50), 3, 3, 0, List.of()), T0.plusMillis(60))
			.afterHttpProbe(CHECK, new HttpProbe(T0, 200, 3000L, null), T0.plusMillis(200));
		assertThat(health.status()).isEqualTo(ComponentStatus.DEGRADED);
		assertThat(health.degradation()).isEqualTo("performance");
	}

}
