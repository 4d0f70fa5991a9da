-- Issue 18: the deletion-burst safety valve. More linked deletions from one mailbox than mass_delete_threshold within
-- mass_delete_window_minutes are held for a decision instead of applied (0: no valve). Existing firms get the defaults.
ALTER TABLE firm ADD COLUMN mass_delete_threshold INTEGER NOT NULL DEFAULT 20
    CHECK (mass_delete_threshold BETWEEN 0 AND 10000);
ALTER TABLE firm ADD COLUMN mass_delete_window_minutes INTEGER NOT NULL DEFAULT 10
    CHECK (mass_delete_window_minutes BETWEEN 1 AND 1440);
