package dev.beacon.outbox;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Runs a purge (a {@code DELETE} of old rows in batches) every interval. Safe with
 * several replicas: each batch is one statement that skips rows another replica is
 * deleting, so two replicas at once only share the work.
 */
public final class Purge extends Periodic {

	private static final Logger logger = LoggerFactory.getLogger(Purge.class);

	private final String name;

	private final Supplier<Mono<Long>> purge;

	/**
	 * @param name what is purged, for the log
	 * @param interval how often
	 * @param purge deletes one batch and emits how many rows it deleted; repeated while
	 * it deletes any
	 */
	public Purge(String name, Duration interval, Supplier<Mono<Long>> purge) {
		super("Purging " + name, interval, interval);
		this.name = name;
		this.purge = purge;
	}

	@Override
	protected Mono<Long> runOnce() {
		return purgeAll().doOnNext((deleted) -> {
			if (deleted > 0) {
				logger.info("Purged {} {}", deleted, this.name);
			}
		});
	}

	/** Deletes batch after batch until none is left; emits how many rows in all. */
	public Mono<Long> purgeAll() {
		return Mono.defer(this.purge)
			.expand((deleted) -> (deleted > 0) ? Mono.defer(this.purge) : Mono.empty())
			.reduce(0L, Long::sum);
	}

}
