-- Wakes the relays: every statement that inserts outbox rows notifies the channel 'outbox_event'. PostgreSQL
-- delivers the notification when (only when) the inserting transaction commits, and folds identical
-- notifications of one transaction into one, so a save costs no statement more than its INSERT.
CREATE FUNCTION outbox_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('outbox_event', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER outbox_event_notify AFTER INSERT ON outbox_event
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_notify();
