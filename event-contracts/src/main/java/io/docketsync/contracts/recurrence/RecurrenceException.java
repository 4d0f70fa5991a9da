package io.docketsync.contracts.recurrence;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.LocalDateTime;

/**
 * One occurrence of a series changed or cancelled, keyed by its original start: the wall-clock time, in the
 * activity's zone, at which the series puts it (never its position in the series). Null fields are unchanged
 * (the series' subject, body, location); {@code cancelled} wins over the rest.
 *
 * <p>Times: a null {@code start} is the original start; a null {@code end} keeps the series' length after the
 * (possibly moved) start, as dragging an occurrence in Outlook does.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecurrenceException(
        LocalDateTime originalStart,
        boolean cancelled,
        String subject,
        String body,
        String location,
        LocalDateTime start,
        LocalDateTime end) {

    public static RecurrenceException cancelled(LocalDateTime originalStart) {
        return new RecurrenceException(originalStart, true, null, null, null, null, null);
    }

    public static RecurrenceException moved(LocalDateTime originalStart, LocalDateTime start, LocalDateTime end) {
        return new RecurrenceException(originalStart, false, null, null, null, start, end);
    }

    /** the occurrence's start: {@code start}, or the original start */
    public LocalDateTime effectiveStart() {
        return start != null ? start : originalStart;
    }

    /** the occurrence's end: {@code end}, or its start plus the series' length (wall clock) */
    public LocalDateTime effectiveEnd(Duration seriesLength) {
        return end != null ? end : effectiveStart().plus(seriesLength);
    }
}
