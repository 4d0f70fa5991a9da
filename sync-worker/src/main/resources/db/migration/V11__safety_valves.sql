-- Issue 18: safety valves.

-- A linked deletion from Outlook beyond the firm's threshold (massDeleteThreshold in massDeleteWindowMinutes) is held
-- here instead of applied, until an administrator (or the user, for their own activities) applies or rejects it.
-- The worker's own state: a restart loses none. One row per deleted event (id from firm, user and event).
CREATE TABLE held_deletion (
    id          TEXT        PRIMARY KEY,
    firm_id     TEXT        NOT NULL,
    user_id     TEXT        NOT NULL,
    mailbox     TEXT,
    activity_id TEXT        NOT NULL,
    event_id    TEXT        NOT NULL,
    role        TEXT        NOT NULL CHECK (role IN ('COPY', 'ORGANIZER', 'ATTENDEE')),
    -- what the inbound rules decided and the hold kept from happening
    kind        TEXT        NOT NULL CHECK (kind IN ('DELETE_ACTIVITY', 'REMOVE_USER')),
    reason      TEXT,
    held_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    state       TEXT        NOT NULL DEFAULT 'HELD' CHECK (state IN ('HELD', 'APPLIED', 'REJECTED')),
    decided_by  TEXT,
    decided_at  TIMESTAMPTZ
);
CREATE INDEX held_deletion_by_user ON held_deletion (firm_id, user_id, state);
CREATE INDEX held_deletion_held ON held_deletion (firm_id, state, held_at);

-- Linked deletions from Outlook that were applied, per mailbox: what the threshold counts within its window.
CREATE TABLE applied_deletion (
    id         TEXT        PRIMARY KEY, -- from firm, user and event: a deletion notified twice counts once
    firm_id    TEXT        NOT NULL,
    user_id    TEXT        NOT NULL,
    event_id   TEXT        NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX applied_deletion_window ON applied_deletion (firm_id, user_id, applied_at);

-- The hold as the user's connection shows it: how many deletions wait for a decision, and since when.
ALTER TABLE mailbox_connection ADD COLUMN held_deletions INT NOT NULL DEFAULT 0;
ALTER TABLE mailbox_connection ADD COLUMN hold_since TIMESTAMPTZ;

-- Links to a mailbox the user no longer uses (they connected another one): kept aside, their events left alone, and
-- made links again if that mailbox is connected again (so its events are updated, never made twice).
CREATE TABLE retired_link (
    activity_id    TEXT        NOT NULL,
    user_id        TEXT        NOT NULL,
    role           TEXT        NOT NULL,
    firm_id        TEXT        NOT NULL,
    mailbox        TEXT        NOT NULL,
    event_id       TEXT        NOT NULL,
    ical_uid       TEXT,
    change_key     TEXT,
    pushed_version BIGINT      NOT NULL DEFAULT 0,
    retired_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (firm_id, user_id, mailbox, activity_id, role)
);
