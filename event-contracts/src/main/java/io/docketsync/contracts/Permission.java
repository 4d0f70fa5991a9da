package io.docketsync.contracts;

/** What a user may do to activities: any activity, only their own (created or organized), or none. */
public enum Permission { ANY, OWN, NONE }
