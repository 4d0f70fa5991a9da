package io.docketsync.activity.domain;

import io.docketsync.contracts.ActivityKind;
import io.docketsync.contracts.recurrence.Recurrence;
import io.docketsync.contracts.recurrence.RecurrenceException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

/**
 * The content of an activity that users (or Office 365) change: everything but identity, authorship and
 * version. {@code pushToOffice365} null means "the firm's default". {@code recurrence} null is a single activity;
 * otherwise an appointment series whose first occurrence is {@code start}–{@code end} (wall clock in
 * {@code timeZone}), with its changed or cancelled occurrences in {@code exceptions} (never null; empty for a single
 * activity), keyed by original start.
 */
public record ActivityDraft(
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
        Boolean pushToOffice365,
        Recurrence recurrence,
        List<RecurrenceException> exceptions) {

    public ActivityDraft {
        exceptions = exceptions == null ? List.of() : java.util.Collections.unmodifiableList(
                new java.util.ArrayList<>(exceptions)); // may hold a null item: validation names it
    }

    /** A single (non-recurring) activity. */
    public ActivityDraft(ActivityKind kind, String subject, String body, String location, LocalDateTime start,
            LocalDateTime end, boolean allDay, LocalDate dueDate, LocalTime dueTime, String timeZone,
            List<String> scheduledFor, String organizerId, Boolean pushToOffice365) {
        this(kind, subject, body, location, start, end, allDay, dueDate, dueTime, timeZone, scheduledFor, organizerId,
                pushToOffice365, null, List.of());
    }

    public boolean recurring() {
        return recurrence != null;
    }

    public ActivityDraft withScheduledFor(List<String> users) {
        return new ActivityDraft(kind, subject, body, location, start, end, allDay, dueDate, dueTime, timeZone,
                List.copyOf(users), organizerId, pushToOffice365, recurrence, exceptions);
    }

    public ActivityDraft withPush(boolean push) {
        return new ActivityDraft(kind, subject, body, location, start, end, allDay, dueDate, dueTime, timeZone,
                scheduledFor, organizerId, push, recurrence, exceptions);
    }

    public ActivityDraft withOrganizer(String organizer) {
        return new ActivityDraft(kind, subject, body, location, start, end, allDay, dueDate, dueTime, timeZone,
                scheduledFor, organizer, pushToOffice365, recurrence, exceptions);
    }

    /** The same content as a series with this recurrence (null: a single activity) and these exceptions. */
    public ActivityDraft withSeries(Recurrence series, List<RecurrenceException> changed) {
        return new ActivityDraft(kind, subject, body, location, start, end, allDay, dueDate, dueTime, timeZone,
                scheduledFor, organizerId, pushToOffice365, series, changed);
    }
}
