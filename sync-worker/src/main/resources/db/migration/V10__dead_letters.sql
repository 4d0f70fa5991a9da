-- Every record of a <topic>.dlq, whoever dead-lettered it (DESIGN.md section 2: nothing is dropped in silence).
-- Operators list them and replay them to their topic; a dead letter is recorded once per DLQ record (its id comes
-- from the DLQ topic, partition and offset) and replayed at most once: a replay that fails again is a new record.
CREATE TABLE dead_letter (
    id            TEXT        PRIMARY KEY,
    topic         TEXT        NOT NULL, -- the topic whose record could not be processed (and where a replay goes)
    dlq_topic     TEXT        NOT NULL,
    dlq_partition INT         NOT NULL,
    dlq_offset    BIGINT      NOT NULL,
    message_key   TEXT,
    reason        TEXT        NOT NULL,
    payload       TEXT,
    -- whom it concerns, as far as the record says (a notification's activity is its event's link's)
    firm_id       TEXT,
    activity_id   TEXT,
    user_id       TEXT,
    event_id      TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    replayed_at   TIMESTAMPTZ,
    -- when what it concerned was processed successfully after all (a replay, or a later notification of that event)
    resolved_at   TIMESTAMPTZ,
    UNIQUE (dlq_topic, dlq_partition, dlq_offset)
);
CREATE INDEX dead_letter_by_topic ON dead_letter (topic, created_at);
-- every processed notification asks whether its event has an unresolved dead letter: only those are indexed
CREATE INDEX dead_letter_unresolved_event ON dead_letter (firm_id, user_id, event_id) WHERE resolved_at IS NULL;
