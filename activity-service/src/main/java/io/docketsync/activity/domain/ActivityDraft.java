package io.docketsync.activity.domain;

import io.docketsync.contracts.ActivityKind;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

/**
 * The content of an activity that users (or Office 365) change: everything but identity, authorship and
 * version. {@code pushToOffice365} null means "the firm's default".
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
        Boolean pushToOffice365) {

    public ActivityDraft withScheduledFor(List<String> users) {
        return new ActivityDraft(kind, subject, body, location, start, end, allDay, dueDate, dueTime, timeZone,
                List.copyOf(users), organizerId, pushToOffice365);
    }

    public ActivityDraft withPush(boolean push) {
        return new ActivityDraft(kind, subject, body, location, start, end, allDay, dueDate, dueTime, timeZone,
                scheduledFor, organizerId, push);
    }

    public ActivityDraft withOrganizer(String organizer) {
        return new ActivityDraft(kind, subject, body, location, start, end, allDay, dueDate, dueTime, timeZone,
                scheduledFor, organizer, pushToOffice365);
    }
}
