package io.docketsync.contracts.recurrence;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.DayOfWeek;
import java.util.Arrays;
import java.util.List;

/**
 * Graph's {@code recurrencePattern}: how often a series repeats. Which fields a type uses:
 * <pre>
 * daily            interval
 * weekly           interval, daysOfWeek, firstDayOfWeek (default sunday)
 * absoluteMonthly  interval, dayOfMonth
 * relativeMonthly  interval, daysOfWeek, index (default first)
 * absoluteYearly   interval, month, dayOfMonth
 * relativeYearly   interval, month, daysOfWeek, index (default first)
 * </pre>
 * Graph answers the unused fields too ({@code "month": 0}, {@code "index": "first"}): they are read as they come,
 * ignored by {@link RecurrenceRules} and {@link Occurrences}, and dropped by {@link #normalized()}.
 * The constructor does not check anything: {@link RecurrenceRules#validate} says what is wrong.
 * {@code daysOfWeek} is never null (absent = empty) and is written only when not empty, null fields not at all,
 * so what is written is what Graph accepts ("include only the properties that you need").
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Pattern(
        PatternType type,
        int interval,
        Integer month,
        Integer dayOfMonth,
        @JsonSerialize(contentUsing = GraphDayOfWeek.Writer.class)
        @JsonDeserialize(contentUsing = GraphDayOfWeek.Reader.class)
        List<DayOfWeek> daysOfWeek,
        @JsonSerialize(using = GraphDayOfWeek.Writer.class)
        @JsonDeserialize(using = GraphDayOfWeek.Reader.class)
        DayOfWeek firstDayOfWeek,
        WeekIndex index) {

    public Pattern {
        daysOfWeek = daysOfWeek == null ? List.of() : List.copyOf(daysOfWeek);
    }

    public static Pattern daily(int interval) {
        return new Pattern(PatternType.DAILY, interval, null, null, List.of(), null, null);
    }

    /** weeks beginning on sunday, Graph's default; see {@link #weeksBeginningOn} */
    public static Pattern weekly(int interval, DayOfWeek... days) {
        return new Pattern(PatternType.WEEKLY, interval, null, null, Arrays.asList(days), DayOfWeek.SUNDAY, null);
    }

    public static Pattern absoluteMonthly(int interval, int dayOfMonth) {
        return new Pattern(PatternType.ABSOLUTE_MONTHLY, interval, null, dayOfMonth, List.of(), null, null);
    }

    public static Pattern relativeMonthly(int interval, WeekIndex index, DayOfWeek... days) {
        return new Pattern(PatternType.RELATIVE_MONTHLY, interval, null, null, Arrays.asList(days), null, index);
    }

    public static Pattern absoluteYearly(int interval, int month, int dayOfMonth) {
        return new Pattern(PatternType.ABSOLUTE_YEARLY, interval, month, dayOfMonth, List.of(), null, null);
    }

    public static Pattern relativeYearly(int interval, int month, WeekIndex index, DayOfWeek... days) {
        return new Pattern(PatternType.RELATIVE_YEARLY, interval, month, null, Arrays.asList(days), null, index);
    }

    /** the same pattern with weeks beginning on {@code day} */
    public Pattern weeksBeginningOn(DayOfWeek day) {
        return new Pattern(type, interval, month, dayOfMonth, daysOfWeek, day, index);
    }

    /** {@code firstDayOfWeek}, or Graph's default (sunday) */
    public DayOfWeek weekStart() {
        return firstDayOfWeek == null ? DayOfWeek.SUNDAY : firstDayOfWeek;
    }

    /** {@code index}, or Graph's default (first) */
    public WeekIndex weekIndex() {
        return index == null ? WeekIndex.FIRST : index;
    }

    /**
     * The same pattern with only the fields its type uses, defaults made explicit (weekly: firstDayOfWeek;
     * relative: index) and days in week order without repeats: two patterns that mean the same are equal once
     * normalized, whether they came from the application or back from Graph.
     */
    public Pattern normalized() {
        if (type == null) {
            return this;
        }
        List<DayOfWeek> days = type == PatternType.WEEKLY || type.isRelative()
                ? daysOfWeek.stream().distinct().sorted().toList() : List.of();
        return new Pattern(type, interval,
                type.isYearly() ? month : null,
                type.isAbsolute() ? dayOfMonth : null,
                days,
                type == PatternType.WEEKLY ? weekStart() : null,
                type.isRelative() ? weekIndex() : null);
    }
}
