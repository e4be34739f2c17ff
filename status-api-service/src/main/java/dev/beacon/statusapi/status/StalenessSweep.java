package dev.beacon.statusapi.status;

import java.time.Instant;
import java.util.UUID;

import dev.beacon.events.ComponentStatus;
import dev.beacon.events.ComponentStatusChanged;
import dev.beacon.events.Topics;
import dev.beacon.outbox.Outbox;
import dev.beacon.outbox.Periodic;
import dev.beacon.statusapi.history.HistoryStore;
import dev.beacon.statusapi.history.StatusKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Makes {@code unknown} a real status change: every
 * {@link FreshnessProperties#sweepInterval()} it turns the components whose data went
 * stale (nothing received for {@value ComponentHealth#FRESHNESS_INTERVALS} check
 * intervals) unknown and publishes a {@link ComponentStatusChanged} for each, through the
 * outbox, in the transaction that changes the status. Safe with several replicas: a
 * component turns unknown in one of them only. When nothing is stale a sweep is one query
 * that reads the status table (about 15 ms for 50,000 components).
 */
@Component
public class StalenessSweep extends Periodic {

	private static final Logger logger = LoggerFactory.getLogger(StalenessSweep.class);

	/** Components turned unknown per transaction; a full batch is followed by another. */
	static final int BATCH = 100;

	private final ComponentHealthStore store;

	private final Outbox outbox;

	private final TransactionalOperator transactions;

	private final HistoryStore history;

	StalenessSweep(ComponentHealthStore store, Outbox outbox, TransactionalOperator transactions,
			FreshnessProperties properties, HistoryStore history) {
		super("The staleness sweep", properties.sweepInterval(), properties.sweepInterval());
		this.history = history;
		this.store = store;
		this.outbox = outbox;
		this.transactions = transactions;
	}

	@Override
	protected Mono<?> runOnce() {
		return sweep();
	}

	/** Turns every stale component unknown; emits how many it turned. */
	public Mono<Integer> sweep() {
		return sweepBatch().expand((turned) -> (turned == BATCH) ? sweepBatch() : Mono.empty()).reduce(0, Integer::sum);
	}

	private Mono<Integer> sweepBatch() {
		Mono<Integer> batch = this.store.markStale(BATCH, ComponentHealth.STALE_REASON)
			.concatMap((stale) -> this.history
				.transition(stale.componentId(), stale.since(), StatusKind.UNKNOWN, ComponentHealth.STALE_REASON)
				.then(this.outbox.append(Topics.STATUS_CHANGES, stale.componentId().toString(), changed(stale)))
				.thenReturn(stale))
			.count()
			.map(Long::intValue);
		return this.transactions.transactional(batch).doOnNext((turned) -> {
			if (turned > 0) {
				logger.info("{} component(s) turned unknown: no observation received in time", turned);
			}
		});
	}

	private static ComponentStatusChanged changed(ComponentHealthStore.StaleComponent stale) {
		return new ComponentStatusChanged(UUID.randomUUID(), Instant.now(), stale.applicationId(), stale.componentId(),
				stale.name(), stale.previous(), ComponentStatus.UNKNOWN, stale.since(), ComponentHealth.STALE_REASON);
	}

}
