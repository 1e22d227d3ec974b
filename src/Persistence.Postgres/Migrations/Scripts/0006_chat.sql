-- The chat log (IChatLog): one append-only row per message. seq is the message's place in its session's one total
-- order, assigned by the session's chat grain; a deleted message keeps its row (and its seq) with deleted_at set, so
-- that numbering continues past it after a re-activation.
CREATE TABLE IF NOT EXISTS roomcast_chat_messages
(
    session_id   uuid        NOT NULL,
    seq          bigint      NOT NULL,
    message_id   uuid        NOT NULL,
    user_id      uuid        NOT NULL,
    display_name text        NOT NULL,
    text         text        NOT NULL,
    sent_at      timestamptz NOT NULL,
    deleted_at   timestamptz NULL,
    deleted_by   uuid        NULL,
    PRIMARY KEY (session_id, seq),
    CONSTRAINT uq_roomcast_chat_messages_id UNIQUE (message_id)
);

-- History pages walk the messages not deleted, newest first.
CREATE INDEX IF NOT EXISTS ix_roomcast_chat_messages_visible
    ON roomcast_chat_messages (session_id, seq DESC) WHERE deleted_at IS NULL;
