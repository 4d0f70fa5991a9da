package io.docketsync.simulator.state;

/**
 * One change in one mailbox's calendar, as change notifications report it (fired after the store changed). A
 * subscription made with regular ids sees {@code eventId} and {@code changeType}; one made with immutable ids sees
 * {@code immutableId} and {@code immutableChangeType}. Either change type is null when that kind of subscriber is
 * not told (a move between folders is a deletion and a creation for regular ids, an update for immutable ones).
 */
public record MailboxChange(String userId, String tenantId, String eventId, String immutableId, String changeType,
        String immutableChangeType, String etag) {
}
