package io.docketsync.activity.domain;

import io.docketsync.contracts.ActivityCommand;
import io.docketsync.contracts.ActivityKind;
import java.util.ArrayList;
import java.util.List;

/** How changes that came from Office 365 (activity.commands.v1) change an activity's content. No I/O. */
public final class OfficeChanges {
    static final String NO_SUBJECT = "(no subject)";

    private OfficeChanges() {
    }

    /**
     * The event's content (subject, body, location, start, end, all-day) applied to the activity. A task keeps
     * being a task: the event's start becomes its due date, and its due time unless the event is all-day.
     * What Office 365 leaves empty that the application requires keeps the activity's value.
     */
    public static ActivityDraft applyFields(ActivityDraft current, ActivityCommand.Fields f) {
        String subject = f.subject() == null || f.subject().isBlank() ? current.subject() : truncate(f.subject(),
                ActivityValidation.MAX_SUBJECT);
        // the activity keeps its own zone: the event's times (the worker reads them in UTC) are moved into it
        String zone = current.timeZone();
        f = inZone(f, zone);
        String body = f.body() == null ? null : truncate(f.body(), ActivityValidation.MAX_BODY);
        String location = f.location() == null ? null : truncate(f.location(), ActivityValidation.MAX_LOCATION);
        if (current.kind() == ActivityKind.TASK) {
            var due = f.start() == null ? current.dueDate() : f.start().toLocalDate();
            var time = f.start() == null ? current.dueTime() : f.allDay() ? null : f.start().toLocalTime();
            return new ActivityDraft(ActivityKind.TASK, subject, body, location, null, null, false, due, time, zone,
                    current.scheduledFor(), current.organizerId(), current.pushToOffice365(), current.recurrence(),
                    current.exceptions());
        }
        var start = f.start() == null ? current.start() : f.start();
        var end = f.end() == null || !f.end().isAfter(start) ? current.end() : f.end();
        return new ActivityDraft(ActivityKind.APPOINTMENT, subject, body, location, start, end,
                f.start() == null ? current.allDay() : f.allDay(), null, null, zone, current.scheduledFor(),
                current.organizerId(), current.pushToOffice365(), current.recurrence(), current.exceptions());
    }

    /** The fields with timed start and end moved from the event's zone into {@code zone}; all-day dates stay. */
    static ActivityCommand.Fields inZone(ActivityCommand.Fields f, String zone) {
        if (f.allDay() || f.timeZone() == null || !ActivityValidation.isZone(f.timeZone()) || zone == null
                || !ActivityValidation.isZone(zone) || f.timeZone().equals(zone)) {
            return f;
        }
        java.time.ZoneId from = java.time.ZoneId.of(f.timeZone());
        java.time.ZoneId to = java.time.ZoneId.of(zone);
        java.util.function.UnaryOperator<java.time.LocalDateTime> move = t -> t == null ? null
                : t.atZone(from).withZoneSameInstant(to).toLocalDateTime();
        return new ActivityCommand.Fields(f.subject(), f.body(), f.location(), move.apply(f.start()), move.apply(f.end()),
                f.allDay(), zone, f.originalTimeZone(), f.recurrence());
    }

    /**
     * A new appointment for one user, made from an Office 365 event; it is pushed so it stays linked. It takes the
     * zone the event was made in (its times moved into it), UTC only when the event's zone is unknown. A series
     * (the event's recurrence) takes its recurrence's zone when it names one, and comes without exceptions (the
     * worker sends its changed and cancelled occurrences as occurrence commands).
     */
    public static ActivityDraft newFromOffice(ActivityCommand.Fields f, String userId) {
        String seriesZone = f.recurrence() == null || f.recurrence().range() == null ? null
                : f.recurrence().range().recurrenceTimeZone();
        String zone = seriesZone != null && ActivityValidation.isZone(seriesZone) ? seriesZone
                : f.originalTimeZone() != null && ActivityValidation.isZone(f.originalTimeZone())
                ? f.originalTimeZone()
                : f.timeZone() == null || !ActivityValidation.isZone(f.timeZone()) ? "UTC" : f.timeZone();
        f = inZone(f, zone);
        var start = f.start();
        var end = f.end() == null || start == null || !f.end().isAfter(start) ? (start == null ? null
                : start.plusMinutes(30)) : f.end();
        String subject = f.subject() == null || f.subject().isBlank() ? NO_SUBJECT
                : truncate(f.subject(), ActivityValidation.MAX_SUBJECT);
        return new ActivityDraft(ActivityKind.APPOINTMENT, subject,
                f.body() == null ? null : truncate(f.body(), ActivityValidation.MAX_BODY),
                f.location() == null ? null : truncate(f.location(), ActivityValidation.MAX_LOCATION),
                start, end, f.allDay(), null, null, zone, List.of(userId), null, true,
                f.recurrence() == null ? null : f.recurrence().normalized(), List.of());
    }

    public static List<String> without(List<String> users, String userId) {
        List<String> left = new ArrayList<>(users);
        left.remove(userId);
        return left;
    }

    public static List<String> with(List<String> users, String userId) {
        if (users.contains(userId)) {
            return users;
        }
        List<String> more = new ArrayList<>(users);
        more.add(userId);
        return more;
    }

    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
