-- The page document published on beacon.pages.v1 (issue 9): incidents with their timeline and
-- affected components, maintenance windows with their schedule, and which pages must be
-- published again.

ALTER TABLE page_incidents
    ADD COLUMN component_ids      uuid[] NOT NULL DEFAULT '{}',
    ADD COLUMN component_statuses text[] NOT NULL DEFAULT '{}';
CREATE INDEX page_incidents_resolved ON page_incidents (application_id, resolved_at DESC)
    WHERE resolved_at IS NOT NULL;

-- Each update of an incident's timeline, as the incident events brought them (each event
-- carries the newest one).
CREATE TABLE page_incident_updates (
    update_id   uuid PRIMARY KEY,
    incident_id uuid        NOT NULL,
    status      text        NOT NULL,
    body        text        NOT NULL,
    created_at  timestamptz NOT NULL
);
CREATE INDEX page_incident_updates_incident ON page_incident_updates (incident_id, created_at DESC);

ALTER TABLE maintenance_windows
    ADD COLUMN body            text,
    ADD COLUMN scheduled_for   timestamptz,
    ADD COLUMN scheduled_until timestamptz,
    ADD COLUMN completed_at    timestamptz,
    ADD COLUMN updated_at      timestamptz NOT NULL DEFAULT now();
CREATE INDEX maintenance_windows_application ON maintenance_windows (application_id);

-- One row per page. A change to anything the page shows marks it dirty (the triggers below,
-- in the transaction that makes the change, so no change is missed whoever makes it); the
-- publisher (PagePublisher) publishes dirty pages at most once a second each and every page at
-- least every minute, through the outbox. deleted: publish a tombstone, then forget the row.
CREATE TABLE page_publications (
    application_id uuid PRIMARY KEY,
    dirty_since    timestamptz,
    published_at   timestamptz,
    deleted        boolean NOT NULL DEFAULT false
);
CREATE INDEX page_publications_due ON page_publications (published_at);
INSERT INTO page_publications (application_id, dirty_since) SELECT id, now() FROM applications;

CREATE FUNCTION mark_page_dirty(app uuid) RETURNS void LANGUAGE sql AS $$
    INSERT INTO page_publications (application_id, dirty_since) VALUES (app, now())
    ON CONFLICT (application_id) DO UPDATE
        SET dirty_since = coalesce(page_publications.dirty_since, excluded.dirty_since)
$$;

CREATE FUNCTION page_changed_by_application() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO page_publications (application_id, dirty_since, deleted) VALUES (OLD.id, now(), true)
        ON CONFLICT (application_id) DO UPDATE SET dirty_since = now(), deleted = true;
        RETURN OLD;
    END IF;
    INSERT INTO page_publications (application_id, dirty_since) VALUES (NEW.id, now())
    ON CONFLICT (application_id) DO UPDATE
        SET dirty_since = coalesce(page_publications.dirty_since, now()), deleted = false;
    RETURN NEW;
END $$;
CREATE TRIGGER applications_page_changed AFTER INSERT OR UPDATE OR DELETE ON applications
    FOR EACH ROW EXECUTE FUNCTION page_changed_by_application();

-- components and page_metrics change with their application's row (its version), except when
-- deleted with it: the application's own trigger covers them.

CREATE FUNCTION page_changed_by_component_status() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM mark_page_dirty(c.application_id) FROM components c WHERE c.id = NEW.component_id;
    RETURN NEW;
END $$;
-- what the page shows of a component's status; freshness columns change on every observation
-- and are left out (the minute's republication carries them)
CREATE TRIGGER component_status_page_changed AFTER INSERT ON component_status
    FOR EACH ROW EXECUTE FUNCTION page_changed_by_component_status();
CREATE TRIGGER component_status_page_changed_update AFTER UPDATE ON component_status
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.since IS DISTINCT FROM NEW.since
        OR OLD.reason IS DISTINCT FROM NEW.reason)
    EXECUTE FUNCTION page_changed_by_component_status();

CREATE FUNCTION page_changed_by_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM mark_page_dirty(NEW.application_id);
    RETURN NEW;
END $$;
CREATE TRIGGER page_incidents_page_changed AFTER INSERT OR UPDATE ON page_incidents
    FOR EACH ROW EXECUTE FUNCTION page_changed_by_row();
CREATE TRIGGER maintenance_windows_page_changed AFTER INSERT OR UPDATE ON maintenance_windows
    FOR EACH ROW EXECUTE FUNCTION page_changed_by_row();

CREATE FUNCTION page_changed_by_incident_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM mark_page_dirty(i.application_id) FROM page_incidents i WHERE i.incident_id = NEW.incident_id;
    RETURN NEW;
END $$;
CREATE TRIGGER page_incident_updates_page_changed AFTER INSERT OR UPDATE ON page_incident_updates
    FOR EACH ROW EXECUTE FUNCTION page_changed_by_incident_update();
