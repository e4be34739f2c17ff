package dev.beacon.collector.probe;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import com.sun.management.OperatingSystemMXBean;
import dev.beacon.collector.CollectorProperties;
import dev.beacon.collector.catalog.ProbeTargets;
import dev.beacon.events.ApplicationDefined;
import dev.beacon.security.outbound.OutboundAddressGuard;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The probe benchmark of docs/benchmarks.md: N HTTP checks at an interval against a
 * loopback target in another process, through the real scheduler and prober (the
 * observations are counted, not sent: Kafka is measured apart). Runs only when asked
 * ({@code -Dbeacon.benchmark.target-port=…}, see docs/benchmarks/run-probe-benchmark.sh),
 * because it takes minutes and needs the target process.
 */
class ProbeBenchmarkTests {

	@Test
	void probesManyChecksOnSchedule() throws Exception {
		Integer port = Integer.getInteger("beacon.benchmark.target-port");
		assumeTrue(port != null, "a benchmark: run by docs/benchmarks/run-probe-benchmark.sh");
		int checks = Integer.getInteger("beacon.benchmark.checks", 10000);
		int interval = Integer.getInteger("beacon.benchmark.interval-seconds", 30);
		Duration measured = Duration.ofSeconds(Long.getLong("beacon.benchmark.seconds", 120));

		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		// cumulative bucket counts of the lateness (the simple registry publishes no
		// percentile histogram), so that the measured window's counts are the
		// difference of two snapshots, the warm-up interval left out
		double[] bounds = LongStream
			.of(1, 2, 3, 5, 10, 15, 20, 25, 30, 40, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000,
					10000, 20000, 30000)
			.mapToDouble((millis) -> millis * 1e6)
			.toArray();
		meters.config().meterFilter(new MeterFilter() {
			@Override
			public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
				return id.getName().equals("beacon.probe.lateness") ? DistributionStatisticConfig.builder()
					.serviceLevelObjectives(bounds)
					.expiry(Duration.ofDays(1))
					.bufferLength(1)
					.build()
					.merge(config) : config;
			}
		});
		CollectorProperties properties = new CollectorProperties(List.of(), 2000, 100000,
				new CollectorProperties.Kubernetes(false, "", Duration.ofMinutes(10), Duration.ofMinutes(5),
						Duration.ofMinutes(10)));
		HttpProber prober = new HttpProber(
				OutboundAddressGuard.allowing(List.of("127.0.0.0/8"), "beacon.collector.allowed-networks"), properties);
		AtomicLong observed = new AtomicLong();
		ProbeTargets targets = new ProbeTargets();
		ProbeScheduler scheduler = new ProbeScheduler(targets, prober, (observation) -> {
			observed.incrementAndGet();
			return Mono.empty();
		}, properties, meters);
		List<ApplicationDefined.Component> components = IntStream.range(0, checks)
			.mapToObj((i) -> new ApplicationDefined.Component(UUID.randomUUID(), "Check " + i,
					new ApplicationDefined.HttpCheck("http://127.0.0.1:" + port + "/check/" + i, 200, interval, 5000,
							1000, 2)))
			.toList();
		targets.define(new ApplicationDefined(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), "bench", "Bench",
				true, components));
		scheduler.start();
		try {
			// warm-up: every check probed twice, so that the checks are spread over the
			// interval, the pool's connections are open and the JIT has compiled the
			// path (the first interval opens the connections and is not representative)
			await().atMost(Duration.ofSeconds(interval).multipliedBy(5))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> observed.get() >= 2L * checks);
			Timer lateness = meters.get("beacon.probe.lateness").timer();
			long probesBefore = observed.get();
			long cpuBefore = cpuNanos();
			long start = System.nanoTime();
			CountAtBucket[] bucketsBefore = lateness.takeSnapshot().histogramCounts();
			long latenessCount = lateness.count();
			double latenessTotal = lateness.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS);
			// the measurement: a fixed window; a collector that keeps up does what the
			// schedule asks (probes/s = checks / interval), one that falls behind does
			// less and its lateness grows
			long end = start + measured.toNanos();
			await().atMost(measured.plusSeconds(10))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> System.nanoTime() >= end);
			double seconds = (System.nanoTime() - start) / 1e9;
			long probes = observed.get() - probesBefore;
			double cpuMillisPerCheck = (cpuNanos() - cpuBefore) / 1e6 / Math.max(probes, 1);
			String report = String.format(
					"checks=%d interval=%ds measured=%.0fs probes/s=%.1f expected/s=%.1f lateness-mean-ms=%.1f "
							+ "lateness-histogram=%s cpu-ms/check=%.3f rss-mb=%d skipped=%.0f",
					checks, interval, seconds, probes / seconds, checks / (double) interval,
					(lateness.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) - latenessTotal)
							/ Math.max(lateness.count() - latenessCount, 1) / 1e6,
					percentiles(bucketsBefore, lateness.takeSnapshot().histogramCounts(),
							lateness.count() - latenessCount),
					cpuMillisPerCheck, rssMegabytes(), skipped(meters));
			System.out.println("BENCHMARK " + report);
			Files.writeString(Path.of("target", "probe-benchmark-" + checks + ".txt"), report + "\n");
			assertThat(probes).isPositive();
		}
		finally {
			scheduler.stop();
		}
	}

	/**
	 * p50, p99 and p99.9 of the lateness in the measured window, from the difference of
	 * the cumulative bucket counts at its start and end: each is the upper bound of the
	 * bucket it falls in.
	 */
	static String percentiles(CountAtBucket[] before, CountAtBucket[] after, long total) {
		StringBuilder text = new StringBuilder();
		for (double percentile : new double[] { 0.5, 0.99, 0.999 }) {
			double bound = Double.POSITIVE_INFINITY;
			for (int i = 0; i < after.length; i++) {
				if (after[i].count() - before[i].count() >= percentile * total) {
					bound = after[i].bucket(TimeUnit.MILLISECONDS);
					break;
				}
			}
			text.append(String.format("p%s=%.0fms,", percentile * 100, bound));
		}
		return text.toString() + "n=" + total;
	}

	private static double skipped(SimpleMeterRegistry meters) {
		var counter = meters.find("beacon.probes").tag("outcome", "skipped").counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static long cpuNanos() {
		return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	private static long rssMegabytes() throws IOException {
		return Files.readAllLines(Path.of("/proc/self/status"))
			.stream()
			.filter((line) -> line.startsWith("VmRSS:"))
			.map((line) -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024)
			.findFirst()
			.orElse(-1L);
	}

}
