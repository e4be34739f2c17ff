-- Who is notified of an application's incidents, and how. The secret signs webhook bodies, so it
-- is kept readable (it cannot be hashed); it is shown once, in the answer to the subscription.
CREATE TABLE subscribers (
    id             uuid PRIMARY KEY,
    application_id uuid        NOT NULL,
    type           text        NOT NULL,
    target         text        NOT NULL,
    secret         text        NOT NULL,
    -- empty: every incident of the application; otherwise incidents touching one of these
    component_ids  uuid[]      NOT NULL DEFAULT '{}',
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX subscribers_application ON subscribers (application_id, created_at);

-- One row per notification to one subscriber, written before it is attempted. No foreign key to
-- subscribers: the history outlives an unsubscription.
CREATE TABLE deliveries (
    id               uuid PRIMARY KEY,
    application_id   uuid        NOT NULL,
    subscriber_id    uuid        NOT NULL,
    channel          text        NOT NULL,
    event_id         uuid        NOT NULL,
    event_type       text        NOT NULL,
    payload          text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    -- set by the worker that claimed the row; an outcome is recorded only with the matching token
    claim_token      uuid,
    last_error       text,
    last_http_status integer,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    delivered_at     timestamptz,
    -- the dedupe key: a redelivered event or a resumed fan-out never adds a second row
    CONSTRAINT deliveries_dedupe_key UNIQUE (event_id, subscriber_id, channel)
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_application ON deliveries (application_id, created_at DESC);

CREATE TABLE processed_events (
    event_id     uuid PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);
