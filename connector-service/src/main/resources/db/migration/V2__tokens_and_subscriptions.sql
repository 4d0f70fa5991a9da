-- Issue 5: the Connect flow's pending requests, each user's tokens (sealed, never in clear) and their Graph
-- change-notification subscription. Tokens and OAuth secrets are AES-256-GCM sealed values
-- "v1.<key id>.<base64url>" (TokenCipher); state and clientState are kept only as SHA-256 hashes.

-- A started Connect flow, until its callback (single use) or its expiry.
CREATE TABLE authorization_request (
    state_hash    TEXT PRIMARY KEY,
    user_id       TEXT        NOT NULL,
    firm_id       TEXT        NOT NULL,
    code_verifier TEXT        NOT NULL,
    expires_at    TIMESTAMPTZ NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX authorization_request_expiry ON authorization_request (expires_at);

-- A connected user's tokens. The connection row is the per-user lock (SELECT ... FOR UPDATE) that keeps
-- refreshes one at a time.
CREATE TABLE credential (
    user_id           TEXT PRIMARY KEY REFERENCES connection (user_id) ON DELETE CASCADE,
    refresh_token     TEXT        NOT NULL,
    access_token      TEXT        NOT NULL,
    access_expires_at TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The user's subscription to their events (one per user). pending_action is work a lifecycle notification
-- asked for; next_attempt_at holds back a subscription whose last attempt failed.
CREATE TABLE graph_subscription (
    user_id           TEXT PRIMARY KEY REFERENCES connection (user_id) ON DELETE CASCADE,
    subscription_id   TEXT        NOT NULL UNIQUE,
    client_state_hash TEXT        NOT NULL,
    resource          TEXT        NOT NULL,
    expires_at        TIMESTAMPTZ NOT NULL,
    pending_action    TEXT CHECK (pending_action IN ('REAUTHORIZE', 'RECREATE')),
    next_attempt_at   TIMESTAMPTZ,
    renewals          INT         NOT NULL DEFAULT 0,
    last_error        TEXT,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX graph_subscription_due ON graph_subscription (expires_at);
