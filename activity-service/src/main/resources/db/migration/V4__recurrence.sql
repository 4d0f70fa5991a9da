-- Issue 17: recurring activities. A series is an appointment with a recurrence (Graph's patternedRecurrence as JSON,
-- null for a single activity) and its changed or cancelled occurrences (a JSON array of exceptions keyed by original
-- start). span_start/span_end of a series cover its first start to its last occurrence's end (3000-01-01 when it
-- never ends), so GET /activities?from=&to= finds it by the same index and expands it.
ALTER TABLE activity
    ADD COLUMN recurrence TEXT,
    ADD COLUMN exceptions TEXT NOT NULL DEFAULT '[]';
CREATE INDEX activity_series_by_firm ON activity (firm_id) WHERE recurrence IS NOT NULL AND NOT deleted;
