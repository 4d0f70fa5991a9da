-- What the planner needs, kept from the topics the worker consumes (it never reads another service's database).

-- settings.changes.v1: the firm's Office 365 settings and users (with e-mail and permissions), latest version
CREATE TABLE firm_projection (
    firm_id  TEXT PRIMARY KEY,
    version  BIGINT NOT NULL,
    settings TEXT   NOT NULL,
    users    TEXT   NOT NULL
);

-- activity.changes.v1: the latest snapshot of every activity, so inbound rules and replays have it
CREATE TABLE activity_projection (
    activity_id     TEXT PRIMARY KEY,
    firm_id         TEXT        NOT NULL,
    version         BIGINT      NOT NULL,
    deleted         BOOLEAN     NOT NULL DEFAULT FALSE,
    snapshot        TEXT        NOT NULL,
    app_modified_at TIMESTAMPTZ
);

-- an activity's event in one mailbox
CREATE TABLE event_link (
    activity_id    TEXT        NOT NULL,
    user_id        TEXT        NOT NULL,
    role           TEXT        NOT NULL CHECK (role IN ('COPY', 'ORGANIZER', 'ATTENDEE')),
    mailbox        TEXT        NOT NULL,
    event_id       TEXT        NOT NULL,
    ical_uid       TEXT,
    change_key     TEXT,
    pushed_version BIGINT      NOT NULL DEFAULT 0,
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (activity_id, user_id, role)
);
CREATE UNIQUE INDEX event_link_by_event ON event_link (user_id, event_id);
CREATE INDEX event_link_by_ical ON event_link (ical_uid);

-- events already handled, so a replayed topic changes nothing
CREATE TABLE processed_event (
    event_id     TEXT PRIMARY KEY,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
