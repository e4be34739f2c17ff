package dev.beacon.collector.probe;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.beacon.collector.catalog.ProbeTarget;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The probes' metrics as the dashboard reads them: {@code beacon_probes_total} by
 * {@code outcome} ({@code success}, {@code unexpected_status}, {@code body_mismatch}, one
 * per failure word of the fixed vocabulary, {@code skipped} for slots missed), and
 * {@code beacon_probe_lateness_seconds}, how late each probe started against its slot.
 */
final class ProbeMetrics {

	private final MeterRegistry meters;

	private final Timer lateness;

	private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();

	ProbeMetrics(MeterRegistry meters) {
		this.meters = meters;
		this.lateness = Timer.builder("beacon.probe.lateness")
			.description("How late probes start against their schedule")
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofSeconds(60))
			.register(meters);
	}

	void lateness(long nanos) {
		this.lateness.record(Math.max(nanos, 0), java.util.concurrent.TimeUnit.NANOSECONDS);
	}

	void skipped() {
		skipped(1);
	}

	void skipped(long slots) {
		outcome("skipped").increment(slots);
	}

	void probed(ProbeTarget target, ProbeResult result) {
		outcome(outcomeOf(target, result)).increment();
	}

	static String outcomeOf(ProbeTarget target, ProbeResult result) {
		if (result.error() != null) {
			return result.error().toLowerCase(Locale.ROOT).replace(' ', '_');
		}
		return target.expectedStatuses().contains(result.httpStatus()) ? "success" : "unexpected_status";
	}

	private Counter outcome(String outcome) {
		return this.outcomes.computeIfAbsent(outcome,
				(name) -> Counter.builder("beacon.probes")
					.description("Probes by outcome")
					.tag("outcome", name)
					.register(this.meters));
	}

}
