-- The recording catalog (IRecordingCatalog): one row per recording, written by the PostgreSQL grain storage in the
-- same statement as the recording grain's state. Like catalog_sessions: creation time as .NET ticks beside the
-- timestamptz so that keyset cursors order exactly as CatalogCursor does, and deleted rows kept as tombstones so a
-- late, older projection cannot resurrect them (the storage janitor also reads them: a deleted recording's file is
-- no longer owned). status is RecordingStatus by number.
CREATE TABLE IF NOT EXISTS catalog_recordings
(
    id              uuid        NOT NULL PRIMARY KEY,
    library_id      uuid        NOT NULL,
    owner_id        uuid        NOT NULL,
    session_id      uuid        NOT NULL,
    status          smallint    NOT NULL,
    created_ticks   bigint      NOT NULL,
    created_on      timestamptz NOT NULL,
    change_sequence bigint      NOT NULL,
    deleted         boolean     NOT NULL,
    snapshot        jsonb       NOT NULL
);

-- One index per listing: "my recordings" (within a library), a session's recordings, a library's, and by status.
CREATE INDEX IF NOT EXISTS ix_catalog_recordings_owner ON catalog_recordings (library_id, owner_id, created_ticks DESC, id DESC) WHERE NOT deleted;
CREATE INDEX IF NOT EXISTS ix_catalog_recordings_session ON catalog_recordings (session_id, created_ticks DESC, id DESC) WHERE NOT deleted;
CREATE INDEX IF NOT EXISTS ix_catalog_recordings_library ON catalog_recordings (library_id, created_ticks DESC, id DESC) WHERE NOT deleted;
CREATE INDEX IF NOT EXISTS ix_catalog_recordings_status ON catalog_recordings (status, created_ticks DESC, id DESC) WHERE NOT deleted;
