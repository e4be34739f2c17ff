package dev.beacon.incident.maintenance;

import java.time.Duration;

import dev.beacon.incident.detection.DetectionProperties;
import dev.beacon.outbox.Periodic;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Starts and completes maintenance on time: at start-up (catching up on windows that
 * began or ended while the service was down) and every
 * {@link DetectionProperties#sweepInterval()}. Safe with several replicas: due rows are
 * locked with {@code SKIP LOCKED} and change only by a conditional update.
 */
@Component
class MaintenanceSchedule extends Periodic {

	static final int BATCH = 50;

	private final MaintenanceService service;

	MaintenanceSchedule(MaintenanceService service, DetectionProperties properties) {
		super("Keeping the maintenance schedule", Duration.ZERO, properties.sweepInterval());
		this.service = service;
	}

	@Override
	protected Mono<?> runOnce() {
		return keep();
	}

	/** Every due maintenance, batch after batch. */
	Mono<Long> keep() {
		return this.service.keepSchedule(BATCH)
			.expand((changed) -> (changed == BATCH) ? this.service.keepSchedule(BATCH) : Mono.empty())
			.reduce(0L, Long::sum);
	}

}
