-- Every applied batch of observations rewrites the status row of each component it names
-- (freshness, failure counts). With an index on stale_at, which changes on every write, no
-- such update could be HOT: each one also inserted into both indexes. Without it, and with
-- room left in every page, the row is rewritten in place. The staleness sweep, every few
-- seconds, reads the whole table instead (about 15 ms for 50,000 components, measured).
DROP INDEX component_status_stale_at;
ALTER TABLE component_status SET (fillfactor = 50);
