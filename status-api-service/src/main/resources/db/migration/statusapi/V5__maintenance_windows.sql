-- Scheduled maintenance, kept from MaintenanceChanged events (the highest version wins): its
-- components show 'maintenance' while it is in_progress or verifying.
CREATE TABLE maintenance_windows (
    maintenance_id uuid PRIMARY KEY,
    application_id uuid        NOT NULL,
    title          text        NOT NULL,
    status         text        NOT NULL,
    component_ids  uuid[]      NOT NULL,
    version        bigint      NOT NULL
);
CREATE INDEX maintenance_windows_active ON maintenance_windows USING gin (component_ids)
    WHERE status IN ('in_progress', 'verifying');
