package io.docketsync.contracts.recurrence;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A series' occurrences, as Outlook and Graph compute them, and how to find one by its key (series, original
 * start). Pure functions, no I/O.
 *
 * <p><b>Times.</b> Every occurrence starts at the first start's wall-clock time in the activity's zone, whatever
 * the UTC offset that day (a 09:00 meeting is at 09:00 in summer and winter); its end is its start plus the series'
 * length on the wall clock. A wall-clock time that does not exist (the hour a clock skips in spring) is moved later
 * by the gap, as {@link ZonedDateTime#of} does (01:30 on the day London skips 01:00–02:00 is 02:30); an ambiguous
 * one (the hour repeated in autumn) is its earlier instant. The original start, the occurrence's key, is that moved
 * time, so it converts to the instant Graph reports as {@code originalStart} ({@link #instantOf}).
 *
 * <p><b>Dates.</b> The series begins on {@code range.startDate} (the first start's date); a pattern day before it
 * is not an occurrence. daily: every interval days. weekly: the given days of every interval-th week, weeks
 * beginning on firstDayOfWeek (default sunday) and counted from the week holding the start date. absoluteMonthly:
 * dayOfMonth of every interval-th month, counted from the start's month; in a shorter month, its last day (the 31st
 * is Apr 30, Feb 28/29), as Exchange documents. relativeMonthly: the index-th of the month's days that are one of
 * daysOfWeek (first, second, third, fourth; last: the month's last such day, the 5th Friday when there is one);
 * with several days, those days together are counted ("the second weekday"). absoluteYearly: month/dayOfMonth
 * every interval years (Feb 29: Feb 28 in common years, as Exchange documents). relativeYearly: relativeMonthly in
 * month every interval years. Range: endDate inclusive; numbered counts occurrences from the start date, cancelled
 * ones included (cancelling one does not lengthen the series); noEnd ends with the window.
 *
 * <p><b>Windows.</b> An occurrence is in {@code [from, to]} when it starts on one of those days (inclusive, in the
 * zone): consecutive windows hold each occurrence exactly once. The walk begins at the period holding
 * {@code from}, found arithmetically (days, weeks, months, years), never at the series' start.
 */
public final class Occurrences {
    private Occurrences() {
    }

    /**
     * The occurrences starting on a day in {@code [from, to]}, sorted by start: those the series puts there, minus
     * those an exception cancels or moves away, plus those an exception moves there (with the exception's times,
     * {@code exception} true, their original start kept). Exceptions that are not of the series, and any after
     * the first for one original start, are ignored ({@link RecurrenceRules#validate} reports them).
     *
     * @param firstStart the series' first start (wall clock in {@code zone}): its time of day is every occurrence's
     * @param length every occurrence's length (wall clock), usually first end minus first start
     * @param exceptions changed and cancelled occurrences; null means none
     * @throws IllegalArgumentException when the recurrence is not well-formed (its dates undefined) or the length
     *         is negative
     */
    public static List<Occurrence> expand(Recurrence r, LocalDateTime firstStart, Duration length, ZoneId zone,
            List<RecurrenceException> exceptions, LocalDate from, LocalDate to) {
        Objects.requireNonNull(firstStart, "firstStart");
        Objects.requireNonNull(length, "length");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (length.isNegative()) {
            throw new IllegalArgumentException("negative length " + length);
        }
        SeriesDates dates = series(r);
        List<Occurrence> found = new ArrayList<>();
        if (to.isBefore(from)) {
            return found;
        }
        Map<LocalDateTime, RecurrenceException> byOriginalStart = exceptionsOf(dates, firstStart, zone, exceptions);
        LocalTime time = firstStart.toLocalTime();
        // one day early: a time moved over midnight by a gap starts the next day
        dates.forEachFrom(from.minusDays(1), date -> {
            if (date.isAfter(to)) {
                return false;
            }
            LocalDateTime start = wallClock(date.atTime(time), zone);
            if (within(start, from, to) && !byOriginalStart.containsKey(start)) {
                found.add(new Occurrence(start, start, wallClock(start.plus(length), zone), false));
            }
            return true;
        });
        for (RecurrenceException e : byOriginalStart.values()) {
            if (!e.cancelled()) {
                LocalDateTime start = wallClock(e.effectiveStart(), zone);
                if (within(start, from, to)) {
                    found.add(new Occurrence(e.originalStart(), start, wallClock(e.effectiveEnd(length), zone), true));
                }
            }
        }
        found.sort(Comparator.comparing(Occurrence::start).thenComparing(Occurrence::originalStart));
        return found;
    }

    /**
     * Whether the series puts an occurrence at {@code originalStart} (wall clock in {@code zone}): the key an
     * exception or a Graph instance names, checked without walking the series. Cancelled occurrences are still
     * occurrences of the series.
     *
     * @throws IllegalArgumentException when the recurrence is not well-formed
     */
    public static boolean isOccurrence(Recurrence r, LocalDateTime firstStart, ZoneId zone,
            LocalDateTime originalStart) {
        return isOccurrence(series(r), firstStart, zone, originalStart);
    }

    /**
     * The occurrence keyed {@code originalStart} as it is now: with its exception's times when changed; empty when
     * the series has no such occurrence or it is cancelled.
     */
    public static Optional<Occurrence> find(Recurrence r, LocalDateTime firstStart, Duration length, ZoneId zone,
            List<RecurrenceException> exceptions, LocalDateTime originalStart) {
        SeriesDates dates = series(r);
        if (!isOccurrence(dates, firstStart, zone, originalStart)) {
            return Optional.empty();
        }
        Optional<RecurrenceException> e = exceptionFor(exceptions, originalStart);
        if (e.isEmpty()) {
            return Optional.of(new Occurrence(originalStart, originalStart, wallClock(originalStart.plus(length), zone),
                    false));
        }
        return e.filter(x -> !x.cancelled()).map(x -> new Occurrence(originalStart, wallClock(x.effectiveStart(), zone),
                wallClock(x.effectiveEnd(length), zone), true));
    }

    /** The (first) exception keyed {@code originalStart}. */
    public static Optional<RecurrenceException> exceptionFor(List<RecurrenceException> exceptions,
            LocalDateTime originalStart) {
        if (exceptions == null || originalStart == null) {
            return Optional.empty();
        }
        return exceptions.stream().filter(e -> e != null && originalStart.equals(e.originalStart())).findFirst();
    }

    /** The key of the occurrence Graph names by its {@code originalStart} (an instant): its wall clock in the zone. */
    public static LocalDateTime originalStartOf(Instant graphOriginalStart, ZoneId zone) {
        return LocalDateTime.ofInstant(graphOriginalStart, zone);
    }

    /** The instant of an occurrence's key, to compare with Graph's {@code originalStart}. */
    public static Instant instantOf(LocalDateTime originalStart, ZoneId zone) {
        return ZonedDateTime.of(originalStart, zone).toInstant();
    }

    private static boolean isOccurrence(SeriesDates dates, LocalDateTime firstStart, ZoneId zone,
            LocalDateTime originalStart) {
        Objects.requireNonNull(firstStart, "firstStart");
        Objects.requireNonNull(zone, "zone");
        if (originalStart == null) {
            return false;
        }
        LocalTime time = firstStart.toLocalTime();
        LocalDate day = originalStart.toLocalDate();
        boolean[] found = {false};
        dates.forEachFrom(day.minusDays(1), date -> {
            if (date.isAfter(day)) {
                return false;
            }
            found[0] = wallClock(date.atTime(time), zone).equals(originalStart);
            return !found[0];
        });
        return found[0];
    }

    private static Map<LocalDateTime, RecurrenceException> exceptionsOf(SeriesDates dates, LocalDateTime firstStart,
            ZoneId zone, List<RecurrenceException> exceptions) {
        Map<LocalDateTime, RecurrenceException> map = new LinkedHashMap<>();
        if (exceptions != null) {
            for (RecurrenceException e : exceptions) {
                if (e != null && e.originalStart() != null && !map.containsKey(e.originalStart())
                        && isOccurrence(dates, firstStart, zone, e.originalStart())) {
                    map.put(e.originalStart(), e);
                }
            }
        }
        return map;
    }

    private static SeriesDates series(Recurrence r) {
        List<Violation> violations = RecurrenceRules.structural(r);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("not a well-formed recurrence: " + violations);
        }
        return new SeriesDates(r);
    }

    /** The wall-clock time as it exists in the zone: a time in a gap moved later by the gap. */
    static LocalDateTime wallClock(LocalDateTime t, ZoneId zone) {
        return ZonedDateTime.of(t, zone).toLocalDateTime();
    }

    private static boolean within(LocalDateTime start, LocalDate from, LocalDate to) {
        LocalDate day = start.toLocalDate();
        return !day.isBefore(from) && !day.isAfter(to);
    }
}
