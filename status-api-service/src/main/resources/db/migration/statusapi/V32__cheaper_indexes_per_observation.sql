-- Every ingested observation inserts a raw check and an inbox row; each index on them is one
-- more write per observation.
-- Nothing reads raw checks by component (the roll-up reads them by receipt time, through the
-- primary key): the seed's (component_id, checked_at) index was a random-order insert into a
-- large b-tree for every observation.
DROP INDEX status_checks_component_time;
-- Inbox rows are inserted in processed_at order and purged by it: a BRIN index (one summary per
-- range of pages) finds them as well as the b-tree did, at almost no cost per insert.
DROP INDEX processed_events_processed_at;
CREATE INDEX processed_events_processed_at ON processed_events USING brin (processed_at);
