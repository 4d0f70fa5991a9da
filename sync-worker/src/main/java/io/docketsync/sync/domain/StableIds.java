package io.docketsync.sync.domain;

import io.docketsync.contracts.ActivityCommand;
import io.docketsync.contracts.MailboxOp;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The worker's deterministic ids, all of them: the same input always gives the same id, so a replay or a race makes
 * one thing. The seeds must never change: ids already in Kafka, Graph (transactionId) and our tables depend on them.
 */
public final class StableIds {
    private StableIds() {
    }

    /**
     * The activity made from an Office 365 event (Create New, Import, a restricted user's edited copy): the same
     * whether a notification, a delta repair or an import makes it, so they make one activity between them.
     */
    public static String activityFromEvent(String eventId) {
        return uuid("activity-from|" + eventId);
    }

    /** A mailbox op of a plan, per (activity version, user, op type, event): a replayed plan yields the same ops. */
    public static String op(String activityId, long version, String userId, MailboxOp.OpType type, String eventId) {
        return uuid(activityId + "|" + version + "|" + userId + "|" + type + "|" + eventId);
    }

    /** A command judged from a change of a user's event; {@code version} names the change (its change key). */
    public static String command(ActivityCommand.Type type, String userId, String eventId, String version) {
        return uuid(type + "|" + userId + "|" + eventId + "|" + version);
    }

    /** An attendee's answer to a meeting, per version of the meeting. */
    public static String responseCommand(String attendee, String eventId, String changeKey) {
        return uuid("SET_RESPONSE_STATUS|" + attendee + "|" + eventId + "|" + changeKey);
    }

    /** The command that imports one event for a user. */
    public static String importCommand(String userId, String eventId) {
        return uuid("import|" + userId + "|" + eventId);
    }

    /** A write of the activity's version restored over (or in place of) the user's event, per notification. */
    public static String restoreOp(String eventId, String notificationId) {
        return uuid("restore|" + eventId + "|" + notificationId);
    }

    /** A deletion from Outlook the deletion-burst valve held: one per firm, user and deleted event. */
    public static String heldDeletion(String firmId, String userId, String eventId) {
        return uuid("held|" + firmId + "|" + userId + "|" + eventId);
    }

    /** A deletion from Outlook applied and counted in the valve's window. */
    public static String appliedDeletion(String firmId, String userId, String eventId) {
        return uuid("applied|" + firmId + "|" + userId + "|" + eventId);
    }

    /** The command (apply) or write (reject) that carries out an administrator's decision about a held deletion. */
    public static String heldDecision(String heldId, String decision) {
        return uuid("held-decision|" + heldId + "|" + decision);
    }

    /** A job's own op for an op the plan made (the job counts it even if the plan's op was done already). */
    public static String jobOp(String opId, String jobId) {
        return uuid(opId + "|job|" + jobId);
    }

    /**
     * One Graph event per op, however often it is retried after a crash. The version is part of it so that a user
     * removed and later added again gets a new event (Graph may answer an old transactionId with the deleted one);
     * a later create op never races an earlier one on the same event, as waves keep them apart and in order.
     */
    public static String transactionId(MailboxOp op) {
        return uuid("docketsync|" + op.activityId() + "|" + op.userId() + "|" + op.role() + "|"
                + op.activityVersion());
    }

    /** A dead letter, by where it lies in its DLQ: reading the DLQ again records nothing twice. */
    public static String deadLetter(String dlqTopic, int partition, long offset) {
        return uuid("dead-letter|" + dlqTopic + "|" + partition + "|" + offset);
    }

    /** The outbox event that replays a dead letter. */
    public static String replay(String deadLetterId) {
        return uuid("replay|" + deadLetterId);
    }

    static String uuid(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
