package io.docketsync.sync.domain;

import io.docketsync.contracts.ActivityKind;
import io.docketsync.contracts.ActivitySnapshot;
import io.docketsync.contracts.EventContent;
import java.time.LocalDateTime;
import java.util.List;

/** How an activity looks as an Office 365 event. Tasks become all-day events on the due date, or 30-minute
 * events at the due time. A recurring appointment is a series (its first occurrence's times, the pattern, and the
 * exceptions its occurrences must show). */
public final class EventContentMapper {
    static final int TASK_MINUTES = 30;

    private EventContentMapper() {
    }

    public static EventContent content(ActivitySnapshot a, List<String> attendeeEmails) {
        if (a.kind() == ActivityKind.TASK) {
            if (a.dueTime() == null) {
                LocalDateTime day = a.dueDate().atStartOfDay();
                return new EventContent(a.subject(), a.body(), a.location(), day, day.plusDays(1), true, a.timeZone(),
                        List.of());
            }
            LocalDateTime at = a.dueDate().atTime(a.dueTime());
            return new EventContent(a.subject(), a.body(), a.location(), at, at.plusMinutes(TASK_MINUTES), false,
                    a.timeZone(), List.of());
        }
        return new EventContent(a.subject(), a.body(), a.location(), a.start(), a.end(), a.allDay(), a.timeZone(),
                List.copyOf(attendeeEmails), a.recurrence(), a.recurrence() == null ? List.of() : a.exceptions());
    }
}
