-- Push-my-calendar and import jobs: progress as the worker counts it.
CREATE TABLE sync_job (
    job_id     TEXT PRIMARY KEY,
    kind       TEXT        NOT NULL,
    user_id    TEXT        NOT NULL,
    firm_id    TEXT        NOT NULL,
    total      INT         NOT NULL DEFAULT 0,
    done       INT         NOT NULL DEFAULT 0,
    failed     INT         NOT NULL DEFAULT 0,
    state      TEXT        NOT NULL,
    last_error TEXT,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
