-- The outbound webhook outbox. Events are written by the PostgreSQL grain storage in the same statement as the grain
-- state they are derived from (a session's or recording's transition), ON CONFLICT (id) DO NOTHING: the id is
-- derived from what happened, so each transition is one row, never without its state. payload is the body sent to
-- receivers, kept as json (not jsonb) so its bytes are exactly the ones derived and signed. expanded: the dispatcher
-- has made this event's deliveries.
CREATE TABLE IF NOT EXISTS roomcast_webhook_events
(
    id          text        NOT NULL PRIMARY KEY,
    library_id  uuid        NOT NULL,
    type        text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    payload     json        NOT NULL,
    expanded    boolean     NOT NULL DEFAULT false
);

CREATE INDEX IF NOT EXISTS ix_roomcast_webhook_events_unexpanded ON roomcast_webhook_events (occurred_at, id) WHERE NOT expanded;

-- One delivery per endpoint and event. status: pending, delivered, failed (retrying), dead (gave up).
CREATE TABLE IF NOT EXISTS roomcast_webhook_deliveries
(
    id               uuid        NOT NULL PRIMARY KEY,
    endpoint_id      uuid        NOT NULL,
    event_id         text        NOT NULL REFERENCES roomcast_webhook_events (id),
    library_id       uuid        NOT NULL,
    status           text        NOT NULL,
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    last_status_code integer     NULL,
    last_error       text        NULL,
    last_attempt_at  timestamptz NULL,
    created_at       timestamptz NOT NULL,
    UNIQUE (endpoint_id, event_id)
);

CREATE INDEX IF NOT EXISTS ix_roomcast_webhook_deliveries_due ON roomcast_webhook_deliveries (next_attempt_at) WHERE status IN ('pending', 'failed');
CREATE INDEX IF NOT EXISTS ix_roomcast_webhook_deliveries_endpoint ON roomcast_webhook_deliveries (endpoint_id, created_at DESC, id DESC);
