-- Nothing reads raw checks by event id: redelivered observations are recognised by the inbox
-- (processed_events), in the batch's transaction. The index cost every ingested observation
-- one more index insert.
DROP INDEX status_checks_event;
