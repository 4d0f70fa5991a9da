-- Issue 13: a user id is unique only inside its firm (DESIGN.md section 1). Connections, credentials and
-- subscriptions were keyed by user id alone, so a user "alice" of another firm found, replaced and disconnected this
-- firm's alice. They are keyed by (firm_id, user_id) now. Every existing row keeps its firm (the connection always
-- had one), so no connection is lost by the upgrade.
ALTER TABLE credential DROP CONSTRAINT credential_user_id_fkey;
ALTER TABLE graph_subscription DROP CONSTRAINT graph_subscription_user_id_fkey;

ALTER TABLE credential ADD COLUMN firm_id TEXT;
UPDATE credential cr SET firm_id = c.firm_id FROM connection c WHERE c.user_id = cr.user_id;
ALTER TABLE credential ALTER COLUMN firm_id SET NOT NULL;

ALTER TABLE graph_subscription ADD COLUMN firm_id TEXT;
UPDATE graph_subscription s SET firm_id = c.firm_id FROM connection c WHERE c.user_id = s.user_id;
ALTER TABLE graph_subscription ALTER COLUMN firm_id SET NOT NULL;

ALTER TABLE connection DROP CONSTRAINT connection_pkey;
ALTER TABLE connection ADD PRIMARY KEY (firm_id, user_id);

ALTER TABLE credential DROP CONSTRAINT credential_pkey;
ALTER TABLE credential ADD PRIMARY KEY (firm_id, user_id);
ALTER TABLE credential ADD FOREIGN KEY (firm_id, user_id) REFERENCES connection (firm_id, user_id) ON DELETE CASCADE;

ALTER TABLE graph_subscription DROP CONSTRAINT graph_subscription_pkey;
ALTER TABLE graph_subscription ADD PRIMARY KEY (firm_id, user_id);
ALTER TABLE graph_subscription ADD FOREIGN KEY (firm_id, user_id) REFERENCES connection (firm_id, user_id)
    ON DELETE CASCADE;
