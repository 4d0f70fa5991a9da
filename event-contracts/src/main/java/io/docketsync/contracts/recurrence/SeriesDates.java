package io.docketsync.contracts.recurrence;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The dates a well-formed recurrence (no structural violation, see {@link RecurrenceRules}) puts occurrences on,
 * walked period by period (a period: interval days, weeks, months or years) from the period that holds a given
 * day, found arithmetically, so that a window far into a series costs what the window holds, not what precedes it.
 * The number of occurrences before a period is arithmetic too (every period but the first holds the same number),
 * which is how a numbered range ends without walking from its start.
 */
final class SeriesDates {
    private final PatternType type;
    private final long interval;
    private final LocalDate start;
    private final LocalDate last; // endDate range: inclusive; otherwise null
    private final long limit; // numbered range: the number of occurrences; otherwise no limit
    private final List<DayOfWeek> days; // weekly and relative: distinct, in week order
    private final Integer dayOfMonth;
    private final Integer month;
    private final WeekIndex index;
    private final LocalDate weekZero; // weekly: the first day of the week holding the start
    private final int inFirstPeriod; // occurrences in period 0 (those on or after the start)

    SeriesDates(Recurrence r) {
        Pattern p = r.pattern();
        Range range = r.range();
        type = p.type();
        interval = p.interval();
        start = range.startDate();
        last = range.type() == RangeType.END_DATE ? range.endDate() : null;
        limit = range.type() == RangeType.NUMBERED ? range.numberOfOccurrences() : Long.MAX_VALUE;
        days = p.daysOfWeek().stream().distinct().sorted().toList();
        dayOfMonth = p.dayOfMonth();
        month = p.month();
        index = p.weekIndex();
        weekZero = start.with(TemporalAdjusters.previousOrSame(p.weekStart()));
        inFirstPeriod = datesOf(0).size();
    }

    LocalDate start() {
        return start;
    }

    /**
     * Offers the series' dates on or after {@code from}, in order, to {@code visitor} until it answers false or the
     * series ends (end date, number of occurrences, or the calendar's end).
     */
    void forEachFrom(LocalDate from, Predicate<LocalDate> visitor) {
        try {
            long period = firstPeriodFor(from);
            long before = occurrencesBefore(period);
            while (true) {
                for (LocalDate date : datesOf(period)) {
                    if (before >= limit || (last != null && date.isAfter(last))) {
                        return;
                    }
                    before++;
                    if (!date.isBefore(from) && !visitor.test(date)) {
                        return;
                    }
                }
                period++;
            }
        } catch (DateTimeException | ArithmeticException beyondTheCalendar) {
            // year 999,999,999 or a long overflow: the series ends with the calendar
        }
    }

    /** Whether the series has an occurrence on {@code date}. */
    boolean contains(LocalDate date) {
        boolean[] found = {false};
        forEachFrom(date, d -> {
            found[0] = d.equals(date);
            return false;
        });
        return found[0];
    }

    /** The series' first date, or null when it has none. */
    LocalDate first() {
        LocalDate[] first = {null};
        forEachFrom(start, d -> {
            first[0] = d;
            return false;
        });
        return first[0];
    }

    /** The number of occurrences, counting no further than {@code cap + 1}. */
    long countUpTo(long cap) {
        long[] n = {0};
        forEachFrom(start, d -> ++n[0] <= cap);
        return n[0];
    }

    /** The first period that may hold a date on or after {@code from} (floor division: never one too far). */
    private long firstPeriodFor(LocalDate from) {
        if (!from.isAfter(start)) {
            return 0;
        }
        return switch (type) {
            case DAILY -> ChronoUnit.DAYS.between(start, from) / interval;
            case WEEKLY -> ChronoUnit.DAYS.between(weekZero, from) / 7 / interval;
            case ABSOLUTE_MONTHLY, RELATIVE_MONTHLY ->
                    ChronoUnit.MONTHS.between(YearMonth.from(start), YearMonth.from(from)) / interval;
            case ABSOLUTE_YEARLY, RELATIVE_YEARLY -> ((long) from.getYear() - start.getYear()) / interval;
        };
    }

    private long occurrencesBefore(long period) {
        if (period == 0) {
            return 0;
        }
        long perPeriod = type == PatternType.WEEKLY ? days.size() : 1;
        return Math.addExact(inFirstPeriod, Math.multiplyExact(period - 1, perPeriod));
    }

    /** The dates of one period on or after the start, in order. */
    private List<LocalDate> datesOf(long period) {
        long step = Math.multiplyExact(period, interval);
        List<LocalDate> dates = new ArrayList<>(days.size() + 1);
        switch (type) {
            case DAILY -> dates.add(start.plusDays(step));
            case WEEKLY -> {
                LocalDate weekStart = weekZero.plusWeeks(step);
                for (DayOfWeek day : days) {
                    dates.add(weekStart.with(TemporalAdjusters.nextOrSame(day)));
                }
                dates.sort(null);
            }
            case ABSOLUTE_MONTHLY, RELATIVE_MONTHLY -> dates.add(dayIn(YearMonth.from(start).plusMonths(step)));
            case ABSOLUTE_YEARLY, RELATIVE_YEARLY ->
                    dates.add(dayIn(YearMonth.of(Math.toIntExact(Math.addExact(start.getYear(), step)), month)));
        }
        if (period == 0) {
            dates.removeIf(d -> d.isBefore(start));
        }
        return dates;
    }

    /** The pattern's day in a month: the absolute day (the last day of a shorter month) or the relative one. */
    private LocalDate dayIn(YearMonth ym) {
        if (type.isAbsolute()) {
            return ym.atDay(Math.min(dayOfMonth, ym.lengthOfMonth()));
        }
        List<LocalDate> matching = new ArrayList<>(7);
        for (int d = 1; d <= ym.lengthOfMonth(); d++) {
            LocalDate date = ym.atDay(d);
            if (days.contains(date.getDayOfWeek())) {
                matching.add(date);
            }
        }
        // at least 4 of each weekday in any month: first..fourth always exist
        return index == WeekIndex.LAST ? matching.get(matching.size() - 1) : matching.get(index.ordinalInMonth() - 1);
    }
}
