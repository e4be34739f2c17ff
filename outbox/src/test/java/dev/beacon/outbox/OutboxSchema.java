package dev.beacon.outbox;

import org.springframework.r2dbc.core.DatabaseClient;

/** The tables this module's README asks a service's migrations to create. */
final class OutboxSchema {

	private OutboxSchema() {
	}

	static void create(DatabaseClient db) {
		db.sql("""
				CREATE TABLE IF NOT EXISTS outbox (id bigserial PRIMARY KEY, topic text NOT NULL,
				    message_key text NOT NULL, event_type text NOT NULL, event_id uuid NOT NULL,
				    occurred_at timestamptz NOT NULL, payload text NOT NULL,
				    created_at timestamptz NOT NULL DEFAULT now(), attempts integer NOT NULL DEFAULT 0,
				    last_error text, next_attempt_at timestamptz, trace_parent text)""").then().block();
		db.sql("CREATE INDEX IF NOT EXISTS outbox_key_order ON outbox (topic, message_key, id)").then().block();
		db.sql("""
				CREATE TABLE IF NOT EXISTS outbox_failed (id bigint PRIMARY KEY, topic text NOT NULL,
				    message_key text NOT NULL, event_type text NOT NULL, event_id uuid NOT NULL,
				    occurred_at timestamptz NOT NULL, payload text NOT NULL, attempts integer NOT NULL,
				    error text NOT NULL, created_at timestamptz NOT NULL,
				    failed_at timestamptz NOT NULL DEFAULT now())""").then().block();
		db.sql("""
				CREATE TABLE IF NOT EXISTS processed_events (event_id uuid PRIMARY KEY,
				    processed_at timestamptz NOT NULL DEFAULT now())""").then().block();
	}

}
