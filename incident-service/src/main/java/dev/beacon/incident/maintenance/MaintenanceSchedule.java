package dev.beacon.incident.maintenance;

import java.time.Duration;

import dev.beacon.incident.detection.DetectionProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Starts and completes maintenance on time: at start-up (catching up on windows that
 * began or ended while the service was down) and every
 * {@link DetectionProperties#sweepInterval()}. Safe with several replicas: due rows are
 * locked with {@code SKIP LOCKED} and change only by a conditional update.
 */
@Component
class MaintenanceSchedule implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(MaintenanceSchedule.class);

	static final int BATCH = 50;

	private final MaintenanceService service;

	private final Duration interval;

	private volatile Disposable running;

	MaintenanceSchedule(MaintenanceService service, DetectionProperties properties) {
		this.service = service;
		this.interval = properties.sweepInterval();
	}

	@Override
	public void start() {
		this.running = Flux.interval(Duration.ZERO, this.interval)
			.onBackpressureDrop()
			.concatMap((tick) -> keep().onErrorResume((failure) -> {
				logger.warn("Keeping the maintenance schedule failed; it runs again in {}: {}", this.interval,
						failure.toString());
				return Mono.just(0L);
			}), 1)
			.subscribe();
	}

	/** Every due maintenance, batch after batch. */
	Mono<Long> keep() {
		return this.service.keepSchedule(BATCH)
			.expand((changed) -> (changed == BATCH) ? this.service.keepSchedule(BATCH) : Mono.empty())
			.reduce(0L, Long::sum);
	}

	@Override
	public void stop() {
		Disposable current = this.running;
		if (current != null) {
			current.dispose();
		}
	}

	@Override
	public boolean isRunning() {
		Disposable current = this.running;
		return current != null && !current.isDisposed();
	}

}
