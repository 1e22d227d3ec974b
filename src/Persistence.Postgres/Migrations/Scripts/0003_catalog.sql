-- The catalog read model. Creation times are kept as .NET ticks (100 ns) next to the timestamptz
-- (1 µs) so that ordering and keyset cursors are exactly those of CatalogCursor. Deleted rows stay
-- as tombstones so that a late, older projection cannot resurrect them.
-- Libraries are tenants: every room and session belongs to one (library_id), and every listing is confined to
-- one (admins may list across them). participant_ids: who holds a session role (co-host, moderator); they see
-- the session in listings like its host does.
CREATE TABLE IF NOT EXISTS catalog_sessions
(
    id               uuid        NOT NULL PRIMARY KEY,
    library_id       uuid        NOT NULL,
    room_id          uuid        NOT NULL,
    host_id          uuid        NOT NULL,
    state            smallint    NOT NULL,
    type             smallint    NOT NULL,
    visibility       smallint    NOT NULL,
    name             text        NOT NULL,
    created_ticks    bigint      NOT NULL,
    created_on       timestamptz NOT NULL,
    scheduled_ticks  bigint      NOT NULL,
    scheduled_at     timestamptz NOT NULL,
    duration_seconds bigint      NOT NULL,
    change_sequence  bigint      NOT NULL,
    deleted          boolean     NOT NULL,
    snapshot         jsonb       NOT NULL,
    participant_ids  uuid[]      NOT NULL DEFAULT '{}'
);

CREATE INDEX IF NOT EXISTS ix_catalog_sessions_created ON catalog_sessions (created_ticks DESC, id DESC) WHERE NOT deleted;
CREATE INDEX IF NOT EXISTS ix_catalog_sessions_library ON catalog_sessions (library_id, created_ticks DESC, id DESC) WHERE NOT deleted;
CREATE INDEX IF NOT EXISTS ix_catalog_sessions_room ON catalog_sessions (room_id, created_ticks DESC, id DESC) WHERE NOT deleted;
CREATE INDEX IF NOT EXISTS ix_catalog_sessions_host ON catalog_sessions (host_id, created_ticks DESC, id DESC) WHERE NOT deleted;
CREATE INDEX IF NOT EXISTS ix_catalog_sessions_state ON catalog_sessions (state, created_ticks DESC, id DESC) WHERE NOT deleted;
CREATE INDEX IF NOT EXISTS ix_catalog_sessions_scheduled ON catalog_sessions (scheduled_ticks) WHERE NOT deleted;
CREATE INDEX IF NOT EXISTS ix_catalog_sessions_participants ON catalog_sessions USING gin (participant_ids) WHERE NOT deleted;

CREATE TABLE IF NOT EXISTS catalog_rooms
(
    id              uuid        NOT NULL PRIMARY KEY,
    library_id      uuid        NOT NULL,
    owner_id        uuid        NOT NULL,
    visibility      smallint    NOT NULL,
    title           text        NOT NULL,
    created_ticks   bigint      NOT NULL,
    created_on      timestamptz NOT NULL,
    change_sequence bigint      NOT NULL,
    deleted         boolean     NOT NULL,
    snapshot        jsonb       NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_catalog_rooms_created ON catalog_rooms (created_ticks DESC, id DESC) WHERE NOT deleted;
CREATE INDEX IF NOT EXISTS ix_catalog_rooms_library ON catalog_rooms (library_id, created_ticks DESC, id DESC) WHERE NOT deleted;
CREATE INDEX IF NOT EXISTS ix_catalog_rooms_owner ON catalog_rooms (owner_id, created_ticks DESC, id DESC) WHERE NOT deleted;

-- Title search uses ILIKE; trigram indexes make it indexable where pg_trgm may be installed (it is a
-- trusted extension, so a database owner can create it). Without it the search is still correct.
DO $body$
BEGIN
    BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
    EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'pg_trgm is not available (%); title search will not be indexed', SQLERRM;
    END;
    IF EXISTS (SELECT FROM pg_extension WHERE extname = 'pg_trgm') THEN
        EXECUTE 'CREATE INDEX IF NOT EXISTS ix_catalog_sessions_name_trgm ON catalog_sessions USING gin (name gin_trgm_ops)';
        EXECUTE 'CREATE INDEX IF NOT EXISTS ix_catalog_rooms_title_trgm ON catalog_rooms USING gin (title gin_trgm_ops)';
    END IF;
END
$body$;
