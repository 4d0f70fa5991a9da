-- set just before the writer deletes the link's event, so the deletion's own notification is not taken for a user's
-- deletion in Outlook (which would delete the activity) when it is read before the writer has dropped the link
ALTER TABLE event_link ADD COLUMN deleting_since TIMESTAMPTZ;
