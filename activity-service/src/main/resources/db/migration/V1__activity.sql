CREATE TABLE activity (
    id              TEXT PRIMARY KEY,
    firm_id         TEXT        NOT NULL,
    kind            TEXT        NOT NULL CHECK (kind IN ('APPOINTMENT', 'TASK')),
    subject         TEXT        NOT NULL,
    body            TEXT,
    location        TEXT,
    start_at        TIMESTAMP,
    end_at          TIMESTAMP,
    all_day         BOOLEAN     NOT NULL DEFAULT FALSE,
    due_date        DATE,
    due_time        TIME,
    time_zone       TEXT        NOT NULL,
    scheduled_for   TEXT        NOT NULL,
    organizer_id    TEXT,
    created_by      TEXT        NOT NULL,
    push_to_office  BOOLEAN     NOT NULL,
    version         BIGINT      NOT NULL DEFAULT 0,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX activity_by_firm ON activity (firm_id);

-- settings.changes.v1, as far as this service needs it: the firm's push defaults
CREATE TABLE firm_settings (
    firm_id                  TEXT PRIMARY KEY,
    always_push_appointments BOOLEAN NOT NULL,
    always_push_tasks        BOOLEAN NOT NULL,
    version                  BIGINT  NOT NULL
);
