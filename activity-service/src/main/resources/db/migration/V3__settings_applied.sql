-- Issue 15: which version of a firm's settings the sync-worker plans with (sync.status.v1, SettingsApplied), so that
-- GET /me tells a front end when a settings change is in effect everywhere.
CREATE TABLE settings_applied (
    firm_id    TEXT        NOT NULL,
    consumer   TEXT        NOT NULL,
    version    BIGINT      NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (firm_id, consumer)
);
