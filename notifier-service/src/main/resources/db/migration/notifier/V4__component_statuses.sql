-- The last status of each component that subscribers were told about (component_update webhooks),
-- in Statuspage's vocabulary. A status-change event is sent only when it moves this on: a change
-- that maps to the same Statuspage status (a degradation's reason, unknown and back) or an event
-- older than the one kept sends nothing. version grows with every update sent (meta.version).
CREATE TABLE component_statuses (
    component_id   uuid PRIMARY KEY,
    application_id uuid        NOT NULL,
    status         text        NOT NULL,
    changed_at     timestamptz NOT NULL,
    version        bigint      NOT NULL
);
CREATE INDEX component_statuses_application ON component_statuses (application_id);
