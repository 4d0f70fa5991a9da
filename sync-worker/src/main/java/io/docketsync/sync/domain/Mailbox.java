package io.docketsync.sync.domain;

import io.docketsync.contracts.ConnectionState;

/** A user's Office 365 connection as the worker knows it (from connections.v1). */
public record Mailbox(String userId, ConnectionState state, String address, String lastError) {
    public Mailbox(String userId, ConnectionState state, String address) {
        this(userId, state, address, null);
    }

    public boolean connected() {
        return state == ConnectionState.CONNECTED;
    }
}
