package io.docketsync.sync.domain;

import io.docketsync.contracts.ActivityCommand;
import java.time.Instant;
import java.time.LocalDateTime;

/**
 * An event as read from a mailbox through Graph, reduced to what the inbound rules need. {@code stamp} is the value
 * of docketsync's extended property ("activityId:version" of our last write), null when absent or not read.
 */
public record OfficeEvent(String eventId, String iCalUId, String changeKey, Instant created, Instant lastModified,
        boolean isOrganizer,
        boolean isCancelled, String subject, String body, String location, LocalDateTime start, LocalDateTime end,
        boolean allDay, String timeZone, String stamp, String originalTimeZone) {

    /** An event whose original zone is unknown. */
    public OfficeEvent(String eventId, String iCalUId, String changeKey, Instant created, Instant lastModified,
            boolean isOrganizer, boolean isCancelled, String subject, String body, String location,
            LocalDateTime start, LocalDateTime end, boolean allDay, String timeZone, String stamp) {
        this(eventId, iCalUId, changeKey, created, lastModified, isOrganizer, isCancelled, subject, body, location,
                start, end, allDay, timeZone, stamp, null);
    }

    /** The activity version our last write to this event carried, when that write was for {@code activityId}. */
    public Long writtenVersionOf(String activityId) {
        if (stamp == null || activityId == null || !stamp.startsWith(activityId + ":")) {
            return null;
        }
        try {
            return Long.parseLong(stamp.substring(activityId.length() + 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The activity our property names ("activityId:version"), null when the event carries none. */
    public String stampedActivity() {
        int colon = stamp == null ? -1 : stamp.lastIndexOf(':');
        return colon <= 0 ? null : stamp.substring(0, colon);
    }

    public ActivityCommand.Fields fields() {
        return new ActivityCommand.Fields(subject, body, location, start, end, allDay, timeZone, originalTimeZone);
    }
}
