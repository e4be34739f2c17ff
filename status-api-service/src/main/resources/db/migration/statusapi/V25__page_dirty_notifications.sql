-- Marking a page dirty also notifies beacon_pages (delivered on commit, one notification per
-- transaction), which wakes the page publisher of every replica: it no longer looks for dirty
-- pages five times a second whether or not anything changed.

CREATE OR REPLACE FUNCTION mark_page_dirty(app uuid) RETURNS void LANGUAGE sql AS $$
    INSERT INTO page_publications (application_id, dirty_since) VALUES (app, now())
    ON CONFLICT (application_id) DO UPDATE
        SET dirty_since = coalesce(page_publications.dirty_since, excluded.dirty_since);
    SELECT pg_notify('beacon_pages', '');
$$;

CREATE OR REPLACE FUNCTION page_changed_by_application() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('beacon_pages', '');
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
