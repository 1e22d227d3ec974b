-- Grain state for Roomcast's own PostgreSQL grain storage (Roomcast.Silo.Storage.PostgresGrainStorage), which
-- group-commits the writes of many grains in one statement. version is the ETag: a write names the version it
-- read (or none for a first write) and loses if another write came first.
CREATE TABLE IF NOT EXISTS grain_state
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

-- The official ADO.NET grain storage was never used in production; databases created before these scripts were
-- squashed still hold its table and queries. Nothing reads them.
DROP TABLE IF EXISTS OrleansStorage;
DELETE FROM OrleansQuery WHERE QueryKey IN ('WriteToStorageKey', 'ReadFromStorageKey', 'ClearStorageKey', 'DeleteStorageKey');
