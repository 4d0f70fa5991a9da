-- when the worker took each activity's latest change: a user's connection replans what changed since they connected
-- (the connection's event may reach the worker after changes the user made right after connecting)
ALTER TABLE activity_projection ADD COLUMN received_at TIMESTAMPTZ;
CREATE INDEX activity_projection_by_firm_received ON activity_projection (firm_id, received_at);
