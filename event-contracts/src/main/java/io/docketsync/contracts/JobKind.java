package io.docketsync.contracts;

public enum JobKind { PUSH_MY_CALENDAR, IMPORT_FROM_OFFICE365 }
