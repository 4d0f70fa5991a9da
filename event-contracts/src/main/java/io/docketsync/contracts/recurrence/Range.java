package io.docketsync.contracts.recurrence;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;

/**
 * Graph's {@code recurrenceRange}: over how long a series repeats. {@code startDate} is the first start's date
 * (always required); {@code endDate} (inclusive) only for {@code endDate}, {@code numberOfOccurrences} only for
 * {@code numbered}. Graph answers the unused ones too ({@code "endDate": "0001-01-01"},
 * {@code "numberOfOccurrences": 0}): they are ignored and dropped by {@link #normalized()}.
 *
 * <p>{@code recurrenceTimeZone} is optional (absent: the event's zone). Here it is an IANA id, like every zone the
 * application keeps: an adapter reading Graph maps Windows names ("GMT Standard Time") to IANA first, and may leave
 * it out when writing (Graph then uses the event's own zone). Occurrences are computed in the activity's zone.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Range(
        RangeType type,
        LocalDate startDate,
        LocalDate endDate,
        Integer numberOfOccurrences,
        String recurrenceTimeZone) {

    public static Range endDate(LocalDate startDate, LocalDate endDate) {
        return new Range(RangeType.END_DATE, startDate, endDate, null, null);
    }

    public static Range noEnd(LocalDate startDate) {
        return new Range(RangeType.NO_END, startDate, null, null, null);
    }

    public static Range numbered(LocalDate startDate, int numberOfOccurrences) {
        return new Range(RangeType.NUMBERED, startDate, null, numberOfOccurrences, null);
    }

    public Range withRecurrenceTimeZone(String zone) {
        return new Range(type, startDate, endDate, numberOfOccurrences, zone);
    }

    /** The same range with only the fields its type uses; a blank time zone is no time zone. */
    public Range normalized() {
        if (type == null) {
            return this;
        }
        return new Range(type, startDate,
                type == RangeType.END_DATE ? endDate : null,
                type == RangeType.NUMBERED ? numberOfOccurrences : null,
                recurrenceTimeZone == null || recurrenceTimeZone.isBlank() ? null : recurrenceTimeZone.trim());
    }
}
