package io.docketsync.sync.api;

/** The operator API lists every firm's mailboxes, states and errors: only bearer tokens with this role see it. */
public final class OperatorRole {
    public static final String NAME = "operator";

    private OperatorRole() {
    }
}
