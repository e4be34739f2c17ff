-- Status history (issue 8): the intervals every uptime figure is computed from, raw checks
-- partitioned by day so that retention is a partition drop, and hourly/daily rollups so that a
-- history query reads a bounded number of rows whatever the probe rate.

-- Each component's status over time: one row per status it was in, the last one open
-- (ended_at null). Time without a row is "no data" (unknown). `degradation` tells a degraded
-- status apart: 'performance' (slow but answering, counts as up) or 'partial' (some pods down,
-- counts 0.3 down); null for other statuses.
CREATE TABLE status_intervals (
    component_id uuid        NOT NULL REFERENCES components (id) ON DELETE CASCADE,
    started_at   timestamptz NOT NULL,
    ended_at     timestamptz,
    status       text        NOT NULL,
    degradation  text CHECK (degradation IN ('performance', 'partial')),
    reason       text,
    PRIMARY KEY (component_id, started_at)
);
CREATE UNIQUE INDEX status_intervals_open ON status_intervals (component_id) WHERE ended_at IS NULL;

-- The intervals of today's components, from their current status.
INSERT INTO status_intervals (component_id, started_at, status, degradation, reason)
SELECT component_id, since, status, CASE WHEN status = 'DEGRADED' THEN 'performance' END, reason
FROM component_status;

-- Raw checks, one row per observation, partitioned by the day (UTC) status-api received them:
-- the receiver's clock, so that a collector with a wrong clock cannot write outside the
-- partitions made ahead. Retention drops whole partitions (StatusCheckPartitions).
ALTER TABLE status_checks RENAME TO status_checks_v5;
ALTER TABLE status_checks_v5 RENAME CONSTRAINT status_checks_pkey TO status_checks_v5_pkey;
ALTER TABLE status_checks_v5 RENAME CONSTRAINT status_checks_event_id_key TO status_checks_v5_event_id_key;
ALTER INDEX status_checks_component_time RENAME TO status_checks_v5_component_time;
ALTER SEQUENCE status_checks_id_seq RENAME TO status_checks_v5_id_seq;
CREATE TABLE status_checks (
    id               bigint GENERATED ALWAYS AS IDENTITY,
    event_id         uuid        NOT NULL,
    component_id     uuid        NOT NULL,
    status           text        NOT NULL,
    response_time_ms bigint,
    checked_at       timestamptz NOT NULL,
    received_at      timestamptz NOT NULL DEFAULT statement_timestamp(),
    source           text        NOT NULL,
    details          jsonb       NOT NULL DEFAULT '{}',
    PRIMARY KEY (received_at, id)
) PARTITION BY RANGE (received_at);
CREATE INDEX status_checks_component_time ON status_checks (component_id, checked_at DESC);
CREATE INDEX status_checks_event ON status_checks (event_id);

-- Creates the daily partitions of status_checks from `first` to `last` (inclusive) that do not
-- exist yet; called by the migration and by the scheduled job that makes partitions ahead.
CREATE FUNCTION status_checks_ensure_partitions(first date, last date) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    day date := first;
    made integer := 0;
    name text;
BEGIN
    WHILE day <= last LOOP
        name := 'status_checks_' || to_char(day, 'YYYYMMDD');
        IF to_regclass(name) IS NULL THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF status_checks FOR VALUES FROM (%L) TO (%L)', name,
                (day::timestamp AT TIME ZONE 'UTC'), ((day + 1)::timestamp AT TIME ZONE 'UTC'));
            made := made + 1;
        END IF;
        day := day + 1;
    END LOOP;
    RETURN made;
END $$;

SELECT status_checks_ensure_partitions(
    least((SELECT min(received_at) FROM status_checks_v5) AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')::date,
    (now() AT TIME ZONE 'UTC')::date + 3);

INSERT INTO status_checks (event_id, component_id, status, response_time_ms, checked_at, received_at, source,
    details)
SELECT event_id, component_id, status, latency_ms, observed_at, received_at, source,
    jsonb_strip_nulls(jsonb_build_object('httpStatus', http_status, 'error', error))
FROM status_checks_v5;
DROP TABLE status_checks_v5;

-- Seconds (as milliseconds) in each status and response times, per component and hour (UTC).
-- The sketch is an HdrHistogram of the response times (compressed), mergeable into days.
CREATE TABLE status_rollups_hourly (
    component_id     uuid        NOT NULL REFERENCES components (id) ON DELETE CASCADE,
    hour             timestamptz NOT NULL,
    operational_ms   bigint      NOT NULL DEFAULT 0,
    performance_ms   bigint      NOT NULL DEFAULT 0,
    partial_ms       bigint      NOT NULL DEFAULT 0,
    outage_ms        bigint      NOT NULL DEFAULT 0,
    maintenance_ms   bigint      NOT NULL DEFAULT 0,
    unknown_ms       bigint      NOT NULL DEFAULT 0,
    check_count      bigint      NOT NULL DEFAULT 0,
    response_count   bigint      NOT NULL DEFAULT 0,
    response_sum_ms  bigint      NOT NULL DEFAULT 0,
    response_max_ms  bigint,
    response_sketch  bytea,
    PRIMARY KEY (component_id, hour)
);

-- The same per day, cut at midnight in the page's time zone (`zone`, the application's time
-- zone when the day was written; a page whose zone changed has its days rebuilt).
CREATE TABLE status_rollups_daily (
    component_id     uuid        NOT NULL REFERENCES components (id) ON DELETE CASCADE,
    day              date        NOT NULL,
    zone             text        NOT NULL,
    operational_ms   bigint      NOT NULL DEFAULT 0,
    performance_ms   bigint      NOT NULL DEFAULT 0,
    partial_ms       bigint      NOT NULL DEFAULT 0,
    outage_ms        bigint      NOT NULL DEFAULT 0,
    maintenance_ms   bigint      NOT NULL DEFAULT 0,
    unknown_ms       bigint      NOT NULL DEFAULT 0,
    check_count      bigint      NOT NULL DEFAULT 0,
    response_count   bigint      NOT NULL DEFAULT 0,
    response_sum_ms  bigint      NOT NULL DEFAULT 0,
    response_max_ms  bigint,
    response_sketch  bytea,
    PRIMARY KEY (component_id, zone, day)
);

-- How far the raw checks have been rolled up (by received_at).
CREATE TABLE status_rollup_progress (
    name        text PRIMARY KEY,
    rolled_upto timestamptz NOT NULL
);
INSERT INTO status_rollup_progress (name, rolled_upto) VALUES ('checks', now() - interval '14 days');

-- The incidents' spans and components, for the days they touched.
CREATE TABLE history_incidents (
    incident_id    uuid PRIMARY KEY,
    application_id uuid        NOT NULL,
    component_ids  uuid[]      NOT NULL,
    started_at     timestamptz NOT NULL,
    resolved_at    timestamptz,
    version        bigint      NOT NULL
);
CREATE INDEX history_incidents_application ON history_incidents (application_id, started_at);

-- A version per component status row: a writer's update applies only over the version it read.
ALTER TABLE component_status ADD COLUMN version bigint NOT NULL DEFAULT 0;

-- The degradation kind of a degraded status ('performance' or 'partial'), null otherwise.
ALTER TABLE component_status ADD COLUMN degradation text;
UPDATE component_status SET degradation = 'performance' WHERE status = 'DEGRADED';
