package io.docketsync.sync.domain;

/** connector-service has no usable token for the user (never connected, disconnected, must re-authorise). */
public class MailboxUnavailableException extends RuntimeException {
    private final boolean reauthorisationNeeded;

    public MailboxUnavailableException(String message, boolean reauthorisationNeeded) {
        super(message);
        this.reauthorisationNeeded = reauthorisationNeeded;
    }

    public boolean reauthorisationNeeded() {
        return reauthorisationNeeded;
    }
}
