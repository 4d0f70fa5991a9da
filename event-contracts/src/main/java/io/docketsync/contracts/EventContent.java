package io.docketsync.contracts;

import java.time.LocalDateTime;
import java.util.List;

/** What an Office 365 event should hold, already mapped from an activity (tasks become all-day or
 * 30-minute events). Times are wall-clock in {@code timeZone}. */
public record EventContent(String subject, String body, String location, LocalDateTime start, LocalDateTime end,
        boolean allDay, String timeZone, List<String> attendeeEmails) {
}
