-- Issue 13: a user id is unique only inside its firm (DESIGN.md section 1). Everything the worker keeps per user
-- names the firm too: mailbox connections and delta links are keyed by (firm_id, user_id); links and pending writes
-- carry the firm of their activity, and events are found by (firm_id, user_id, event_id).

ALTER TABLE mailbox_connection DROP CONSTRAINT mailbox_connection_pkey;
ALTER TABLE mailbox_connection ADD PRIMARY KEY (firm_id, user_id);

ALTER TABLE event_link ADD COLUMN firm_id TEXT;
UPDATE event_link l SET firm_id = a.firm_id FROM activity_projection a WHERE a.activity_id = l.activity_id;
UPDATE event_link l SET firm_id = m.firm_id FROM mailbox_connection m
    WHERE l.firm_id IS NULL AND m.user_id = l.user_id;
-- a link whose activity and user the worker never heard of cannot be attributed to a firm: it could only be wrong
DELETE FROM event_link WHERE firm_id IS NULL;
ALTER TABLE event_link ALTER COLUMN firm_id SET NOT NULL;
DROP INDEX event_link_by_event;
CREATE UNIQUE INDEX event_link_by_event ON event_link (firm_id, user_id, event_id);
DROP INDEX event_link_by_ical;
CREATE INDEX event_link_by_ical ON event_link (firm_id, ical_uid);

ALTER TABLE pending_write ADD COLUMN firm_id TEXT;
UPDATE pending_write w SET firm_id = a.firm_id FROM activity_projection a WHERE a.activity_id = w.activity_id;
DELETE FROM pending_write WHERE firm_id IS NULL;
ALTER TABLE pending_write ALTER COLUMN firm_id SET NOT NULL;
DROP INDEX pending_write_by_user;
CREATE INDEX pending_write_by_user ON pending_write (firm_id, user_id);

ALTER TABLE delta_link ADD COLUMN firm_id TEXT;
UPDATE delta_link d SET firm_id = m.firm_id FROM mailbox_connection m WHERE m.user_id = d.user_id;
-- without a firm the next repair starts a new baseline, which reconciles linked events only
DELETE FROM delta_link WHERE firm_id IS NULL;
ALTER TABLE delta_link ALTER COLUMN firm_id SET NOT NULL;
ALTER TABLE delta_link DROP CONSTRAINT delta_link_pkey;
ALTER TABLE delta_link ADD PRIMARY KEY (firm_id, user_id);

-- ids are "firm|user|event|change key" from now on; rows are only needed for minutes
DELETE FROM written_change;
