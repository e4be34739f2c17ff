package dev.beacon.outbox;

import java.time.Instant;
import java.util.UUID;

import dev.beacon.events.BeaconEvent;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;

/**
 * Appends events to the service's {@code outbox} table. Call it inside the R2DBC
 * transaction that changes the state the event describes: the event is then published if
 * and only if the change commits ({@link OutboxRelay} does the publishing, woken as soon
 * as the transaction commits).
 */
public final class Outbox {

	/** The {@code event_type} (and {@code ce_type} suffix) of a tombstone. */
	static final String TOMBSTONE = "Tombstone";

	private final DatabaseClient database;

	private final JsonMapper json;

	private final OutboxTracing tracing;

	private final Runnable committed;

	Outbox(DatabaseClient database, JsonMapper json, OutboxTracing tracing, Runnable committed) {
		this.database = database;
		this.json = json;
		this.tracing = tracing;
		this.committed = committed;
	}

	/**
	 * Records {@code event} for publication on {@code topic} with the given partition
	 * key.
	 */
	public Mono<Void> append(String topic, String key, BeaconEvent event) {
		// pg_notify is delivered on commit, to the relay of every replica
		return Mono.deferContextual((context) -> {
			DatabaseClient.GenericExecuteSpec insert = this.database
				.sql("""
						WITH appended AS (
						    INSERT INTO outbox (topic, message_key, event_type, event_id, occurred_at, payload, trace_parent)
						    VALUES (:topic, :key, :type, :eventId, :occurredAt, :payload, :traceParent) RETURNING id)
						SELECT pg_notify('%s', '') FROM appended"""
					.formatted(OutboxRelay.NOTIFICATION_CHANNEL))
				.bind("topic", topic)
				.bind("key", key)
				.bind("type", event.getClass().getSimpleName())
				.bind("eventId", event.eventId())
				.bind("occurredAt", event.occurredAt())
				.bind("payload", this.json.writeValueAsString(event));
			String traceParent = this.tracing.traceParentOf(context);
			return ((traceParent != null) ? insert.bind("traceParent", traceParent)
					: insert.bindNull("traceParent", String.class))
				.then();
		}).then(wakeTheRelayOnCommit());
	}

	private Mono<Void> wakeTheRelayOnCommit() {
		return TransactionSynchronizationManager.forCurrentTransaction().doOnNext((transaction) -> {
			if (transaction.isSynchronizationActive()) {
				transaction.registerSynchronization(new TransactionSynchronization() {
					@Override
					public Mono<Void> afterCommit() {
						return Mono.fromRunnable(Outbox.this.committed);
					}
				});
			}
			else {
				this.committed.run();
			}
		}).onErrorResume(NoTransactionException.class, (none) -> Mono.fromRunnable(this.committed)).then();
	}

	/**
	 * Records a tombstone (a record with a null value) for publication on the compacted
	 * {@code topic} under {@code key}: compaction then forgets the key, and consumers
	 * reading the topic learn that the entity is gone. The service's
	 * {@code outbox.payload} column must allow null.
	 */
	public Mono<Void> appendTombstone(String topic, String key) {
		return this.database
			.sql("INSERT INTO outbox (topic, message_key, event_type, event_id, occurred_at, payload) "
					+ "VALUES (:topic, :key, :type, :eventId, :occurredAt, NULL)")
			.bind("topic", topic)
			.bind("key", key)
			.bind("type", TOMBSTONE)
			.bind("eventId", UUID.randomUUID())
			.bind("occurredAt", Instant.now())
			.then()
			.then(wakeTheRelayOnCommit());
	}

}
