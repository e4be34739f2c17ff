-- Runs once, when the PostgreSQL volume is first initialised (docker-entrypoint-initdb.d).
-- One database per stateful service; each service migrates its own schema with Flyway.
CREATE DATABASE status_api;
CREATE DATABASE incident;
CREATE DATABASE notifier;
