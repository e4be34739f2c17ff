-- Incidents, detected from status changes or declared through the API. version grows by one
-- with every change; events carry it so consumers keep the newest snapshot.
CREATE TABLE incidents (
    id             uuid PRIMARY KEY,
    application_id uuid        NOT NULL,
    title          text        NOT NULL,
    status         text        NOT NULL CHECK (status IN ('investigating', 'identified', 'monitoring', 'resolved')),
    impact         text        NOT NULL CHECK (impact IN ('none', 'minor', 'major', 'critical')),
    source         text        NOT NULL CHECK (source IN ('detected', 'declared')),
    started_at     timestamptz NOT NULL,
    resolved_at    timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    version        bigint      NOT NULL,
    CHECK ((status = 'resolved') = (resolved_at IS NOT NULL))
);
CREATE INDEX incidents_application ON incidents (application_id, started_at DESC);

-- Auto-detection keeps at most one open detected incident per application: failures join it.
CREATE UNIQUE INDEX incidents_one_open_detected ON incidents (application_id)
    WHERE resolved_at IS NULL AND source = 'detected';

-- The timeline; seq orders updates written within the same microsecond.
CREATE TABLE incident_updates (
    id          uuid PRIMARY KEY,
    seq         bigserial   NOT NULL,
    incident_id uuid        NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    status      text        NOT NULL,
    body        text        NOT NULL,
    created_at  timestamptz NOT NULL
);
CREATE INDEX incident_updates_incident ON incident_updates (incident_id, created_at DESC);

-- The components an incident affects, in the order they joined.
CREATE TABLE incident_components (
    incident_id  uuid    NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    component_id uuid    NOT NULL,
    position     integer NOT NULL,
    PRIMARY KEY (incident_id, component_id)
);

-- The latest known status per component, from beacon.status-changes.v1 (an older event is ignored).
CREATE TABLE component_states (
    component_id   uuid PRIMARY KEY,
    application_id uuid        NOT NULL,
    name           text,
    status         text        NOT NULL,
    since          timestamptz NOT NULL,
    reason         text
);
CREATE INDEX component_states_application ON component_states (application_id);

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
