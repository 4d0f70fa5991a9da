package io.docketsync.contracts;

public enum ActivityKind { APPOINTMENT, TASK }
