package io.docketsync.sync.domain;

import io.docketsync.contracts.MailboxOp;
import io.docketsync.contracts.SyncState;

/**
 * What the write stage records for one op once its wave is written, decided without I/O from the op, what the
 * writer resolved for it and how the write ended.
 *
 * @param link             what becomes of the user's link for the activity
 * @param waitForReconnect the op is replayed when the user reconnects (their sign-in must be renewed)
 * @param state            the user's sync status for the activity now, null when nothing was written
 * @param reason           why, for PENDING and FAILED
 * @param eventId          the event the status is about
 * @param succeeded        for the job the op belongs to: done (true) or failed
 * @param deadLetter       Graph refused for good: the op goes to the DLQ with this reason (null otherwise)
 */
public record WriteRecord(LinkChange link, boolean waitForReconnect, SyncState state, String reason, String eventId,
        boolean succeeded, String deadLetter) {

    public sealed interface LinkChange {
    }

    /** The link stays as it is. */
    public record Keep() implements LinkChange {
    }

    /** The event is deleted: so is the link. */
    public record Remove() implements LinkChange {
    }

    /** The link now names the event Graph answered, and the version written. */
    public record Save(WrittenEvent written) implements LinkChange {
    }

    /** Nothing was written: the event holds the op's version already (WriteTarget.Action.HELD), recorded as such. */
    public record Held() implements LinkChange {
    }

    /** The deletion failed and the event is still there: a deletion of it from now on is the user's again. */
    public record DeletionEnded() implements LinkChange {
    }

    /** @param outcome null when the op needed no write (its event is already as wanted, or never existed) */
    public static WriteRecord of(MailboxOp op, WriteTarget target, WriteOutcome outcome) {
        boolean deletes = target.action() == WriteTarget.Action.DELETE;
        if (outcome == null) {
            return new WriteRecord(target.action() == WriteTarget.Action.HELD ? new Held() : new Keep(), false, null,
                    null, target.eventId(), true, null);
        }
        if (outcome.succeeded()) {
            return deletes
                    ? new WriteRecord(new Remove(), false, SyncState.REMOVED, null, target.eventId(), true, null)
                    : new WriteRecord(new Save(outcome.written()), false, SyncState.LINKED, null,
                            outcome.written().eventId(), true, null);
        }
        LinkChange link = deletes ? new DeletionEnded() : new Keep();
        if (outcome.failure() instanceof MailboxUnavailableException e) {
            return new WriteRecord(link, e.reauthorisationNeeded(), SyncState.PENDING, e.getMessage(),
                    target.eventId(), false, null);
        }
        String reason = outcome.failure() instanceof GraphWriteException e ? e.reason()
                : String.valueOf(outcome.failure().getMessage());
        String deadLetter = outcome.failure() instanceof GraphWriteException e
                ? "Office 365 refused " + op.op() + " for " + op.userId() + ": " + e.reason() : null;
        return new WriteRecord(link, false, SyncState.FAILED, reason, target.eventId(), false, deadLetter);
    }
}
