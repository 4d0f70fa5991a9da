package io.docketsync.contracts;

import java.time.Instant;

/** On {@link Topics#SYNC_STATUS}, keyed by activity id: one user's sync state for one activity. */
public record SyncStatusChanged(String activityId, String userId, SyncState state, String reason, String eventId,
        long activityVersion, Instant at) {
    public static final String TYPE = "io.docketsync.sync.status.v1";
}
