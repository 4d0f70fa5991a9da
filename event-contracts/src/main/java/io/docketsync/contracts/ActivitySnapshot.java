package io.docketsync.contracts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

/**
 * An activity as the application holds it, version by version. Appointments use {@code start}/{@code end}
 * as wall-clock times in {@code timeZone} (all-day: midnight to midnight, end exclusive, as Graph does).
 * Tasks use {@code dueDate} and, when timed, {@code dueTime} in {@code timeZone}.
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
        Instant updatedAt) {
}
