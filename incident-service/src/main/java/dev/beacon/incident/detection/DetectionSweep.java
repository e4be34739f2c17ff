package dev.beacon.incident.detection;

import java.time.Duration;

import dev.beacon.incident.incidents.IncidentService;
import dev.beacon.outbox.Periodic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Drives detection's timers from the database: every
 * {@link DetectionProperties#sweepInterval()} (and once at start-up, to catch up on
 * timers that ended while the service was down) it decides again for each application
 * whose timer is due. Safe with several replicas: each decision takes the application's
 * lock and decides from stored state, so deciding twice changes nothing.
 */
@Component
class DetectionSweep extends Periodic {

	private static final Logger logger = LoggerFactory.getLogger(DetectionSweep.class);

	static final int BATCH = 100;

	private final DetectionTimers timers;

	private final IncidentDetection detection;

	private final IncidentService clock;

	DetectionSweep(DetectionTimers timers, IncidentDetection detection, IncidentService clock,
			DetectionProperties properties) {
		super("The detection sweep", Duration.ZERO, properties.sweepInterval());
		this.timers = timers;
		this.detection = detection;
		this.clock = clock;
	}

	@Override
	protected Mono<?> runOnce() {
		return sweep();
	}

	/** Decides for every application whose timer is due; emits how many it decided. */
	Mono<Long> sweep() {
		return this.timers.due(this.clock.now(), BATCH)
			.concatMap((applicationId) -> this.detection.reconsiderIfFree(applicationId).onErrorResume((failure) -> {
				logger.warn("Detection for application {} failed; it is tried again: {}", applicationId,
						failure.toString());
				return Mono.just(false);
			}))
			.filter(Boolean::booleanValue)
			.count();
	}

}
