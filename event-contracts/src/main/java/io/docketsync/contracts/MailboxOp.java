package io.docketsync.contracts;

/**
 * On {@link Topics#MAILBOX_OPS}, keyed by user id: one planned write to one mailbox, the unit of retry.
 * {@code opId} is stable for the same (activity version, user, op) so a replay is recognised.
 */
public record MailboxOp(String opId, OpType op, String userId, String mailbox, String activityId,
        long activityVersion, String eventId, EventContent content, String responseStatus, String jobId,
        LinkRole role) {
    public static final String TYPE = "io.docketsync.sync.mailbox-op.v1";

    public enum OpType { CREATE, UPDATE, DELETE, RESPOND }

    /** COPY: a private copy in the user's calendar; ORGANIZER: a meeting sent from the user's calendar. */
    public enum LinkRole { COPY, ORGANIZER }
}
