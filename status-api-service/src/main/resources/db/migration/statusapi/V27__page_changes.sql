-- Marking a page dirty appends to page_changes instead of updating the page's page_publications
-- row. The update locked that row until the marking transaction committed, so ingest batches of
-- different partitions that touched one application waited on each other, and on the page
-- publisher, which holds its due rows while it builds their documents. Nothing updates
-- page_changes; the publisher drains it into page_publications.dirty_since before each look.
CREATE TABLE page_changes (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id uuid        NOT NULL,
    changed_at     timestamptz NOT NULL DEFAULT now()
);

CREATE OR REPLACE FUNCTION mark_page_dirty(app uuid) RETURNS void LANGUAGE sql AS $$
    INSERT INTO page_changes (application_id) VALUES (app);
    SELECT pg_notify('beacon_pages', '');
$$;
