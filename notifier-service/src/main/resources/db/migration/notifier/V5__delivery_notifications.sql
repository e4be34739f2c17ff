-- Every replica's delivery worker LISTENs on beacon_deliveries: a fan-out by any replica wakes
-- them all when it commits, so none has to poll for new rows.
CREATE FUNCTION notify_deliveries_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('beacon_deliveries', '');
    RETURN NULL;
END $$;

CREATE TRIGGER deliveries_added AFTER INSERT ON deliveries
    FOR EACH STATEMENT EXECUTE FUNCTION notify_deliveries_added();
