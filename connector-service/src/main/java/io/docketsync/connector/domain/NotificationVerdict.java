package io.docketsync.connector.domain;

/** What becomes of one received Graph notification. Only ACCEPTED ones are published. */
public enum NotificationVerdict {
    ACCEPTED, UNKNOWN_SUBSCRIPTION, MISSING_CLIENT_STATE, CLIENT_STATE_MISMATCH, MALFORMED;

    /**
     * @param subscriptionId         as received (null when absent)
     * @param clientState            as received
     * @param storedClientStateHash  the hash kept for the live subscription with that id, null when none is live
     */
    public static NotificationVerdict judge(String subscriptionId, String clientState, String storedClientStateHash) {
        if (subscriptionId == null || subscriptionId.isBlank()) {
            return MALFORMED;
        }
        if (storedClientStateHash == null) {
            return UNKNOWN_SUBSCRIPTION;
        }
        if (clientState == null || clientState.isEmpty()) {
            return MISSING_CLIENT_STATE;
        }
        return Secrets.matches(clientState, storedClientStateHash) ? ACCEPTED : CLIENT_STATE_MISMATCH;
    }

    /** The tag value of the rejection counter. */
    public String reason() {
        return name().toLowerCase().replace('_', '-');
    }
}
