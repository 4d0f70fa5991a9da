package io.docketsync.contracts;

public enum ConnectionState { CONNECTED, NEEDS_REAUTH, DISCONNECTED, REFUSED }
