package io.docketsync.contracts;

/**
 * On {@link Topics#MAILBOX_OPS}, keyed by firm id + user id ({@link UserKey#kafkaKey()}): one planned write to one mailbox, the unit of retry.
 * {@code opId} is stable for the same (activity version, user, op) so a replay is recognised.
 * {@code unlessChangeKey} (added later; absent = null): write only if the event no longer holds that change —
 * the Outlook edit this version came from. Usually it still does and nothing is sent; but a write of ours
 * planned before that edit was read may have landed on top of it meanwhile, and then this version restores it.
 */
public record MailboxOp(String opId, OpType op, String userId, String mailbox, String activityId,
        long activityVersion, String eventId, EventContent content, String responseStatus, String jobId,
        LinkRole role, String unlessChangeKey) {
    public static final String TYPE = "io.docketsync.sync.mailbox-op.v1";

    public MailboxOp(String opId, OpType op, String userId, String mailbox, String activityId, long activityVersion,
            String eventId, EventContent content, String responseStatus, String jobId, LinkRole role) {
        this(opId, op, userId, mailbox, activityId, activityVersion, eventId, content, responseStatus, jobId, role,
                null);
    }

    public enum OpType { CREATE, UPDATE, DELETE, RESPOND }

    /** COPY: a private copy in the user's calendar; ORGANIZER: a meeting sent from the user's calendar. */
    public enum LinkRole { COPY, ORGANIZER }
}
