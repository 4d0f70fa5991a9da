package io.docketsync.contracts.recurrence;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Graph's {@code recurrencePatternType}; JSON uses Graph's spelling ({@code "absoluteMonthly"}). */
public enum PatternType {
    /** every {@code interval} days */
    @JsonProperty("daily") DAILY,
    /** on {@code daysOfWeek} of every {@code interval}-th week, weeks starting on {@code firstDayOfWeek} */
    @JsonProperty("weekly") WEEKLY,
    /** on {@code dayOfMonth} of every {@code interval}-th month (the month's last day when it is shorter) */
    @JsonProperty("absoluteMonthly") ABSOLUTE_MONTHLY,
    /** on the {@code index}-th of the {@code daysOfWeek} of every {@code interval}-th month */
    @JsonProperty("relativeMonthly") RELATIVE_MONTHLY,
    /** on {@code month}/{@code dayOfMonth} every {@code interval} years (Feb 28 for Feb 29 in common years) */
    @JsonProperty("absoluteYearly") ABSOLUTE_YEARLY,
    /** on the {@code index}-th of the {@code daysOfWeek} of {@code month} every {@code interval} years */
    @JsonProperty("relativeYearly") RELATIVE_YEARLY;

    public boolean isWeekly() {
        return this == WEEKLY;
    }

    public boolean isMonthly() {
        return this == ABSOLUTE_MONTHLY || this == RELATIVE_MONTHLY;
    }

    public boolean isYearly() {
        return this == ABSOLUTE_YEARLY || this == RELATIVE_YEARLY;
    }

    /** uses {@code daysOfWeek} + {@code index} */
    public boolean isRelative() {
        return this == RELATIVE_MONTHLY || this == RELATIVE_YEARLY;
    }

    /** uses {@code dayOfMonth} */
    public boolean isAbsolute() {
        return this == ABSOLUTE_MONTHLY || this == ABSOLUTE_YEARLY;
    }
}
