package io.docketsync.contracts.recurrence;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Graph's {@code recurrenceRangeType}. */
public enum RangeType {
    /** until {@code endDate}, inclusive */
    @JsonProperty("endDate") END_DATE,
    /** forever */
    @JsonProperty("noEnd") NO_END,
    /** {@code numberOfOccurrences} occurrences counted from {@code startDate} */
    @JsonProperty("numbered") NUMBERED
}
