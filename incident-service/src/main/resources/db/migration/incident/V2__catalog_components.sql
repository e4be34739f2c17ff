-- The components of each application, from beacon.catalog.v1: a declared incident may name only
-- components of its own application. defined_at keeps an older definition from replacing a newer.
CREATE TABLE catalog_applications (
    application_id uuid PRIMARY KEY,
    defined_at     timestamptz NOT NULL
);

CREATE TABLE catalog_components (
    application_id uuid NOT NULL REFERENCES catalog_applications (application_id) ON DELETE CASCADE,
    component_id   uuid NOT NULL,
    PRIMARY KEY (application_id, component_id)
);
