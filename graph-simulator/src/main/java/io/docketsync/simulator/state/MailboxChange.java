package io.docketsync.simulator.state;

/** One change in one mailbox's calendar, as change notifications report it (fired after the store changed). */
public record MailboxChange(String userId, String tenantId, String eventId, String changeType, String etag) {
}
