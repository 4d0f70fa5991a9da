package io.docketsync.contracts;

/**
 * Where a change came from, so that no change echoes back to its source.
 *
 * @param kind      APP (a user of the application) or OFFICE365 (a mailbox)
 * @param userId    the acting user for APP; the mailbox owner for OFFICE365
 * @param mailbox   the mailbox (user principal name) for OFFICE365, else null
 * @param changeKey Graph's change key of the event version that caused the change, else null
 */
public record Origin(Kind kind, String userId, String mailbox, String changeKey) {
    public enum Kind { APP, OFFICE365, SYSTEM }

    public static Origin app(String userId) {
        return new Origin(Kind.APP, userId, null, null);
    }

    public static Origin office365(String userId, String mailbox, String changeKey) {
        return new Origin(Kind.OFFICE365, userId, mailbox, changeKey);
    }

    public static Origin system() {
        return new Origin(Kind.SYSTEM, null, null, null);
    }
}
