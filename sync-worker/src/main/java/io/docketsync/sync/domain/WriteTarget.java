package io.docketsync.sync.domain;

import io.docketsync.contracts.MailboxOp;

/**
 * What a planned op does once the writer looks at the link it holds <em>now</em>. Plans are made when an activity
 * changes, writes happen later: an activity created and edited at once is planned as two creates, and one deleted
 * before its create was written is planned with no event to delete. Resolving at write time keeps one event per
 * activity, user and role whatever the timing.
 *
 * @param action  what to send to Graph, or SKIP, or HELD (nothing to send: the event holds the op's version already)
 * @param eventId the event to update or delete, or that holds the version (null for CREATE and SKIP)
 */
public record WriteTarget(Action action, String eventId) {
    public enum Action {
        CREATE, UPDATE, DELETE, SKIP, HELD;

        /** Nothing is sent to Graph for the op. */
        public boolean sendsNothing() {
            return this == SKIP || this == HELD;
        }
    }

    /**
     * The link the writer holds for the op's (activity, user, role): its event, the version last written and the
     * change key last known of the event (ours, or the Outlook edit last judged).
     */
    public record CurrentLink(String eventId, long pushedVersion, String changeKey) {
        public CurrentLink(String eventId, long pushedVersion) {
            this(eventId, pushedVersion, null);
        }
    }

    static final WriteTarget SKIP = new WriteTarget(Action.SKIP, null);

    /**
     * @param link the link recorded now, or null when the mailbox holds no event of ours for the op
     */
    public static WriteTarget resolve(MailboxOp op, CurrentLink link) {
        // an op planned before a newer version was written would put old content back
        if (link != null && op.activityVersion() < link.pushedVersion()) {
            return SKIP;
        }
        // a create of a version the event already holds (a job's copy of a planned op, a replay): nothing to send
        if (link != null && op.op() == MailboxOp.OpType.CREATE && op.activityVersion() == link.pushedVersion()) {
            return SKIP;
        }
        // the version came from this very event's Outlook edit, which nothing of ours has overwritten since
        if (link != null && op.unlessChangeKey() != null && op.unlessChangeKey().equals(link.changeKey())) {
            return new WriteTarget(Action.HELD, link.eventId());
        }
        return switch (op.op()) {
            case CREATE, UPDATE -> link != null ? new WriteTarget(Action.UPDATE, link.eventId())
                    // no event any more: ops of a mailbox are written in the order they were planned, so what
                    // removed it was planned earlier (the user taken off Scheduled For, or push unticked, then
                    // undone): this version wants the event, so it is made again. Only the update a version made
                    // from this mailbox's own Outlook edit is not: there the user deleted the event since.
                    : op.unlessChangeKey() == null ? new WriteTarget(Action.CREATE, null) : SKIP;
            case DELETE -> link != null ? new WriteTarget(Action.DELETE, link.eventId())
                    : op.eventId() != null ? new WriteTarget(Action.DELETE, op.eventId()) : SKIP;
            case RESPOND -> SKIP; // never planned: responses are the attendee's own, made in Outlook
        };
    }
}
