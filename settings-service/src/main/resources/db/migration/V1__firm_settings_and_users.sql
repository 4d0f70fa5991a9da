CREATE TABLE firm (
    firm_id                      TEXT PRIMARY KEY,
    always_push_appointments     BOOLEAN     NOT NULL DEFAULT TRUE,
    always_push_tasks            BOOLEAN     NOT NULL DEFAULT FALSE,
    use_organizer_for_activities BOOLEAN     NOT NULL DEFAULT FALSE,
    create_new_from_office       BOOLEAN     NOT NULL DEFAULT FALSE,
    create_new_prefix            TEXT        NOT NULL DEFAULT '',
    version                      BIGINT      NOT NULL DEFAULT 0,
    updated_at                   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_by                   TEXT
);

CREATE TABLE firm_user (
    firm_id           TEXT    NOT NULL REFERENCES firm (firm_id),
    user_id           TEXT    NOT NULL,
    display_name      TEXT    NOT NULL,
    email             TEXT    NOT NULL,
    admin             BOOLEAN NOT NULL DEFAULT FALSE,
    edit_permission   TEXT    NOT NULL DEFAULT 'OWN' CHECK (edit_permission IN ('ANY', 'OWN', 'NONE')),
    delete_permission TEXT    NOT NULL DEFAULT 'OWN' CHECK (delete_permission IN ('ANY', 'OWN', 'NONE')),
    active            BOOLEAN NOT NULL DEFAULT TRUE,
    PRIMARY KEY (firm_id, user_id)
);
