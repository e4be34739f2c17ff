-- processed_events rows are purged once Kafka no longer keeps the events they dedupe; delivered
-- deliveries after beacon.notifier.delivery.retention.
CREATE INDEX processed_events_processed_at ON processed_events (processed_at);
CREATE INDEX deliveries_delivered ON deliveries (delivered_at) WHERE status = 'delivered';
