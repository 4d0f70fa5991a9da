package io.docketsync.sync.domain;

import io.docketsync.contracts.ActivityCommand;
import io.docketsync.contracts.recurrence.Recurrence;
import java.time.Instant;
import java.time.LocalDateTime;

/**
 * An event as read from a mailbox through Graph, reduced to what the inbound rules need. {@code stamp} is the value
 * of docketsync's extended property ("activityId:version" of our last write), null when absent or not read.
 * {@code series} (null for a single event) says how the event belongs to a recurring series.
 */
public record OfficeEvent(String eventId, String iCalUId, String changeKey, Instant created, Instant lastModified,
        boolean isOrganizer,
        boolean isCancelled, String subject, String body, String location, LocalDateTime start, LocalDateTime end,
        boolean allDay, String timeZone, String stamp, String originalTimeZone, Series series) {

    /**
     * Graph's view of a recurring event: a {@code seriesMaster} (with its {@code recurrence}), or one of its
     * {@code occurrence}s / {@code exception}s (with {@code masterId} and {@code originalStart}, an instant).
     */
    public record Series(String type, String masterId, Instant originalStart, Recurrence recurrence) {
        public boolean master() {
            return "seriesMaster".equals(type);
        }
    }

    public OfficeEvent(String eventId, String iCalUId, String changeKey, Instant created, Instant lastModified,
            boolean isOrganizer, boolean isCancelled, String subject, String body, String location,
            LocalDateTime start, LocalDateTime end, boolean allDay, String timeZone, String stamp,
            String originalTimeZone) {
        this(eventId, iCalUId, changeKey, created, lastModified, isOrganizer, isCancelled, subject, body, location,
                start, end, allDay, timeZone, stamp, originalTimeZone, null);
    }

    /** A series master. */
    public boolean seriesMaster() {
        return series != null && series.master();
    }

    /** One occurrence (or exception) of a series. */
    public boolean occurrence() {
        return series != null && !series.master();
    }

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
        return new ActivityCommand.Fields(subject, body, location, start, end, allDay, timeZone, originalTimeZone,
                seriesMaster() ? series.recurrence() : null);
    }
}
