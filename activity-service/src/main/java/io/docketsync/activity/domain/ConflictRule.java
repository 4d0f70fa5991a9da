package io.docketsync.activity.domain;

import java.time.Instant;

/** Concurrent edits on both sides: the later modification wins (DESIGN.md section 3). */
public final class ConflictRule {
    private ConflictRule() {
    }

    /**
     * Whether an Office 365 change modified at {@code officeModifiedAt} is applied over the activity last
     * changed in the application at {@code lastAppModifiedAt}. A tie goes to Office 365: it arrived later.
     */
    public static boolean officeChangeWins(Instant officeModifiedAt, Instant lastAppModifiedAt) {
        if (lastAppModifiedAt == null || officeModifiedAt == null) {
            return true;
        }
        return !officeModifiedAt.isBefore(lastAppModifiedAt);
    }
}
