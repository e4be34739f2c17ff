package dev.beacon.outbox;

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

}
