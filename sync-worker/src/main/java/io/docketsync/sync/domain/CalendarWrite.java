package io.docketsync.sync.domain;

import io.docketsync.contracts.EventContent;

/**
 * One request for a mailbox's calendar, as the writer sends it inside a {@code $batch}.
 *
 * @param id            the caller's name for it (answers come back under it)
 * @param transactionId for creates: Graph answers a repeated create with the event it made the first time
 * @param activityRef   for creates and updates: written into the event's extended property, naming the activity and version
 */
public record CalendarWrite(String id, Kind kind, String mailbox, String eventId, String transactionId,
        String activityRef, EventContent content) {
    public enum Kind { CREATE, UPDATE, DELETE }
}
