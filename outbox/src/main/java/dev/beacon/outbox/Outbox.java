package dev.beacon.outbox;

import java.time.Instant;
import java.util.UUID;

import dev.beacon.events.BeaconEvent;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Appends events to the service's {@code outbox} table. Call it inside the R2DBC
 * transaction that changes the state the event describes: the event is then published if
 * and only if the change commits ({@link OutboxRelay} does the publishing).
 */
public final class Outbox {

	/** The {@code event_type} (and {@code ce_type} suffix) of a tombstone. */
	static final String TOMBSTONE = "Tombstone";

	private final DatabaseClient database;

	private final JsonMapper json;

	Outbox(DatabaseClient database, JsonMapper json) {
		this.database = database;
		this.json = json;
	}

	/**
	 * Records {@code event} for publication on {@code topic} with the given partition
	 * key.
	 */
	public Mono<Void> append(String topic, String key, BeaconEvent event) {
		return this.database
			.sql("INSERT INTO outbox (topic, message_key, event_type, event_id, occurred_at, payload) "
					+ "VALUES (:topic, :key, :type, :eventId, :occurredAt, :payload)")
			.bind("topic", topic)
			.bind("key", key)
			.bind("type", event.getClass().getSimpleName())
			.bind("eventId", event.eventId())
			.bind("occurredAt", event.occurredAt())
			.bind("payload", this.json.writeValueAsString(event))
			.then();
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
			.then();
	}

}
