package io.docketsync.sync.domain;

import io.docketsync.contracts.MailboxOp;
import io.docketsync.contracts.SyncState;
import java.util.List;

/** What one activity change means for the mailboxes: the writes to make, and who has to wait and why. */
public record PushPlan(List<MailboxOp> ops, List<Pending> pending) {
    /** @param replayOnReconnect the user was connected and must re-authorise: the write waits for them. Users who
     * never connected (or disconnected) get their calendar with "Push my calendar to 365" instead. */
    public record Pending(String userId, String reason, boolean replayOnReconnect, SyncState state) {
        public Pending(String userId, String reason, boolean replayOnReconnect) {
            this(userId, reason, replayOnReconnect, SyncState.PENDING);
        }
    }
}
