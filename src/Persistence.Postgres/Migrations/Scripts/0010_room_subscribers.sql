-- The room subscriber log (IRoomSubscriberLog): one row per person who asked to be reminded of a room's sessions.
-- The primary key serves the fan-out's keyset reads (room, then user ids in uuid order) as well as the lookups.
CREATE TABLE IF NOT EXISTS roomcast_room_subscribers
(
    room_id       uuid        NOT NULL,
    user_id       uuid        NOT NULL,
    subscribed_at timestamptz NOT NULL,
    PRIMARY KEY (room_id, user_id)
);
