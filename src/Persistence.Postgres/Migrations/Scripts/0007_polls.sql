-- The poll vote log (IPollVoteLog): one row per voter per poll. The primary key is the rule "one vote per person
-- per poll": a vote is INSERT ... ON CONFLICT DO NOTHING, so a concurrent or retried one inserts nothing. The
-- option ids are the poll's own short ids ("o1".."o10"); the poll's definition lives in its grain's state.
CREATE TABLE IF NOT EXISTS roomcast_poll_votes
(
    poll_id    uuid        NOT NULL,
    user_id    uuid        NOT NULL,
    option_ids text[]      NOT NULL,
    voted_at   timestamptz NOT NULL,
    PRIMARY KEY (poll_id, user_id)
);
