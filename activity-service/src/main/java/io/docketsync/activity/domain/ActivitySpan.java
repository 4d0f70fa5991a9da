package io.docketsync.activity.domain;

import io.docketsync.contracts.ActivityKind;
import java.time.LocalDateTime;

/**
 * The wall-clock interval an activity occupies, end exclusive, used to list activities by date range.
 * Tasks occupy what they become in Office 365: their due day, or 30 minutes from their due time. A series occupies
 * its first start to its last occurrence's end ({@link Series#span}).
 */
public record ActivitySpan(LocalDateTime start, LocalDateTime end) {
    public static final java.time.Duration TIMED_TASK = java.time.Duration.ofMinutes(30);

    public static ActivitySpan of(ActivityDraft d) {
        if (d.kind() == ActivityKind.TASK) {
            if (d.dueTime() == null) {
                return new ActivitySpan(d.dueDate().atStartOfDay(), d.dueDate().plusDays(1).atStartOfDay());
            }
            LocalDateTime at = d.dueDate().atTime(d.dueTime());
            return new ActivitySpan(at, at.plus(TIMED_TASK));
        }
        if (d.recurring()) {
            return Series.span(d);
        }
        return new ActivitySpan(d.start(), d.end());
    }
}
