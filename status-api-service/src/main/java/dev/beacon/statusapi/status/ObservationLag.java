package dev.beacon.statusapi.status;

import java.time.Duration;
import java.time.Instant;

import dev.beacon.events.ObservationRecorded;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * How late observations arrive: receive time (this service's clock) minus observation
 * time (the collector's), as the histogram {@code beacon_observation_lag_seconds}. A lag
 * that grows means ingest falls behind (or the collector's clock drifts: a negative lag
 * counts as zero).
 */
@Component
public class ObservationLag {

	private final Timer lag;

	ObservationLag(MeterRegistry registry) {
		this.lag = Timer.builder("beacon.observation.lag")
			.description("Receive time minus observation time of each observation")
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofMinutes(10))
			.register(registry);
	}

	/** Records the lag of an observation received now. */
	public void received(ObservationRecorded observation) {
		if (observation.observedAt() == null) {
			return;
		}
		Duration late = Duration.between(observation.observedAt(), Instant.now());
		this.lag.record(late.isNegative() ? Duration.ZERO : late);
	}

}
