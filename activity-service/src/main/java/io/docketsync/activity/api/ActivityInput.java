package io.docketsync.activity.api;

import io.docketsync.activity.domain.ActivityDraft;
import io.docketsync.contracts.ActivityKind;
import io.docketsync.contracts.recurrence.Recurrence;
import io.docketsync.contracts.recurrence.RecurrenceException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a front end sends to create or replace an activity (and what a merge patch is applied to). */
@Schema(name = "ActivityInput", description = "An appointment (start/end) or a task (dueDate, optional dueTime). "
        + "Unknown fields are refused, and so is text holding a NUL character (U+0000). Dates: years 1900 to 2999.")
public record ActivityInput(
        @Schema(required = true) ActivityKind kind,
        @Schema(required = true, maxLength = 255, description = "Not blank; trimmed") String subject,
        @Schema(maxLength = 32000) String body,
        @Schema(maxLength = 255) String location,
        @Schema(description = "Appointments: wall-clock start in timeZone; years 1900 to 2999", example = "2026-12-01T09:00:00")
        LocalDateTime start,
        @Schema(description = "Appointments: wall-clock end in timeZone, after start (all-day: next midnight, "
                + "exclusive); years 1900 to 2999", example = "2026-12-01T10:00:00") LocalDateTime end,
        @Schema(description = "Appointments: midnight to midnight; default false") Boolean allDay,
        @Schema(description = "Tasks: the due date; years 1900 to 2999", example = "2026-12-03") LocalDate dueDate,
        @Schema(description = "Tasks: the due time; absent = due all day", example = "14:30:00") LocalTime dueTime,
        @Schema(required = true, description = "IANA time zone", example = "Europe/London") String timeZone,
        @Schema(required = true, description = "User ids of the firm, at least one, no duplicates")
        List<String> scheduledFor,
        @Schema(description = "Appointments: the user whose calendar sends the meeting in organizer mode; "
                + "absent on create = the creator when connected to Office 365") String organizerId,
        @Schema(description = "Push to Office 365; absent on create = the firm's Always Push setting for the kind, "
                + "absent on replace = unchanged") Boolean pushToOffice365,
        @Schema(description = "Appointments: makes it a series, Graph's patternedRecurrence exactly (pattern: type "
                + "daily, weekly, absoluteMonthly, relativeMonthly, absoluteYearly or relativeYearly, interval, "
                + "daysOfWeek, dayOfMonth, month, index, firstDayOfWeek; range: type endDate, noEnd or numbered, "
                + "startDate = start's date, endDate, numberOfOccurrences). start-end is the first occurrence; "
                + "occurrences are in timeZone. Absent or null: a single activity (tasks do not recur)")
        Recurrence recurrence,
        @Schema(description = "A series' changed or cancelled occurrences, each keyed by originalStart (the wall "
                + "clock at which the series puts it, in timeZone): cancelled, or its own subject, body, location, "
                + "start, end (absent = the series')")
        List<RecurrenceException> exceptions) {

    public ActivityDraft toDraft() {
        return new ActivityDraft(kind, subject, body, location, start, end, Boolean.TRUE.equals(allDay), dueDate,
                dueTime, timeZone, scheduledFor == null ? null : List.copyOf(scheduledFor), organizerId,
                pushToOffice365, recurrence, exceptions);
    }

    /** A stored activity's content as input, for a merge patch to apply to. */
    public static ActivityInput of(ActivityDraft d) {
        return new ActivityInput(d.kind(), d.subject(), d.body(), d.location(), d.start(), d.end(), d.allDay(),
                d.dueDate(), d.dueTime(), d.timeZone(), d.scheduledFor(), d.organizerId(), d.pushToOffice365(),
                d.recurrence(), d.recurring() ? d.exceptions() : null);
    }
}
