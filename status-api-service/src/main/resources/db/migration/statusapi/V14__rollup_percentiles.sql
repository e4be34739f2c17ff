-- Each rollup's p50 and p95 as plain columns beside its sketch, written whenever the bucket is:
-- a history read then decodes no sketch (50 components × 90 days were 4 500 decodes of a
-- ~23 KB histogram each). Only merging buckets (a day rebuilt from hours) reads sketches.
-- Rows written before this have null percentiles: HistoryJobs fills them from their sketches
-- at start (a read decodes such a row's sketch meanwhile).
ALTER TABLE status_rollups_hourly
    ADD COLUMN response_p50_ms bigint,
    ADD COLUMN response_p95_ms bigint;
ALTER TABLE status_rollups_daily
    ADD COLUMN response_p50_ms bigint,
    ADD COLUMN response_p95_ms bigint;
