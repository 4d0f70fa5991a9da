package io.docketsync.contracts;

import java.time.Instant;
import java.time.LocalDateTime;

/**
 * On {@link Topics#ACTIVITY_COMMANDS}: a change that came from Office 365, decided by the sync-worker's
 * inbound rules, to be applied by activity-service. {@code commandId} makes it idempotent.
 *
 * @param activityId target activity (null for the create types, where {@code newActivityId} is given)
 * @param userId     the mailbox owner the change came from
 * @param fields     the event's content for the update and create types
 * @param link       the Office 365 event that caused it, so the result is linked and never echoed
 * @param originalStart for the occurrence types (added later): which occurrence of the series, by its original start
 *                   as a wall-clock time in the activity's zone
 */
public record ActivityCommand(
        String commandId,
        Type type,
        String activityId,
        String newActivityId,
        String userId,
        Fields fields,
        String responseStatus,
        GraphLink link,
        Instant modifiedAt,
        java.time.LocalDateTime originalStart) {
    public static final String TYPE = "io.docketsync.activity.command.v1";

    public ActivityCommand(String commandId, Type type, String activityId, String newActivityId, String userId,
            Fields fields, String responseStatus, GraphLink link, Instant modifiedAt) {
        this(commandId, type, activityId, newActivityId, userId, fields, responseStatus, link, modifiedAt, null);
    }

    /**
     * SET_OCCURRENCE: one occurrence of a recurring activity changed in Office 365 (it becomes an exception with
     * {@code fields}); CANCEL_OCCURRENCE: one occurrence deleted there (a cancelled exception). Both name the
     * occurrence by {@code originalStart}.
     */
    public enum Type {
        UPDATE_FIELDS, REMOVE_SCHEDULED_USER, CREATE_FOR_USER, DELETE, CREATE_FROM_OFFICE, ADD_SCHEDULED_USER,
        SET_RESPONSE_STATUS, SET_OCCURRENCE, CANCEL_OCCURRENCE
    }

    /**
     * The event content that Office 365 owns on an activity. {@code start} and {@code end} are wall-clock times in
     * {@code timeZone} (the worker reads them in UTC); {@code originalTimeZone} (added later; null when unknown) is the
     * IANA zone the event was made in (Graph's originalStartTimeZone, Windows names mapped), which an activity made
     * from the event takes.
     */
    public record Fields(String subject, String body, String location, LocalDateTime start, LocalDateTime end,
            boolean allDay, String timeZone, String originalTimeZone,
            io.docketsync.contracts.recurrence.Recurrence recurrence) {
        public Fields(String subject, String body, String location, LocalDateTime start, LocalDateTime end,
                boolean allDay, String timeZone) {
            this(subject, body, location, start, end, allDay, timeZone, null, null);
        }

        public Fields(String subject, String body, String location, LocalDateTime start, LocalDateTime end,
                boolean allDay, String timeZone, String originalTimeZone) {
            this(subject, body, location, start, end, allDay, timeZone, originalTimeZone, null);
        }
    }

    public record GraphLink(String mailbox, String eventId, String iCalUId, String changeKey) {
    }
}
