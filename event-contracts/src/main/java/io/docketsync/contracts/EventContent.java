package io.docketsync.contracts;

import io.docketsync.contracts.recurrence.Recurrence;
import io.docketsync.contracts.recurrence.RecurrenceException;
import java.time.LocalDateTime;
import java.util.List;

/** What an Office 365 event should hold, already mapped from an activity (tasks become all-day or
 * 30-minute events). Times are wall-clock in {@code timeZone}. A series (added later) also holds its
 * {@code recurrence} and the {@code exceptions} its occurrences must show (null / empty: a single event). */
public record EventContent(String subject, String body, String location, LocalDateTime start, LocalDateTime end,
        boolean allDay, String timeZone, List<String> attendeeEmails, Recurrence recurrence,
        List<RecurrenceException> exceptions) {

    public EventContent {
        exceptions = exceptions == null ? List.of() : List.copyOf(exceptions);
    }

    /** A single event. */
    public EventContent(String subject, String body, String location, LocalDateTime start, LocalDateTime end,
            boolean allDay, String timeZone, List<String> attendeeEmails) {
        this(subject, body, location, start, end, allDay, timeZone, attendeeEmails, null, List.of());
    }
}
