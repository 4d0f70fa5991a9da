-- One row per application user: their Office 365 connection. Tokens and subscriptions come with issue 5.
CREATE TABLE connection (
    user_id    TEXT PRIMARY KEY,
    firm_id    TEXT        NOT NULL,
    state      TEXT        NOT NULL CHECK (state IN ('CONNECTED', 'NEEDS_REAUTH', 'DISCONNECTED', 'REFUSED')),
    mailbox    TEXT,
    since      TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_error TEXT,
    version    BIGINT      NOT NULL DEFAULT 0
);
