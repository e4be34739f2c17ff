-- Every replica keeps the components that observations name in memory (RegisteredComponents)
-- and forgets them when the registry changes, in any replica: a change of the components
-- notifies on commit (one notification per transaction, whatever the rows).
CREATE FUNCTION registry_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('beacon_registry', '');
    RETURN NULL;
END $$;
CREATE TRIGGER components_registry_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON components
    FOR EACH STATEMENT EXECUTE FUNCTION registry_changed();
