-- The W3C traceparent of the request or record that appended the row: the relay publishes the
-- row in the same trace (null when tracing recorded nothing).
ALTER TABLE outbox ADD COLUMN trace_parent text;
