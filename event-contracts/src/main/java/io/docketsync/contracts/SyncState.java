package io.docketsync.contracts;

/**
 * A user's sync status for an activity. PENDING: written once the user is connected (or reconnected);
 * NOT_SUPPORTED (added later): Office 365 refused the user's mailbox (on-premises or hosted elsewhere), nothing is
 * written until they connect a Microsoft-hosted one.
 */
public enum SyncState { LINKED, PENDING, FAILED, REMOVED, NOT_SUPPORTED }
