package io.docketsync.contracts;

public enum SyncState { LINKED, PENDING, FAILED, REMOVED }
