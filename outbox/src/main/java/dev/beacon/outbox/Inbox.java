package dev.beacon.outbox;

import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Remembers which events a consumer has processed, in its {@code processed_events} table,
 * so that a redelivered event is skipped. Call it inside the transaction that applies the
 * event.
 */
public final class Inbox {

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

}
