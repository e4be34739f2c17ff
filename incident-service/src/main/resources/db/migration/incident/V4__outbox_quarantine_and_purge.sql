-- The relay deletes each row as soon as Kafka acknowledged it. A row that fails is retried with
-- backoff (next_attempt_at) and, after beacon.outbox.max-attempts counted attempts, moved to
-- outbox_failed with its error, so that the rows after it flow. Only the oldest row of a topic and
-- key is eligible, which keeps the order per key.
ALTER TABLE outbox
    ADD COLUMN created_at      timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN attempts        integer     NOT NULL DEFAULT 0,
    ADD COLUMN last_error      text,
    ADD COLUMN next_attempt_at timestamptz;
CREATE INDEX outbox_key_order ON outbox (topic, message_key, id);

CREATE TABLE outbox_failed (
    id          bigint PRIMARY KEY,
    topic       text        NOT NULL,
    message_key text        NOT NULL,
    event_type  text        NOT NULL,
    event_id    uuid        NOT NULL,
    occurred_at timestamptz NOT NULL,
    payload     text        NOT NULL,
    attempts    integer     NOT NULL,
    error       text        NOT NULL,
    created_at  timestamptz NOT NULL,
    failed_at   timestamptz NOT NULL DEFAULT now()
);

-- processed_events rows are purged once Kafka no longer keeps the events they dedupe
CREATE INDEX processed_events_processed_at ON processed_events (processed_at);
