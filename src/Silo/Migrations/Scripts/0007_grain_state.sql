-- Grain state for Roomcast's own PostgreSQL grain storage (Roomcast.Silo.Storage.PostgresGrainStorage), which
-- group-commits the writes of many grains in one statement. version is the ETag: a write names the version it
-- read (or none for a first write) and loses if another write came first.
-- OrleansStorage (0004) is no longer written; it is left in place, not migrated.
CREATE TABLE grain_state
(
    service_id  text        NOT NULL,
    grain_id    text        NOT NULL,
    state_name  text        NOT NULL,
    payload     bytea       NOT NULL,
    version     bigint      NOT NULL,
    modified_on timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, grain_id, state_name)
)
-- Rows are rewritten in place all day; free room in each page lets PostgreSQL keep updates on the page (HOT).
WITH (fillfactor = 80);
