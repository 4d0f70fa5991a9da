package io.docketsync.contracts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import io.docketsync.contracts.recurrence.Recurrence;
import io.docketsync.contracts.recurrence.RecurrenceException;

/**
 * An activity as the application holds it, version by version. Appointments use {@code start}/{@code end}
 * as wall-clock times in {@code timeZone} (all-day: midnight to midnight, end exclusive, as Graph does).
 * Tasks use {@code dueDate} and, when timed, {@code dueTime} in {@code timeZone}.
 * {@code recurrence} (added later; null: a single activity) makes an appointment a series whose first occurrence is
 * {@code start}–{@code end}; {@code exceptions} are its changed or cancelled occurrences, keyed by original start
 * (wall clock in {@code timeZone}); see {@link io.docketsync.contracts.recurrence}.
 */
public record ActivitySnapshot(
        String id,
        String firmId,
        ActivityKind kind,
        String subject,
        String body,
        String location,
        LocalDateTime start,
        LocalDateTime end,
        boolean allDay,
        LocalDate dueDate,
        LocalTime dueTime,
        String timeZone,
        List<String> scheduledFor,
        String organizerId,
        String createdBy,
        boolean pushToOffice365,
        long version,
        Instant updatedAt,
        Recurrence recurrence,
        List<RecurrenceException> exceptions) {

    public ActivitySnapshot {
        exceptions = exceptions == null ? List.of() : List.copyOf(exceptions);
    }

    /** A single (non-recurring) activity. */
    public ActivitySnapshot(String id, String firmId, ActivityKind kind, String subject, String body, String location,
            LocalDateTime start, LocalDateTime end, boolean allDay, LocalDate dueDate, LocalTime dueTime,
            String timeZone, List<String> scheduledFor, String organizerId, String createdBy, boolean pushToOffice365,
            long version, Instant updatedAt) {
        this(id, firmId, kind, subject, body, location, start, end, allDay, dueDate, dueTime, timeZone, scheduledFor,
                organizerId, createdBy, pushToOffice365, version, updatedAt, null, List.of());
    }

    public boolean recurring() {
        return recurrence != null;
    }
}
