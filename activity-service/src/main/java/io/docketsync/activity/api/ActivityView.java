package io.docketsync.activity.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.docketsync.activity.domain.ResponseStatus;
import io.docketsync.contracts.ActivityKind;
import io.docketsync.contracts.SyncState;
import io.docketsync.contracts.recurrence.Recurrence;
import io.docketsync.contracts.recurrence.RecurrenceException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Activity", description = "An activity as the caller sees it; its ETag is the version. In GET "
        + "/activities?from=&to=, an item may be one occurrence of a recurring activity (occurrence: true)")
public record ActivityView(
        String id,
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
        @Schema(description = "Each Scheduled For user with connection, meeting response and sync status")
        List<ScheduledUser> scheduledFor,
        String organizerId,
        String createdBy,
        boolean pushToOffice365,
        long version,
        Instant updatedAt,
        @Schema(description = "Whether the caller's edit permission covers this activity") boolean canEdit,
        @Schema(description = "Whether the caller's delete permission covers this activity") boolean canDelete,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "A recurring activity (the series): Graph's patternedRecurrence; absent for a single "
                + "activity and for an occurrence item of GET /activities") Recurrence recurrence,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "A series' changed or cancelled occurrences by originalStart ([] when none); absent "
                + "for a single activity and for an occurrence item") List<RecurrenceException> exceptions,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "GET /activities?from=&to= only: true for one occurrence of a recurring activity "
                + "(then start, end, subject, body and location are the occurrence's); absent otherwise")
        Boolean occurrence,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "An occurrence item: the recurring activity's id (= id; edit the series there)")
        String seriesId,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "An occurrence item: where the series puts it (wall clock in timeZone); with seriesId, "
                + "its identity (and the key of its exception)", example = "2026-12-14T09:00:00")
        LocalDateTime originalStart,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "An occurrence item: whether it was changed on its own (an exception)")
        Boolean exception) {

    @Schema(name = "ScheduledUser")
    public record ScheduledUser(
            String userId,
            String displayName,
            @Schema(description = "Connected to Office 365 (the green check)") boolean connected,
            @Schema(description = "Answer to the meeting invitation (organizer mode)") ResponseStatus responseStatus,
            @Schema(description = "As the sync-worker last reported: LINKED (in their calendar), PENDING (written once "
                    + "they connect or reconnect), NOT_SUPPORTED (Office 365 refused their mailbox: on-premises or "
                    + "hosted elsewhere), FAILED (Office 365 refused the change, or it could not be processed), "
                    + "REMOVED; null when nothing was synced for this user") SyncState syncStatus,
            @Schema(description = "Why it failed or waits, for the user to act on") String syncReason,
            Instant syncReportedAt) {
    }
}
