package io.docketsync.contracts.recurrence;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What makes a series and its exceptions acceptable: each rule answers a {@link Violation} (field path and
 * message); an empty list means valid. Pure functions, no I/O.
 *
 * <p><b>Series.</b> The pattern needs what its type uses (see {@link Pattern}): interval 1 or more; weekly: days;
 * absoluteMonthly: dayOfMonth 1–31; relativeMonthly/Yearly: days and index; absoluteYearly: month 1–12 and a
 * dayOfMonth that month can have (Feb 29 is fine: Feb 28 in common years); relativeYearly: month. The range needs a
 * type and a start date equal to the first start's date; endDate: an end date not before it; numbered: 1 or more.
 * The first start must be an occurrence (a day of the pattern): Office 365 moves a series' start to its first
 * occurrence, so an activity whose start is not one would not be what Outlook shows. A recurrence time zone, when
 * given, is an IANA id ({@link ZoneId}).
 *
 * <p><b>The bound: {@value #MAX_OCCURRENCES} occurrences for a series that ends</b> (numbered, or by an end date).
 * 999 is the most Outlook's "End after" takes, so every numbered series an Outlook user can make passes; an end-date
 * series is held to the same number, because it is the same series written another way (a mistyped end year, 2206
 * for 2026, is what this catches). A series with no end is not bounded: no pattern has more than one occurrence a
 * day, and everything here works on a window ({@link Occurrences#expand}), so an every-weekday series with no end,
 * an ordinary docket review, costs what the window holds. Counting an end-date series stops at the bound.
 *
 * <p><b>Exceptions.</b> Each is keyed by an original start that is an occurrence of the series (the wall-clock time
 * the series puts it at, in the activity's zone), no two share one, and a changed occurrence does not end before it
 * starts (zero length is allowed, as for a series).
 */
public final class RecurrenceRules {
    /** The most occurrences a series that ends (numbered or by end date) may have. */
    public static final int MAX_OCCURRENCES = 999;

    private RecurrenceRules() {
    }

    /** The series' violations: pattern, range, bound, time zone, and its first start and end. */
    public static List<Violation> validate(Recurrence r, LocalDateTime firstStart, LocalDateTime firstEnd) {
        List<Violation> violations = new ArrayList<>(structural(r));
        if (firstStart == null) {
            violations.add(new Violation("start", "is required"));
        }
        if (firstEnd == null) {
            violations.add(new Violation("end", "is required"));
        } else if (firstStart != null && firstEnd.isBefore(firstStart)) {
            violations.add(new Violation("end", "is before the start"));
        }
        if (r == null || r.range() == null) {
            return violations;
        }
        Range range = r.range();
        String zone = range.recurrenceTimeZone();
        if (zone != null && !zone.isBlank()) {
            try {
                ZoneId.of(zone.trim());
            } catch (DateTimeException e) {
                violations.add(new Violation("range.recurrenceTimeZone",
                        "'" + zone + "' is not a time zone (an IANA id such as Europe/London)"));
            }
        }
        if (range.type() == RangeType.NUMBERED && range.numberOfOccurrences() != null
                && range.numberOfOccurrences() > MAX_OCCURRENCES) {
            violations.add(new Violation("range.numberOfOccurrences",
                    "must be at most " + MAX_OCCURRENCES + "; a longer series has no end"));
        }
        if (firstStart != null && range.startDate() != null && !range.startDate().equals(firstStart.toLocalDate())) {
            violations.add(new Violation("range.startDate",
                    "must be the first start's date, " + firstStart.toLocalDate()));
        }
        if (!violations.isEmpty()) {
            return violations; // what follows needs a well-formed series starting where the activity does
        }
        SeriesDates dates = new SeriesDates(r);
        if (!dates.contains(firstStart.toLocalDate())) {
            LocalDate first = dates.first();
            violations.add(new Violation("start", firstStart.toLocalDate() + " is not a day of the pattern"
                    + (first == null ? "" : "; the series' first occurrence is on " + first)));
        }
        if (range.type() == RangeType.END_DATE && dates.countUpTo(MAX_OCCURRENCES) > MAX_OCCURRENCES) {
            violations.add(new Violation("range.endDate", "the series would have more than " + MAX_OCCURRENCES
                    + " occurrences; end it sooner or give it no end"));
        }
        return violations;
    }

    /**
     * The series' violations and its exceptions': each must be keyed by an occurrence of the series (in
     * {@code zone}, the activity's), not twice, and not end before it starts. Exceptions are checked only when the
     * series is well-formed.
     */
    public static List<Violation> validate(Recurrence r, LocalDateTime firstStart, LocalDateTime firstEnd, ZoneId zone,
            List<RecurrenceException> exceptions) {
        List<Violation> violations = new ArrayList<>(validate(r, firstStart, firstEnd));
        if (exceptions == null || exceptions.isEmpty() || firstStart == null || firstEnd == null
                || !structural(r).isEmpty()) {
            return violations;
        }
        Duration length = firstEnd.isBefore(firstStart) ? Duration.ZERO : Duration.between(firstStart, firstEnd);
        Map<LocalDateTime, Integer> seen = new HashMap<>();
        for (int i = 0; i < exceptions.size(); i++) {
            String at = "exceptions[" + i + "]";
            RecurrenceException e = exceptions.get(i);
            if (e == null) {
                violations.add(new Violation(at, "is required"));
                continue;
            }
            if (e.originalStart() == null) {
                violations.add(new Violation(at + ".originalStart", "is required"));
                continue;
            }
            Integer earlier = seen.putIfAbsent(e.originalStart(), i);
            if (earlier != null) {
                violations.add(new Violation(at + ".originalStart",
                        e.originalStart() + " already has an exception, exceptions[" + earlier + "]"));
            } else if (!Occurrences.isOccurrence(r, firstStart, zone, e.originalStart())) {
                violations.add(new Violation(at + ".originalStart",
                        e.originalStart() + " is not an occurrence of the series"));
            }
            if (!e.cancelled() && e.effectiveEnd(length).isBefore(e.effectiveStart())) {
                violations.add(new Violation(at + ".end", "is before the start"));
            }
        }
        return violations;
    }

    /** The violations that leave the series' dates undefined (what {@link Occurrences} refuses). */
    static List<Violation> structural(Recurrence r) {
        List<Violation> v = new ArrayList<>();
        if (r == null) {
            v.add(new Violation("recurrence", "is required"));
            return v;
        }
        Pattern p = r.pattern();
        if (p == null) {
            v.add(new Violation("pattern", "is required"));
        } else if (p.type() == null) {
            v.add(new Violation("pattern.type", "is required: daily, weekly, absoluteMonthly, relativeMonthly, "
                    + "absoluteYearly or relativeYearly"));
        } else {
            pattern(p, v);
        }
        Range range = r.range();
        if (range == null) {
            v.add(new Violation("range", "is required"));
            return v;
        }
        if (range.type() == null) {
            v.add(new Violation("range.type", "is required: endDate, noEnd or numbered"));
        }
        if (range.startDate() == null) {
            v.add(new Violation("range.startDate", "is required"));
        }
        if (range.type() == RangeType.END_DATE) {
            if (range.endDate() == null) {
                v.add(new Violation("range.endDate", "is required for a series that ends by a date"));
            } else if (range.startDate() != null && range.endDate().isBefore(range.startDate())) {
                v.add(new Violation("range.endDate", "is before the start date " + range.startDate()));
            }
        }
        if (range.type() == RangeType.NUMBERED
                && (range.numberOfOccurrences() == null || range.numberOfOccurrences() < 1)) {
            v.add(new Violation("range.numberOfOccurrences", "must be 1 or more"));
        }
        return v;
    }

    private static void pattern(Pattern p, List<Violation> v) {
        PatternType type = p.type();
        if (p.interval() < 1) {
            v.add(new Violation("pattern.interval", "must be 1 or more"));
        }
        if ((type == PatternType.WEEKLY || type.isRelative()) && p.daysOfWeek().isEmpty()) {
            v.add(new Violation("pattern.daysOfWeek", "a " + name(type) + " pattern needs at least one day"));
        }
        if (type.isRelative() && p.index() == null) {
            v.add(new Violation("pattern.index", "a " + name(type) + " pattern needs an index: first, second, "
                    + "third, fourth or last"));
        }
        boolean monthKnown = true;
        if (type.isYearly() && (p.month() == null || p.month() < 1 || p.month() > 12)) {
            monthKnown = false;
            v.add(new Violation("pattern.month", "a " + name(type) + " pattern needs a month, 1 to 12"));
        }
        if (type.isAbsolute()) {
            if (p.dayOfMonth() == null || p.dayOfMonth() < 1 || p.dayOfMonth() > 31) {
                v.add(new Violation("pattern.dayOfMonth", "a " + name(type) + " pattern needs a day of the month, "
                        + "1 to 31"));
            } else if (type == PatternType.ABSOLUTE_YEARLY && monthKnown
                    && p.dayOfMonth() > Month.of(p.month()).maxLength()) {
                v.add(new Violation("pattern.dayOfMonth", Month.of(p.month()).name().charAt(0)
                        + Month.of(p.month()).name().substring(1).toLowerCase() + " has no day " + p.dayOfMonth()));
            }
        }
    }

    private static String name(PatternType type) {
        return switch (type) {
            case DAILY -> "daily";
            case WEEKLY -> "weekly";
            case ABSOLUTE_MONTHLY -> "absoluteMonthly";
            case RELATIVE_MONTHLY -> "relativeMonthly";
            case ABSOLUTE_YEARLY -> "absoluteYearly";
            case RELATIVE_YEARLY -> "relativeYearly";
        };
    }
}
