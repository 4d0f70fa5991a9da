package io.docketsync.sync.domain;

import io.docketsync.contracts.ActivityCommand;
import java.time.Instant;
import java.time.LocalDateTime;

/** An event as read from a mailbox through Graph, reduced to what the inbound rules need. */
public record OfficeEvent(String eventId, String iCalUId, String changeKey, Instant lastModified, boolean isOrganizer,
        boolean isCancelled, String subject, String body, String location, LocalDateTime start, LocalDateTime end,
        boolean allDay, String timeZone) {

    public ActivityCommand.Fields fields() {
        return new ActivityCommand.Fields(subject, body, location, start, end, allDay, timeZone);
    }
}
