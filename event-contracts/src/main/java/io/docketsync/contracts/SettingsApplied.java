package io.docketsync.contracts;

import java.time.Instant;

/**
 * On {@link Topics#SYNC_STATUS}, keyed by firm id: the sync-worker plans with this version of the firm's Office 365
 * settings from now on. With activity-service's own applied version (GET /me), a front end knows when a settings
 * change is in effect everywhere.
 */
public record SettingsApplied(String firmId, long version, Instant at) {
    public static final String TYPE = "io.docketsync.sync.settings-applied.v1";
}
