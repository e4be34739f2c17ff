package dev.beacon.outbox;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;

/**
 * Runs a purge (a {@code DELETE} of old rows in batches) every interval. Safe with
 * several replicas: each batch is one statement that skips rows another replica is
 * deleting, so two replicas at once only share the work.
 */
public final class Purge implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(Purge.class);

	private final String name;

	private final Duration interval;

	private final Supplier<Mono<Long>> purge;

	private volatile Disposable running;

	/**
	 * @param name what is purged, for the log
	 * @param interval how often
	 * @param purge deletes one batch and emits how many rows it deleted; repeated while
	 * it deletes any
	 */
	public Purge(String name, Duration interval, Supplier<Mono<Long>> purge) {
		this.name = name;
		this.interval = interval;
		this.purge = purge;
	}

	/** Deletes batch after batch until none is left; emits how many rows in all. */
	public Mono<Long> purgeAll() {
		return Mono.defer(this.purge)
			.expand((deleted) -> (deleted > 0) ? Mono.defer(this.purge) : Mono.empty())
			.reduce(0L, Long::sum);
	}

	@Override
	public void start() {
		this.running = Flux.interval(this.interval)
			.onBackpressureDrop()
			.concatMap((tick) -> purgeAll().doOnNext((deleted) -> {
				if (deleted > 0) {
					logger.info("Purged {} {}", deleted, this.name);
				}
			}).onErrorResume((failure) -> {
				logger.warn("Purging {} failed; tried again in {}: {}", this.name, this.interval, failure.toString());
				return Mono.empty();
			}), 1)
			.subscribe();
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
