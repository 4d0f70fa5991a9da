package io.docketsync.sync.domain;

import io.docketsync.contracts.Office365Settings;
import java.time.Duration;
import java.time.Instant;

/**
 * The deletion-burst safety valve (issue 18): more linked deletions from one mailbox than the firm's
 * {@code massDeleteThreshold} within {@code massDeleteWindowMinutes} are held, not applied, until an administrator
 * (or the user, for their own activities) applies or rejects them. Plain rules, no I/O.
 *
 * <p>A deletion <em>counts</em> when applying it would change the firm's calendar: the activity deleted for everyone
 * ({@link InboundDecision.Kind#DELETE_ACTIVITY}) or the user taken off its Scheduled For
 * ({@link InboundDecision.Kind#REMOVE_USER}). A deletion that is undone anyway (RESTORE_EVENT), ignored or our own
 * echo changes nothing and is neither counted nor held.
 */
public final class DeletionBurst {
    private DeletionBurst() {
    }

    public enum Verdict {
        /** applied as the inbound rules decided, and counted in the window */
        APPLY,
        /** held for a decision: the activity stays as it is */
        HOLD
    }

    /** What an administrator (or the user) decides about a held deletion. */
    public enum Decision {
        /** the deletion is applied now, as the inbound rules decided it then */
        APPLY,
        /** the deletion is undone: the activity's event is written back to the user's calendar */
        REJECT
    }

    /** Whether a deletion decided so is subject to the valve. */
    public static boolean counts(InboundDecision.Kind kind) {
        return kind == InboundDecision.Kind.DELETE_ACTIVITY || kind == InboundDecision.Kind.REMOVE_USER;
    }

    /**
     * @param threshold       the firm's massDeleteThreshold; 0 (or less): no valve
     * @param appliedInWindow the mailbox's deletions applied within the window, before this one
     * @param heldNow         the mailbox's deletions held and not yet decided
     */
    public static Verdict verdict(int threshold, int appliedInWindow, int heldNow) {
        if (threshold <= 0) {
            return Verdict.APPLY;
        }
        // while a hold is active every further deletion of that mailbox waits with it, however slowly the burst
        // arrives (Graph's throttling can spread a wiped calendar's notifications past the window)
        if (heldNow > 0) {
            return Verdict.HOLD;
        }
        return appliedInWindow >= threshold ? Verdict.HOLD : Verdict.APPLY;
    }

    /** The same, with the firm's settings. */
    public static Verdict verdict(Office365Settings settings, int appliedInWindow, int heldNow) {
        return verdict(settings.massDeleteThreshold(), appliedInWindow, heldNow);
    }

    /** Where the window the threshold counts in starts. */
    public static Instant windowStart(Instant now, Office365Settings settings) {
        return now.minus(Duration.ofMinutes(Math.max(1, settings.massDeleteWindowMinutes())));
    }

    /**
     * Who may decide about a held deletion: an administrator of the firm, any; the user whose mailbox it came from,
     * only for their own activities (ones they created or organize), or for one that no longer exists.
     */
    public static boolean mayDecide(String caller, boolean admin, String heldUser, String createdBy,
            String organizerId, boolean activityExists) {
        if (admin) {
            return true;
        }
        if (caller == null || !caller.equals(heldUser)) {
            return false;
        }
        return !activityExists || caller.equals(createdBy) || caller.equals(organizerId);
    }
}
