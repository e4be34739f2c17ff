-- The smallest delay from observation (the collector's clock) to receipt (status-api's) seen
-- lately, in microseconds: an observation counts as seen at its observation time plus this
-- offset, so one that waited in a backlog counts as old as it is (ComponentHealth).
ALTER TABLE component_status ADD COLUMN clock_offset_micros bigint;

UPDATE component_status
SET clock_offset_micros = (extract(epoch FROM last_received_at - last_observed_at) * 1000000)::bigint
WHERE last_received_at IS NOT NULL AND last_observed_at IS NOT NULL;
