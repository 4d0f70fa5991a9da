package io.docketsync.sync.domain;

import io.docketsync.contracts.MailboxOp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Splits a mailbox's ops, in their order, into waves that may be written together: a wave holds at most one op per
 * event (activity, user, role), so requests in one {@code $batch} (which Graph may run in any order) never touch
 * the same event, and a later op on an event waits for the wave before it, whose result it builds on.
 */
public final class WriteWaves {
    private WriteWaves() {
    }

    public record Split(List<MailboxOp> wave, List<MailboxOp> rest) {
    }

    public static Split next(List<MailboxOp> ops) {
        List<MailboxOp> wave = new ArrayList<>();
        List<MailboxOp> rest = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (MailboxOp op : ops) {
            // `seen` also holds events deferred to `rest`, so an op never overtakes an earlier one on its event
            (seen.add(eventKey(op)) ? wave : rest).add(op);
        }
        return new Split(wave, rest);
    }

    public static String eventKey(MailboxOp op) {
        MailboxOp.LinkRole role = op.role() == null ? MailboxOp.LinkRole.COPY : op.role();
        return op.activityId() + "|" + op.userId() + "|" + role;
    }
}
