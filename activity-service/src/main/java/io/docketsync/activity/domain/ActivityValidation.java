package io.docketsync.activity.domain;

import io.docketsync.api.Violation;
import io.docketsync.contracts.ActivityKind;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules an activity's content must follow, each broken rule named by its field. No I/O. */
public final class ActivityValidation {
    public static final int MAX_SUBJECT = 255;
    public static final int MAX_LOCATION = 255;
    public static final int MAX_BODY = 32_000;
    public static final int MAX_SCHEDULED_USERS = 100;
    /** User ids as the identity provider issues them; the restriction also keeps them safe inside JSON and LIKE. */
    public static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}");

    private ActivityValidation() {
    }

    /** Everything that can be judged from the draft alone. */
    public static List<Violation> check(ActivityDraft d) {
        List<Violation> v = new ArrayList<>();
        if (d.kind() == null) {
            v.add(new Violation("kind", "required: APPOINTMENT or TASK"));
        }
        if (d.subject() == null || d.subject().isBlank()) {
            v.add(new Violation("subject", "required and not blank"));
        } else if (d.subject().length() > MAX_SUBJECT) {
            v.add(new Violation("subject", "at most " + MAX_SUBJECT + " characters (got " + d.subject().length() + ")"));
        }
        if (d.location() != null && d.location().length() > MAX_LOCATION) {
            v.add(new Violation("location", "at most " + MAX_LOCATION + " characters (got " + d.location().length() + ")"));
        }
        if (d.body() != null && d.body().length() > MAX_BODY) {
            v.add(new Violation("body", "at most " + MAX_BODY + " characters (got " + d.body().length() + ")"));
        }
        if (d.timeZone() == null || d.timeZone().isBlank()) {
            v.add(new Violation("timeZone", "required: an IANA time zone such as Europe/London"));
        }
        boolean timesValid = d.timeZone() != null && !d.timeZone().isBlank();
        if (d.kind() != null) {
            List<Violation> times = check(d.kind(), d.start(), d.end(), d.allDay(), d.dueDate(), d.dueTime(),
                    d.timeZone() == null || d.timeZone().isBlank() ? null : d.timeZone());
            timesValid &= times.isEmpty();
            v.addAll(times);
        }
        v.addAll(Series.check(d, timesValid));
        v.addAll(checkScheduledFor(d.scheduledFor()));
        if (d.organizerId() != null && !USER_ID.matcher(d.organizerId()).matches()) {
            v.add(new Violation("organizerId", "not a user id"));
        }
        if (d.kind() == ActivityKind.TASK && d.organizerId() != null) {
            v.add(new Violation("organizerId", "only appointments have an organizer"));
        }
        return v;
    }

    private static List<Violation> checkScheduledFor(List<String> users) {
        List<Violation> v = new ArrayList<>();
        if (users == null) {
            v.add(new Violation("scheduledFor", "required: a list of user ids ([] for an unscheduled activity)"));
            return v;
        }
        // an empty list is an unscheduled activity: in nobody's calendar, pushed nowhere, listed for its creator and
        // organizer; what a restricted user's Outlook edit or deletion leaves of an activity scheduled for them alone
        if (users.size() > MAX_SCHEDULED_USERS) {
            v.add(new Violation("scheduledFor", "at most " + MAX_SCHEDULED_USERS + " users (got " + users.size() + ")"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < users.size(); i++) {
            String u = users.get(i);
            if (u == null || !USER_ID.matcher(u).matches()) {
                v.add(new Violation("scheduledFor[" + i + "]", "not a user id"));
            } else if (!seen.add(u)) {
                v.add(new Violation("scheduledFor[" + i + "]", "'" + u + "' is listed twice"));
            }
        }
        return v;
    }

    /**
     * Users the draft names that the firm does not have, and users it newly schedules (or makes organizer) that
     * the firm has deactivated. Those already on the activity may stay: deactivating a user does not lock the
     * activities they are on.
     */
    public static List<Violation> unknownUsers(ActivityDraft d, Set<String> firmUsers, Set<String> activeUsers,
            List<String> alreadyNamed) {
        List<Violation> v = new ArrayList<>();
        List<String> scheduled = d.scheduledFor() == null ? List.of() : d.scheduledFor();
        for (int i = 0; i < scheduled.size(); i++) {
            String field = "scheduledFor[" + i + "]";
            problemWith(scheduled.get(i), firmUsers, activeUsers, alreadyNamed)
                    .ifPresent(why -> v.add(new Violation(field, why)));
        }
        if (d.organizerId() != null) {
            problemWith(d.organizerId(), firmUsers, activeUsers, alreadyNamed)
                    .ifPresent(why -> v.add(new Violation("organizerId", why)));
        }
        return v;
    }

    private static Optional<String> problemWith(String user, Set<String> firmUsers, Set<String> activeUsers,
            List<String> alreadyNamed) {
        if (!firmUsers.contains(user)) {
            return Optional.of("'" + user + "' is not a user of this firm");
        }
        if (!activeUsers.contains(user) && !alreadyNamed.contains(user)) {
            return Optional.of("'" + user + "' is deactivated in this firm");
        }
        return Optional.empty();
    }

    /** The time rules of each kind. {@code timeZone} null means "not given" (reported elsewhere). */
    public static List<Violation> check(ActivityKind kind, LocalDateTime start, LocalDateTime end, boolean allDay,
            LocalDate dueDate, LocalTime dueTime, String timeZone) {
        List<Violation> v = new ArrayList<>();
        SupportedDates.check("start", start == null ? null : start.toLocalDate(), v);
        SupportedDates.check("end", end == null ? null : end.toLocalDate(), v);
        SupportedDates.check("dueDate", dueDate, v);
        if (timeZone != null && !isZone(timeZone)) {
            v.add(new Violation("timeZone", "'" + timeZone + "' is not an IANA time zone (e.g. Europe/London)"));
        }
        if (kind == ActivityKind.TASK) {
            if (dueDate == null) {
                v.add(new Violation("dueDate", "a task needs a due date"));
            }
            if (start != null) {
                v.add(new Violation("start", "a task has no start: use dueDate and dueTime"));
            }
            if (end != null) {
                v.add(new Violation("end", "a task has no end: use dueDate and dueTime"));
            }
            if (allDay) {
                v.add(new Violation("allDay", "a task is all-day when it has no dueTime"));
            }
            return v;
        }
        if (dueDate != null) {
            v.add(new Violation("dueDate", "an appointment has no due date: use start and end"));
        }
        if (dueTime != null) {
            v.add(new Violation("dueTime", "an appointment has no due time: use start and end"));
        }
        if (start == null) {
            v.add(new Violation("start", "an appointment needs a start"));
        }
        if (end == null) {
            v.add(new Violation("end", "an appointment needs an end"));
        }
        if (start != null && end != null && !end.isAfter(start)) {
            v.add(new Violation("end", "must be after start"));
        }
        if (allDay && start != null && end != null
                && (!start.toLocalTime().equals(LocalTime.MIDNIGHT) || !end.toLocalTime().equals(LocalTime.MIDNIGHT))) {
            v.add(new Violation("allDay", "an all-day appointment starts and ends at midnight"));
        }
        return v;
    }

    static boolean isZone(String zone) {
        // ZoneId.of also accepts offsets such as +02:00, which are not IANA zones and do not follow DST
        if (!zone.contains("/") && !zone.equals("UTC")) {
            return false;
        }
        try {
            ZoneId.of(zone);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
