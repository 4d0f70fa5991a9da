-- What the writer has just written (mailbox owner, event, the change key Graph answered), recorded as each $batch
-- answers, before the wave's links are: a notification of our own write is then known as its echo without reading
-- the event back (a Graph request less against the mailbox's budget) even while the wave still waits out throttling.
-- Rows are only needed until the links are recorded; the writer drops those older than an hour.
CREATE TABLE written_change (
    id         TEXT        PRIMARY KEY, -- user id | event id | change key
    written_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX written_change_by_age ON written_change (written_at);
