package dev.beacon.statusapi.history;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The history's scheduled work: adds received checks to the rollups every
 * {@code rollup-interval}, and every {@code maintenance-interval} (and at start) makes
 * the raw checks' daily partitions ahead, drops those past the retention (never a
 * {@code DELETE} scan) and purges old hourly rollups. Safe with several replicas: the
 * roll-up runs under an advisory lock, partitions are made if missing and dropped if
 * present.
 */
@Component
class HistoryJobs implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(HistoryJobs.class);

	private final HistoryStore store;

	private final TransactionalOperator transactions;

	private final HistoryProperties properties;

	private volatile Disposable rollups;

	private volatile Disposable maintenance;

	private volatile Disposable backfill;

	HistoryJobs(HistoryStore store, TransactionalOperator transactions, HistoryProperties properties) {
		this.store = store;
		this.transactions = transactions;
		this.properties = properties;
	}

	@Override
	public void start() {
		// partitions first, so that the first observation finds today's
		maintain().block();
		// in the background: a large history takes a while, and reads decode the rows
		// meanwhile
		this.backfill = fillMissingPercentiles().onErrorResume((failure) -> {
			logger.warn("Storing the percentiles of older rollups failed; the next start tries again: {}",
					failure.toString());
			return Mono.empty();
		}).subscribe();
		this.maintenance = Flux.interval(this.properties.maintenanceInterval())
			.onBackpressureDrop()
			.concatMap((tick) -> maintain(), 1)
			.subscribe();
		this.rollups = Flux.interval(this.properties.rollupInterval())
			.onBackpressureDrop()
			.concatMap((tick) -> rollUp().onErrorResume((failure) -> {
				logger.warn("Rolling up status checks failed; it runs again in {}: {}",
						this.properties.rollupInterval(), failure.toString());
				return Mono.just(0L);
			}), 1)
			.subscribe();
	}

	/** Adds the checks received since the last run to the rollups; emits how many. */
	Mono<Long> rollUp() {
		return this.transactions
			.transactional(this.store.rollUpChecks(this.properties.rollupSettle(), this.properties.rollupMaxSpan()));
	}

	/** Makes partitions ahead, drops expired ones, purges old hours. */
	Mono<Void> maintain() {
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		LocalDate keepFrom = today.minusDays(this.properties.rawRetention().toDays());
		return this.store.ensurePartitions(today.minusDays(1), today.plusDays(this.properties.partitionsAhead()))
			.doOnNext((made) -> {
				if (made > 0) {
					logger.info("Made {} daily partition(s) of status_checks ahead", made);
				}
			})
			.thenMany(this.store.dropPartitionsBefore(keepFrom))
			.doOnNext((dropped) -> logger.info("Dropped {}: raw checks past the {} retention", dropped,
					this.properties.rawRetention()))
			.then(this.store.purgeHoursBefore(Instant.now().minus(this.properties.hourlyRetention())))
			.then()
			.onErrorResume((failure) -> {
				logger.warn("History maintenance failed; it runs again in {}: {}",
						this.properties.maintenanceInterval(), failure.toString());
				return Mono.empty();
			});
	}

	/**
	 * Rollups written before their percentiles were kept as columns get them, a batch per
	 * transaction (reads decode those rows' sketches meanwhile).
	 */
	Mono<Long> fillMissingPercentiles() {
		return this.transactions.transactional(this.store.fillMissingPercentiles())
			.expand((filled) -> (filled > 0) ? this.transactions.transactional(this.store.fillMissingPercentiles())
					: Mono.empty())
			.reduce(0L, Long::sum)
			.doOnNext((filled) -> {
				if (filled > 0) {
					logger.info("Stored the response-time percentiles of {} rollup(s) written before V14", filled);
				}
			});
	}

	@Override
	public void stop() {
		dispose(this.rollups);
		dispose(this.maintenance);
		dispose(this.backfill);
	}

	private static void dispose(Disposable job) {
		if (job != null) {
			job.dispose();
		}
	}

	@Override
	public boolean isRunning() {
		Disposable job = this.rollups;
		return job != null && !job.isDisposed();
	}

}
