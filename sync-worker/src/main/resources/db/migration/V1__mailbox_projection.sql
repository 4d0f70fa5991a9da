-- The worker's view of connections.v1: which users have a mailbox it may write to.
CREATE TABLE mailbox_connection (
    user_id    TEXT PRIMARY KEY,
    firm_id    TEXT        NOT NULL,
    state      TEXT        NOT NULL,
    mailbox    TEXT,
    since      TIMESTAMPTZ,
    last_error TEXT,
    event_id   TEXT        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
