package io.docketsync.activity.domain;

import io.docketsync.contracts.SyncState;
import java.time.Instant;
import java.util.Optional;

/**
 * What this service keeps of other services' state (settings, connections, sync statuses, job progress, settings
 * applied): each record is kept when it is not older than what is kept, so redelivery and reordering across restarts
 * are harmless. No I/O.
 */
public final class Projections {
    private Projections() {
    }

    /**
     * Whether a state reported at {@code at} replaces the one kept, reported at {@code keptAt} (null: none kept).
     * The same moment again replaces it (a redelivery writes the same).
     */
    public static boolean replaces(Instant keptAt, Instant at) {
        return keptAt == null || !keptAt.isAfter(at);
    }

    /** A firm's settings (the whole firm per record): an older version changes nothing, the same one rewrites. */
    public static boolean settingsReplace(Long keptVersion, long version) {
        return keptVersion == null || keptVersion <= version;
    }

    /** The settings version another service applied: only ever forward. */
    public static boolean advances(Long keptVersion, long version) {
        return keptVersion == null || keptVersion < version;
    }

    /** A line of an activity's history about a user's sync: {@code failed} lines carry the failure's reason. */
    public record SyncHistoryLine(String action, boolean failed, String detail) {
    }

    /**
     * A user's sync failing, and their sync working again after a failure, are lines of the activity's history (the
     * status itself keeps only the latest): what went wrong stays visible after it is fixed. A failure reported again
     * is no new line.
     */
    public static Optional<SyncHistoryLine> syncHistory(SyncState before, SyncState now, String reason) {
        if (now == SyncState.FAILED && before != SyncState.FAILED) {
            return Optional.of(new SyncHistoryLine("SYNC_FAILED", true, reason));
        }
        if (before == SyncState.FAILED && now == SyncState.LINKED) {
            return Optional.of(new SyncHistoryLine("SYNC_RECOVERED", false, "in the user's calendar again"));
        }
        return Optional.empty();
    }
}
