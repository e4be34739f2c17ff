-- Freshness is judged by status-api's own clock (the database's), not the collector's:
-- last_received_at is when the newest applied observation arrived, stale_at when the
-- component's data goes stale without another one (3 check intervals later). The sweep
-- that turns stale components unknown reads the partial index below.
ALTER TABLE component_status
    ADD COLUMN last_received_at timestamptz,
    ADD COLUMN stale_at         timestamptz;

UPDATE component_status s
SET last_received_at = s.last_observed_at,
    stale_at         = s.last_observed_at + make_interval(secs => 3 * coalesce(c.interval_seconds, 30))
FROM components c
WHERE c.id = s.component_id;

ALTER TABLE component_status
    ALTER COLUMN last_received_at SET NOT NULL,
    ALTER COLUMN stale_at SET NOT NULL;

CREATE INDEX component_status_stale_at ON component_status (stale_at) WHERE status <> 'UNKNOWN';

-- When each raw observation arrived, beside when the collector says it observed it.
ALTER TABLE status_checks ADD COLUMN received_at timestamptz NOT NULL DEFAULT now();
