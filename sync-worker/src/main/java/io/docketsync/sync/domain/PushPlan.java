package io.docketsync.sync.domain;

import io.docketsync.contracts.MailboxOp;
import java.util.List;

/** What one activity change means for the mailboxes: the writes to make, and who has to wait and why. */
public record PushPlan(List<MailboxOp> ops, List<Pending> pending) {
    public record Pending(String userId, String reason) {
    }
}
