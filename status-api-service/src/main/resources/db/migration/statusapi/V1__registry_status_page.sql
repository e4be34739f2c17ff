CREATE TABLE applications (
    id          uuid PRIMARY KEY,
    slug        text        NOT NULL UNIQUE,
    name        text        NOT NULL,
    public_page boolean     NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- A component and its HTTP check (the check columns are null for a component without one).
CREATE TABLE components (
    id                       uuid PRIMARY KEY,
    application_id           uuid    NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    name                     text    NOT NULL,
    position                 integer NOT NULL,
    check_url                text,
    expected_status          integer,
    interval_seconds         integer,
    timeout_millis           integer,
    latency_threshold_millis integer,
    failure_threshold        integer
);
CREATE INDEX components_application ON components (application_id, position);

CREATE TABLE component_status (
    component_id         uuid PRIMARY KEY REFERENCES components (id) ON DELETE CASCADE,
    status               text        NOT NULL,
    since                timestamptz NOT NULL,
    reason               text,
    consecutive_failures integer     NOT NULL,
    last_observed_at     timestamptz NOT NULL
);

-- Raw observations, one row each.
CREATE TABLE status_checks (
    id           bigserial PRIMARY KEY,
    event_id     uuid        NOT NULL UNIQUE,
    component_id uuid        NOT NULL,
    observed_at  timestamptz NOT NULL,
    source       text        NOT NULL,
    status       text        NOT NULL,
    http_status  integer,
    latency_ms   bigint,
    error        text
);
CREATE INDEX status_checks_component_time ON status_checks (component_id, observed_at DESC);

-- The incidents the public page shows, projected from beacon.incidents.v1.
CREATE TABLE page_incidents (
    incident_id    uuid PRIMARY KEY,
    application_id uuid        NOT NULL,
    title          text        NOT NULL,
    status         text        NOT NULL,
    impact         text        NOT NULL,
    started_at     timestamptz NOT NULL,
    resolved_at    timestamptz,
    latest_update  text,
    updated_at     timestamptz NOT NULL,
    version        bigint      NOT NULL
);
CREATE INDEX page_incidents_application ON page_incidents (application_id, started_at DESC);

CREATE TABLE outbox (
    id          bigserial PRIMARY KEY,
    topic       text        NOT NULL,
    message_key text        NOT NULL,
    event_type  text        NOT NULL,
    event_id    uuid        NOT NULL,
    occurred_at timestamptz NOT NULL,
    payload     text        NOT NULL
);

CREATE TABLE processed_events (
    event_id     uuid PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);
