package io.docketsync.activity.domain;

import io.docketsync.contracts.ActivityKind;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** The rules an activity's times must follow, each broken rule named by its field. No I/O. */
public final class ActivityValidation {
    private ActivityValidation() {
    }

    public record Violation(String field, String message) {
    }

    public static List<Violation> check(ActivityKind kind, LocalDateTime start, LocalDateTime end, boolean allDay,
            LocalDate dueDate, LocalTime dueTime, String timeZone) {
        List<Violation> v = new ArrayList<>();
        try {
            if (timeZone != null) {
                ZoneId.of(timeZone);
            }
        } catch (DateTimeException e) {
            v.add(new Violation("timeZone", "'" + timeZone + "' is not an IANA time zone (e.g. Europe/London)"));
        }
        if (kind == ActivityKind.TASK) {
            if (dueDate == null) {
                v.add(new Violation("dueDate", "a task needs a due date"));
            }
            return v;
        }
        if (start == null) {
            v.add(new Violation("start", "an appointment needs a start"));
        }
        if (end == null) {
            v.add(new Violation("end", "an appointment needs an end"));
        }
        if (start != null && end != null && !end.isAfter(start)) {
            v.add(new Violation("end", "must be after start"));
        }
        if (allDay && start != null && end != null
                && (!start.toLocalTime().equals(LocalTime.MIDNIGHT) || !end.toLocalTime().equals(LocalTime.MIDNIGHT))) {
            v.add(new Violation("allDay", "an all-day appointment starts and ends at midnight"));
        }
        return v;
    }
}
