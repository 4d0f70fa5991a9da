-- Soft delete (a deleted activity stays for its history and for late commands), the time of the last change
-- made in the application (conflict choice), meeting responses per user, and the wall-clock span used to list
-- activities by date range (tasks occupy their due day or 30 minutes).
ALTER TABLE activity
    ADD COLUMN deleted         BOOLEAN     NOT NULL DEFAULT FALSE,
    ADD COLUMN app_modified_at TIMESTAMPTZ,
    ADD COLUMN responses       TEXT        NOT NULL DEFAULT '{}',
    ADD COLUMN span_start      TIMESTAMP,
    ADD COLUMN span_end        TIMESTAMP;
UPDATE activity SET span_start = COALESCE(start_at, due_date + COALESCE(due_time, TIME '00:00')),
                    span_end   = COALESCE(end_at, due_date + COALESCE(due_time, TIME '00:00') + INTERVAL '1 day');
ALTER TABLE activity ALTER COLUMN span_start SET NOT NULL, ALTER COLUMN span_end SET NOT NULL;
CREATE INDEX activity_by_firm_span ON activity (firm_id, span_start) WHERE NOT deleted;

-- settings.changes.v1: the firm's users and their permissions (replaced whole with each firm version)
CREATE TABLE firm_user (
    id                TEXT PRIMARY KEY, -- firm_id/user_id
    firm_id           TEXT    NOT NULL,
    user_id           TEXT    NOT NULL,
    display_name      TEXT,
    email             TEXT,
    admin             BOOLEAN NOT NULL,
    edit_permission   TEXT    NOT NULL,
    delete_permission TEXT    NOT NULL,
    active            BOOLEAN NOT NULL
);
CREATE INDEX firm_user_by_firm ON firm_user (firm_id);

-- connections.v1: each user's Office 365 connection (the green check)
CREATE TABLE user_connection (
    id         TEXT PRIMARY KEY, -- firm_id/user_id
    firm_id    TEXT        NOT NULL,
    user_id    TEXT        NOT NULL,
    state      TEXT        NOT NULL,
    mailbox    TEXT,
    since      TIMESTAMPTZ NOT NULL,
    last_error TEXT
);
CREATE INDEX user_connection_by_firm ON user_connection (firm_id);

-- sync.status.v1: each Scheduled For user's sync state of an activity
CREATE TABLE sync_status (
    id               TEXT PRIMARY KEY, -- activity_id/user_id
    activity_id      TEXT        NOT NULL,
    user_id          TEXT        NOT NULL,
    state            TEXT        NOT NULL,
    reason           TEXT,
    activity_version BIGINT      NOT NULL,
    at               TIMESTAMPTZ NOT NULL
);
CREATE INDEX sync_status_by_activity ON sync_status (activity_id);

-- activity.commands.v1 already applied: a command read twice is applied once
CREATE TABLE processed_command (
    command_id   TEXT PRIMARY KEY,
    processed_at TIMESTAMPTZ NOT NULL
);

-- What happened to an activity, from the application and from Office 365, including overwritten conflicts
CREATE TABLE activity_history (
    id          BIGSERIAL PRIMARY KEY,
    activity_id TEXT        NOT NULL,
    firm_id     TEXT        NOT NULL,
    at          TIMESTAMPTZ NOT NULL,
    source      TEXT        NOT NULL,
    user_id     TEXT,
    mailbox     TEXT,
    action      TEXT        NOT NULL,
    outcome     TEXT        NOT NULL,
    detail      TEXT,
    version     BIGINT
);
CREATE INDEX activity_history_by_activity ON activity_history (activity_id, id);

-- Push-my-calendar and import jobs accepted for a user; progress comes from sync.status.v1
CREATE TABLE sync_job (
    id           TEXT PRIMARY KEY,
    firm_id      TEXT        NOT NULL,
    user_id      TEXT        NOT NULL,
    kind         TEXT        NOT NULL,
    from_date    DATE,
    to_date      DATE,
    prefix       TEXT,
    state        TEXT        NOT NULL,
    total        INT         NOT NULL DEFAULT 0,
    done         INT         NOT NULL DEFAULT 0,
    failed       INT         NOT NULL DEFAULT 0,
    last_error   TEXT,
    requested_at TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);
