package io.docketsync.contracts.recurrence;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Graph's {@code weekIndex}: which of the month's days matching {@code daysOfWeek} a relative pattern falls on,
 * counted from the month's first day ({@code last}: the month's last matching day, e.g. the 5th Friday when
 * there is one, else the 4th).
 */
public enum WeekIndex {
    @JsonProperty("first") FIRST(1),
    @JsonProperty("second") SECOND(2),
    @JsonProperty("third") THIRD(3),
    @JsonProperty("fourth") FOURTH(4),
    @JsonProperty("last") LAST(-1);

    private final int ordinalInMonth;

    WeekIndex(int ordinalInMonth) {
        this.ordinalInMonth = ordinalInMonth;
    }

    /** 1..4, or -1 for {@link #LAST} */
    public int ordinalInMonth() {
        return ordinalInMonth;
    }
}
