package io.docketsync.sync.domain;

import io.docketsync.contracts.ActivityKind;
import io.docketsync.contracts.ActivitySnapshot;
import java.time.LocalDate;
import java.util.Set;

/**
 * Which activities "Push my calendar to 365" pushes for a user: those with push set that the user is scheduled
 * for, dated in the range (default 30 days back and everything ahead), and not in their calendar yet.
 */
public final class PushMyCalendar {
    public static final int DEFAULT_DAYS_BACK = 30;

    private PushMyCalendar() {
    }

    public static LocalDate defaultFrom(LocalDate today) {
        return today.minusDays(DEFAULT_DAYS_BACK);
    }

    /** {@code to} null means everything ahead; {@code linkedForUser} the activity ids already in the user's calendar. */
    public static boolean selects(ActivitySnapshot a, String userId, LocalDate from, LocalDate to,
            Set<String> linkedForUser) {
        if (!a.pushToOffice365() || !a.scheduledFor().contains(userId) || linkedForUser.contains(a.id())) {
            return false;
        }
        if (a.recurring() && a.start() != null && a.end() != null) {
            // a series is pushed when any of its occurrences falls in the range (an open range: the next two years)
            LocalDate until = to != null ? to : from.plusYears(2);
            return !io.docketsync.contracts.recurrence.Occurrences.expand(a.recurrence(), a.start(),
                    java.time.Duration.between(a.start(), a.end()), SeriesView.zone(a.timeZone()), a.exceptions(), from, until)
                    .isEmpty();
        }
        LocalDate day = a.kind() == ActivityKind.TASK ? a.dueDate()
                : a.start() == null ? null : a.start().toLocalDate();
        if (day == null) {
            return false;
        }
        return !day.isBefore(from) && (to == null || !day.isAfter(to));
    }

    /**
     * The mailbox's events that carry our property, by the activity it names (the first of several: a duplicate made
     * before is not linked twice). Push my calendar links these instead of making the activity's event again.
     */
    public static java.util.Map<String, OfficeEvent> ours(java.util.List<OfficeEvent> events) {
        java.util.Map<String, OfficeEvent> byActivity = new java.util.LinkedHashMap<>();
        for (OfficeEvent e : events) {
            if (e.stampedActivity() != null && !e.occurrence()) {
                byActivity.putIfAbsent(e.stampedActivity(), e);
            }
        }
        return byActivity;
    }
}
