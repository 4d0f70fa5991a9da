package io.docketsync.sync.domain;

import io.docketsync.contracts.ConnectionState;

/**
 * What a user's connection change does to the links between activities and their mailbox's events (issue 18).
 * Plain rules, no I/O.
 *
 * <ul>
 * <li>Disconnecting (DISCONNECTED, NEEDS_REAUTH, REFUSED) never deletes, retires or writes anything: both sides stay
 * as they are, and the links wait for the user to come back.</li>
 * <li>Connecting the mailbox the links are in keeps them: writes resume on the same events (no duplicate).</li>
 * <li>Connecting another mailbox retires the links to the old one (kept aside, their events left alone, no activity
 * deleted) and touches nothing already in the new one; future writes go to the new mailbox, and Push my calendar
 * fills it, relinking what already carries our property there instead of duplicating it.</li>
 * <li>Connecting a mailbox again whose links were retired brings those links back (matched by the event ids and
 * iCalUIds recorded for that mailbox), so its events are updated rather than made twice.</li>
 * </ul>
 */
public final class ReconnectRules {
    private ReconnectRules() {
    }

    /** What happens to one link when the user's connection becomes {@code state} with {@code mailbox}. */
    public enum LinkFate {
        /** the link stays as it is */
        KEEP,
        /** the link's mailbox is no longer the user's: it is retired (its event is left alone) */
        RETIRE
    }

    /** What happens to one retired link. */
    public enum RetiredFate {
        /** stays retired */
        STAY,
        /** its mailbox is connected again: it becomes the link again */
        RELINK
    }

    public static LinkFate fate(String linkMailbox, ConnectionState state, String connectedMailbox) {
        if (state != ConnectionState.CONNECTED || connectedMailbox == null || linkMailbox == null) {
            return LinkFate.KEEP;
        }
        return sameMailbox(linkMailbox, connectedMailbox) ? LinkFate.KEEP : LinkFate.RETIRE;
    }

    /**
     * @param activityLive   the activity still exists
     * @param userScheduled  the user is still one it is written to (Scheduled For)
     * @param linkedMeanwhile the user already has a link for the activity in that role (written to the mailbox since)
     */
    public static RetiredFate retired(String retiredMailbox, ConnectionState state, String connectedMailbox,
            boolean activityLive, boolean userScheduled, boolean linkedMeanwhile) {
        if (state != ConnectionState.CONNECTED || connectedMailbox == null
                || !sameMailbox(retiredMailbox, connectedMailbox)) {
            return RetiredFate.STAY;
        }
        return activityLive && userScheduled && !linkedMeanwhile ? RetiredFate.RELINK : RetiredFate.STAY;
    }

    /** Mailbox addresses compare as SMTP addresses do in Exchange: without regard to case. */
    public static boolean sameMailbox(String a, String b) {
        return a != null && b != null && a.trim().equalsIgnoreCase(b.trim());
    }
}
