-- unknown is a gap in a component's data, not a status: detection judges a component by the
-- latest status it had other than unknown (null when it never had one).
ALTER TABLE component_states ADD COLUMN known_status text;
UPDATE component_states SET known_status = status WHERE status <> 'unknown';
