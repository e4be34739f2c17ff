-- The applications the catalog (beacon.catalog.v1) defines, as far as notifications need them: the
-- page's address and name, whether anyone may subscribe to it, and which components exist.
CREATE TABLE applications (
    id            uuid PRIMARY KEY,
    slug          text        NOT NULL,
    name          text        NOT NULL,
    public_page   boolean     NOT NULL,
    page_enabled  boolean     NOT NULL,
    -- [{"id": "...", "name": "..."}], in page order
    components    jsonb       NOT NULL DEFAULT '[]',
    defined_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX applications_slug ON applications (slug);

-- An email subscriber receives nothing but its confirmation mail until it confirms; webhooks are
-- confirmed when they are created.
ALTER TABLE subscribers ADD COLUMN confirmed_at timestamptz;
ALTER TABLE subscribers ADD COLUMN confirm_expires_at timestamptz;
UPDATE subscribers SET confirmed_at = created_at;
-- an email subscriber has no secret
ALTER TABLE subscribers ALTER COLUMN secret DROP NOT NULL;
-- at most one pending confirmation per address, whatever the page (anti mail-bomb); an expired one
-- is removed before a new one is made
CREATE UNIQUE INDEX subscribers_one_pending_confirmation ON subscribers (lower(target))
    WHERE type = 'email' AND confirmed_at IS NULL;
-- one subscription per address and page
CREATE UNIQUE INDEX subscribers_email_once ON subscribers (application_id, lower(target)) WHERE type = 'email';
CREATE INDEX subscribers_unconfirmed ON subscribers (confirm_expires_at) WHERE confirmed_at IS NULL;

-- The tokens in links (confirm, unsubscribe): only their SHA-256 is kept. A token serves one
-- purpose for one subscriber; it goes with the subscriber.
CREATE TABLE subscription_tokens (
    token_hash    bytea PRIMARY KEY,
    subscriber_id uuid        NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    purpose       text        NOT NULL CHECK (purpose IN ('confirm', 'unsubscribe')),
    expires_at    timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX subscription_tokens_subscriber ON subscription_tokens (subscriber_id);

-- The timeline of each incident as the notifier saw it (events carry only the newest update), so
-- that a notification shows the whole timeline.
CREATE TABLE incident_updates (
    update_id      uuid PRIMARY KEY,
    incident_id    uuid        NOT NULL,
    application_id uuid        NOT NULL,
    status         text        NOT NULL,
    body           text        NOT NULL,
    created_at     timestamptz NOT NULL
);
CREATE INDEX incident_updates_incident ON incident_updates (incident_id, created_at DESC);
CREATE INDEX incident_updates_application ON incident_updates (application_id);

CREATE INDEX deliveries_application_status ON deliveries (application_id, status);
