-- Issue 15: When Deleting and When Editing are settings administrators adjust (DESIGN.md section 3); existing firms
-- keep the seed's rules, the defaults.
ALTER TABLE firm ADD COLUMN when_deleting TEXT NOT NULL DEFAULT 'REMOVE_FROM_SCHEDULED_FOR'
    CHECK (when_deleting IN ('REMOVE_FROM_SCHEDULED_FOR', 'RESTORE_EVENT'));
ALTER TABLE firm ADD COLUMN when_editing TEXT NOT NULL DEFAULT 'CREATE_EDITED_COPY'
    CHECK (when_editing IN ('CREATE_EDITED_COPY', 'RESTORE_EVENT'));
