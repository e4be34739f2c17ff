-- Pods (issue 7): a component's Kubernetes source and the HTTP check's options.
ALTER TABLE components
    ADD COLUMN k8s_namespace         text,
    ADD COLUMN k8s_label_selector    text,
    ADD COLUMN k8s_interval_seconds  integer,
    ADD COLUMN check_method          text,
    ADD COLUMN check_headers         jsonb,
    ADD COLUMN expected_statuses     integer[],
    ADD COLUMN body_contains         text;

-- A component's status is the worse of its sources': each source's own verdict is kept so
-- that an observation of one can be combined with the last of the other. `degradation`
-- says which kind a degraded status is (performance | partial).
ALTER TABLE component_status
    ADD COLUMN IF NOT EXISTS degradation text,
    ADD COLUMN http_status      text,
    ADD COLUMN http_reason      text,
    ADD COLUMN http_degradation text,
    ADD COLUMN pods_status      text,
    ADD COLUMN pods_reason      text,
    ADD COLUMN pods_ready       integer,
    ADD COLUMN pods_total       integer,
    ADD COLUMN pods_observed_at timestamptz;

-- Pod observations are status checks like HTTP ones; details is what the source saw
-- (degradation and details may exist already: V6 made them for the history).
ALTER TABLE status_checks
    ADD COLUMN pods_ready   integer,
    ADD COLUMN pods_total   integer,
    ADD COLUMN pod_restarts integer,
    ADD COLUMN IF NOT EXISTS details jsonb;

-- a component followed through its pods alone has no HTTP probe time
ALTER TABLE component_status ALTER COLUMN last_observed_at DROP NOT NULL;
