-- When each expiring grain state (a sign-in, a one-time code) lapses, written with the state by the grain
-- storage; the expiry sweep deletes lapsed states with one reminder for the deployment instead of one per grain.
CREATE TABLE IF NOT EXISTS state_expiry
(
    service_id text        NOT NULL,
    grain_id   text        NOT NULL,
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (service_id, grain_id)
);

CREATE INDEX IF NOT EXISTS ix_state_expiry_due ON state_expiry (service_id, expires_at);
