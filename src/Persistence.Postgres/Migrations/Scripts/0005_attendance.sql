-- The attendance log (IAttendanceLog): one row per person per session, however often they join. open_since is
-- set while they are present; watched_ms sums their closed visits. The first join is also kept as .NET ticks so
-- that ordering and keyset cursors are exactly those of CatalogCursor, as in the catalog tables.
CREATE TABLE IF NOT EXISTS roomcast_attendance
(
    session_id         uuid        NOT NULL,
    user_id            uuid        NOT NULL,
    display_name       text        NOT NULL,
    role               smallint    NOT NULL,
    first_joined_ticks bigint      NOT NULL,
    first_joined_at    timestamptz NOT NULL,
    last_seen_at       timestamptz NOT NULL,
    open_since         timestamptz NULL,
    last_left_at       timestamptz NULL,
    watched_ms         bigint      NOT NULL DEFAULT 0,
    visits             integer     NOT NULL DEFAULT 1,
    PRIMARY KEY (session_id, user_id)
);

CREATE INDEX IF NOT EXISTS ix_roomcast_attendance_joined
    ON roomcast_attendance (session_id, first_joined_ticks DESC, user_id DESC);
CREATE INDEX IF NOT EXISTS ix_roomcast_attendance_open
    ON roomcast_attendance (session_id) WHERE open_since IS NOT NULL;
