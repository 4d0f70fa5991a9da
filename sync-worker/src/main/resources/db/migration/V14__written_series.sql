-- A series' occurrences are judged against what the worker last wrote to that mailbox (the series' content as of
-- pushed_version, JSON), not against the activity's latest version, which may not be written there yet or ever
-- (a version made from that user's own Outlook is not written back). NULL: not a series, or written before this.
ALTER TABLE event_link ADD COLUMN written_series TEXT;
ALTER TABLE retired_link ADD COLUMN written_series TEXT;
