-- The registry's lifecycle (issue 13): page settings, component groups, a version per
-- application for optimistic concurrency (ETag / If-Match), and tombstones in the outbox.
ALTER TABLE applications
    ADD COLUMN version             bigint  NOT NULL DEFAULT 1,
    ADD COLUMN page_enabled        boolean NOT NULL DEFAULT true,
    -- lower-case host name; unique across pages (a domain serves one page)
    ADD COLUMN custom_domain       text UNIQUE,
    ADD COLUMN time_zone           text    NOT NULL DEFAULT 'UTC',
    ADD COLUMN description         text,
    ADD COLUMN show_uptime         boolean NOT NULL DEFAULT true,
    ADD COLUMN show_response_times boolean NOT NULL DEFAULT true;

ALTER TABLE components ADD COLUMN group_name text;

-- The custom Prometheus metrics a page shows, in order.
CREATE TABLE page_metrics (
    application_id uuid    NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    position       integer NOT NULL,
    name           text    NOT NULL,
    query          text    NOT NULL,
    unit           text,
    PRIMARY KEY (application_id, position)
);

-- A deleted application is published as a tombstone: an outbox row without payload.
ALTER TABLE outbox ALTER COLUMN payload DROP NOT NULL;
ALTER TABLE outbox_failed ALTER COLUMN payload DROP NOT NULL;
