package dev.beacon.collector.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.beacon.collector.CollectorProperties;
import dev.beacon.collector.catalog.ProbeTargets;
import dev.beacon.events.ApplicationDefined;
import dev.beacon.events.ObservationRecorded;
import dev.beacon.security.outbound.OutboundAddressGuard;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The schedule against real loopback targets: anchored to the clock, bounded globally,
 * undisturbed by hanging targets, quick to stop.
 */
class ProbeSchedulerTests {

	final List<ObservationRecorded> published = new CopyOnWriteArrayList<>();

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	LoopbackTargets targets;

	ProbeTargets catalog;

	ProbeScheduler scheduler;

	@BeforeEach
	void start() throws Exception {
		this.targets = new LoopbackTargets();
		this.catalog = new ProbeTargets();
	}

	@AfterEach
	void stop() {
		if (this.scheduler != null) {
			this.scheduler.stop();
		}
		this.targets.close();
	}

	private void run(int maxConcurrentProbes) {
		CollectorProperties properties = new CollectorProperties(List.of(), maxConcurrentProbes, 1000,
				new CollectorProperties.Kubernetes(false, "", Duration.ofMinutes(10), Duration.ofMinutes(5),
						Duration.ofMinutes(10)));
		HttpProber prober = new HttpProber(
				OutboundAddressGuard.allowing(LoopbackTargets.loopbackOnly(), "beacon.collector.allowed-networks"),
				properties);
		this.scheduler = new ProbeScheduler(this.catalog, prober, (observation) -> {
			this.published.add(observation);
			return Mono.empty();
		}, properties, this.meters);
		this.scheduler.start();
	}

	@Test
	void keepsEachTargetOnItsScheduleWhateverTheProbesTake() {
		UUID slow = UUID.randomUUID();
		define(component(slow, this.targets.url("/slow"), 1, 900));
		run(8);

		// the slow target answers in 300 ms; its probes still start one second apart
		await().atMost(Duration.ofSeconds(20)).until(() -> of(slow).size() >= 6);
		List<Instant> starts = of(slow).stream().map(ObservationRecorded::observedAt).sorted().toList();
		Duration span = Duration.between(starts.get(0), starts.get(starts.size() - 1));
		double meanMillis = span.toMillis() / (double) (starts.size() - 1);
		assertThat(meanMillis).isBetween(950.0, 1050.0);
		assertThat(this.meters.get("beacon.probes").tag("outcome", "success").counter().count()).isGreaterThan(5);
		assertThat(this.meters.get("beacon.probe.lateness").timer().count()).isGreaterThan(5);
	}

	@Test
	void boundsTheProbesInFlightAndLetsNoHangingTargetDelayTheOthers() {
		UUID healthy = UUID.randomUUID();
		List<ApplicationDefined.Component> components = new java.util.ArrayList<>();
		components.add(component(healthy, this.targets.url("/ok"), 1, 500));
		for (int i = 0; i < 4; i++) {
			components.add(component(UUID.randomUUID(), this.targets.url("/hang"), 1, 500));
		}
		define(components.toArray(ApplicationDefined.Component[]::new));
		run(3);

		await().atMost(Duration.ofSeconds(20)).until(() -> of(healthy).size() >= 5);
		assertThat(this.scheduler.mostInFlight()).isBetween(2, 3);
		assertThat(this.published).anyMatch((o) -> "Timeout".equals(o.error()));
		// the healthy target was probed every interval
		List<Instant> starts = of(healthy).stream().map(ObservationRecorded::observedAt).sorted().toList();
		for (int i = 1; i < starts.size(); i++) {
			assertThat(Duration.between(starts.get(i - 1), starts.get(i))).isLessThan(Duration.ofMillis(2100));
		}
	}

	@Test
	void stopsWithinFiveSecondsPublishingWhatItSaw() {
		UUID slow = UUID.randomUUID();
		UUID hanging = UUID.randomUUID();
		define(component(slow, this.targets.url("/slow"), 1, 900),
				component(hanging, this.targets.url("/hang"), 5, 4000));
		run(8);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.targets.requests("/slow") >= 2 && this.targets.requests("/hang") >= 1);

		long start = System.nanoTime();
		this.scheduler.stop();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		assertThat(of(slow)).hasSizeGreaterThanOrEqualTo(this.targets.requests("/slow") - 1);
		int published = this.published.size();
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(4))
			.until(() -> this.targets.requests("/slow") <= published + 1);
	}

	private List<ObservationRecorded> of(UUID component) {
		return this.published.stream().filter((o) -> o.componentId().equals(component)).toList();
	}

	private void define(ApplicationDefined.Component... components) {
		this.catalog.define(new ApplicationDefined(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), "app", "App",
				true, List.of(components)));
	}

	private static ApplicationDefined.Component component(UUID id, String url, int intervalSeconds, int timeoutMillis) {
		return new ApplicationDefined.Component(id, "Component",
				new ApplicationDefined.HttpCheck(url, 200, intervalSeconds, timeoutMillis, 1000, 1));
	}

}
