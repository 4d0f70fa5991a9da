-- The outbox's notification names the lanes of the rows a statement inserted, as a bit mask (bit l for lane l; the
-- lane is OutboxRelay's: (hashtext(message_key) & 2147483647) % 16), so a relay wakes only the workers that publish
-- those lanes; with V0_2's empty payload every worker made a round for every commit, all but one of them empty.
-- Repeatable: Flyway applies it after the versioned migrations of any service's database, whatever their versions.
CREATE OR REPLACE FUNCTION outbox_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    lanes integer;
BEGIN
    SELECT bit_or(1 << ((hashtext(message_key) & 2147483647) % 16)) INTO lanes FROM inserted;
    IF lanes IS NOT NULL THEN
        PERFORM pg_notify('outbox_event', lanes::text);
    END IF;
    RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS outbox_event_notify ON outbox_event;
CREATE TRIGGER outbox_event_notify AFTER INSERT ON outbox_event REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_notify();
