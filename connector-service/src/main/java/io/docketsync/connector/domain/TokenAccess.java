package io.docketsync.connector.domain;

import io.docketsync.contracts.ConnectionState;

/** Whether the sync-worker may have a user's Graph token, by the user's connection state, and if not, why
 * (as an HTTP status and a message the worker shows on the user's sync status). */
public record TokenAccess(boolean allowed, int status, String title, String detail) {

    public static TokenAccess of(ConnectionState state) {
        if (state == null) {
            return denied(404, "Not connected", "The user has never connected Office 365.");
        }
        return switch (state) {
            case CONNECTED -> new TokenAccess(true, 200, null, null);
            case DISCONNECTED -> denied(404, "Not connected", "The user disconnected Office 365.");
            case NEEDS_REAUTH -> needsReauth("Microsoft no longer accepts the user's sign-in");
            case REFUSED -> denied(424, "Mailbox not supported",
                    "The user's mailbox is not hosted by Microsoft (on-premises or third-party): it cannot be synced.");
        };
    }

    public static TokenAccess needsReauth(String why) {
        return denied(409, "Reauthorization required", why + ": the user must reconnect (reauth) Office 365.");
    }

    private static TokenAccess denied(int status, String title, String detail) {
        return new TokenAccess(false, status, title, detail);
    }
}
