-- Users an activity could not be written to yet (not connected, connection expired): replayed when they connect.
CREATE TABLE pending_write (
    activity_id TEXT        NOT NULL,
    user_id     TEXT        NOT NULL,
    reason      TEXT        NOT NULL,
    since       TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (activity_id, user_id)
);
CREATE INDEX pending_write_by_user ON pending_write (user_id);
