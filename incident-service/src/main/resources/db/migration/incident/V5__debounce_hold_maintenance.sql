-- Issue 11: the status each incident shows per component, postmortems, detection timers and
-- scheduled maintenance.

-- A declared incident shows the status its author gave each component; a detected one the
-- component's last status it announced.
ALTER TABLE incident_components ADD COLUMN status text NOT NULL DEFAULT 'outage'
    CHECK (status IN ('operational', 'degraded', 'outage', 'maintenance', 'unknown'));
ALTER TABLE incident_components ALTER COLUMN status DROP DEFAULT;
ALTER TABLE incidents ADD COLUMN postmortem text;
CREATE INDEX incidents_application_newest ON incidents (application_id, started_at DESC, created_at DESC, id);

-- When the component's current failure (its last known status degraded or outage, without
-- an operational status between) began; null while it is not failing. Debounce counts from it.
ALTER TABLE component_states ADD COLUMN failing_since timestamptz;
UPDATE component_states SET failing_since = since WHERE known_status IN ('degraded', 'outage');

-- Detection's timers, one row per application that has one running: due_at is when detection
-- must look at the application again (a debounce or the hold ends), hold_until when the hold
-- of its monitoring incident ends. A scheduled job picks due rows with SKIP LOCKED.
CREATE TABLE detection_timers (
    application_id uuid PRIMARY KEY,
    due_at         timestamptz,
    hold_until     timestamptz
);
CREATE INDEX detection_timers_due ON detection_timers (due_at) WHERE due_at IS NOT NULL;

-- Scheduled maintenance; version grows by one with every change, as for incidents.
CREATE TABLE maintenances (
    id              uuid PRIMARY KEY,
    application_id  uuid        NOT NULL,
    title           text        NOT NULL,
    body            text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('scheduled', 'in_progress', 'verifying', 'completed')),
    scheduled_for   timestamptz NOT NULL,
    scheduled_until timestamptz NOT NULL,
    started_at      timestamptz,
    completed_at    timestamptz,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    version         bigint      NOT NULL,
    CHECK (scheduled_until > scheduled_for)
);
CREATE INDEX maintenances_application ON maintenances (application_id, scheduled_for DESC);
-- what the schedule job looks for: windows to start and windows to complete
CREATE INDEX maintenances_due_start ON maintenances (scheduled_for) WHERE status = 'scheduled';
CREATE INDEX maintenances_due_end ON maintenances (scheduled_until) WHERE status IN ('in_progress', 'verifying');

CREATE TABLE maintenance_components (
    maintenance_id uuid    NOT NULL REFERENCES maintenances (id) ON DELETE CASCADE,
    component_id   uuid    NOT NULL,
    position       integer NOT NULL,
    PRIMARY KEY (maintenance_id, component_id)
);
CREATE INDEX maintenance_components_component ON maintenance_components (component_id);
