-- when two-way sync (Create New from Office) was turned on: events made in Outlook before then stay there
ALTER TABLE firm_projection ADD COLUMN create_new_since TIMESTAMPTZ;
