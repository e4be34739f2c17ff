package dev.beacon.outbox;

import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Remembers which events a consumer has processed, in its {@code processed_events} table,
 * so that a redelivered event is skipped. Call it inside the transaction that applies the
 * event. Rows older than {@code beacon.inbox.retention} are purged.
 */
public final class Inbox {

	static final int PURGE_BATCH = 5000;

	private final DatabaseClient database;

	Inbox(DatabaseClient database) {
		this.database = database;
	}

	/** Emits true the first time {@code eventId} is seen, false on every redelivery. */
	public Mono<Boolean> firstDelivery(UUID eventId) {
		return this.database.sql("INSERT INTO processed_events (event_id) VALUES (:eventId) ON CONFLICT DO NOTHING")
			.bind("eventId", eventId)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows == 1);
	}

	/**
	 * Records a batch of events in one statement and emits the ids seen for the first
	 * time; an id repeated within the batch counts once.
	 */
	public Mono<Set<UUID>> firstDeliveries(Collection<UUID> eventIds) {
		if (eventIds.isEmpty()) {
			return Mono.just(Set.of());
		}
		return this.database
			.sql("INSERT INTO processed_events (event_id) SELECT unnest(CAST(:ids AS uuid[])) "
					+ "ON CONFLICT DO NOTHING RETURNING event_id")
			.bind("ids", eventIds.toArray(UUID[]::new))
			.map((row) -> row.get("event_id", UUID.class))
			.all()
			.collect(Collectors.toSet());
	}

	/** Deletes one batch of rows processed longer than {@code retention} ago. */
	Mono<Long> purgeOneBatch(Duration retention) {
		return this.database.sql("""
				DELETE FROM processed_events WHERE event_id IN (
				    SELECT event_id FROM processed_events
				    WHERE processed_at < now() - make_interval(secs => :retention)
				    LIMIT :batch FOR UPDATE SKIP LOCKED)""")
			.bind("retention", (double) retention.toSeconds())
			.bind("batch", PURGE_BATCH)
			.fetch()
			.rowsUpdated();
	}

}
