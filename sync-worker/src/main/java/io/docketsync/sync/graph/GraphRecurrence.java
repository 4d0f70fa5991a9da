package io.docketsync.sync.graph;

import com.microsoft.graph.models.PatternedRecurrence;
import com.microsoft.graph.models.RecurrencePattern;
import com.microsoft.graph.models.RecurrencePatternType;
import com.microsoft.graph.models.RecurrenceRange;
import com.microsoft.graph.models.RecurrenceRangeType;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.recurrence.Pattern;
import io.docketsync.contracts.recurrence.PatternType;
import io.docketsync.contracts.recurrence.Range;
import io.docketsync.contracts.recurrence.RangeType;
import io.docketsync.contracts.recurrence.Recurrence;
import io.docketsync.contracts.recurrence.WeekIndex;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Locale;

/**
 * Our {@link Recurrence} and the Graph SDK's {@link PatternedRecurrence}: the same vocabulary (Graph's), mapped by
 * Graph's spelling of each value. Graph answers unused fields (month 0, endDate 0001-01-01): they are dropped by
 * {@link Recurrence#normalized()}.
 */
final class GraphRecurrence {
    private GraphRecurrence() {
    }

    static PatternedRecurrence toGraph(Recurrence r) {
        Pattern p = r.pattern();
        RecurrencePattern pattern = new RecurrencePattern();
        pattern.setType(RecurrencePatternType.forValue(spelling(p.type())));
        pattern.setInterval(p.interval());
        pattern.setMonth(p.month());
        pattern.setDayOfMonth(p.dayOfMonth());
        if (p.daysOfWeek() != null && !p.daysOfWeek().isEmpty()) {
            pattern.setDaysOfWeek(p.daysOfWeek().stream().map(GraphRecurrence::day).toList());
        }
        if (p.firstDayOfWeek() != null) {
            pattern.setFirstDayOfWeek(day(p.firstDayOfWeek()));
        }
        if (p.index() != null) {
            pattern.setIndex(com.microsoft.graph.models.WeekIndex.forValue(spelling(p.index())));
        }
        Range r0 = r.range();
        RecurrenceRange range = new RecurrenceRange();
        range.setType(RecurrenceRangeType.forValue(spelling(r0.type())));
        range.setStartDate(r0.startDate());
        range.setEndDate(r0.endDate());
        range.setNumberOfOccurrences(r0.numberOfOccurrences());
        range.setRecurrenceTimeZone(r0.recurrenceTimeZone());
        PatternedRecurrence recurrence = new PatternedRecurrence();
        recurrence.setPattern(pattern);
        recurrence.setRange(range);
        return recurrence;
    }

    static Recurrence fromGraph(PatternedRecurrence g) {
        if (g == null || g.getPattern() == null || g.getRange() == null) {
            return null;
        }
        RecurrencePattern p = g.getPattern();
        RecurrenceRange r = g.getRange();
        Pattern pattern = new Pattern(parse(PatternType.class, p.getType() == null ? null : p.getType().getValue()),
                p.getInterval() == null ? 1 : p.getInterval(), p.getMonth(), p.getDayOfMonth(),
                p.getDaysOfWeek() == null ? List.of() : p.getDaysOfWeek().stream()
                        .map(d -> DayOfWeek.valueOf(d.getValue().toUpperCase(Locale.ROOT))).toList(),
                p.getFirstDayOfWeek() == null ? null
                        : DayOfWeek.valueOf(p.getFirstDayOfWeek().getValue().toUpperCase(Locale.ROOT)),
                parse(WeekIndex.class, p.getIndex() == null ? null : p.getIndex().getValue()));
        Range range = new Range(parse(RangeType.class, r.getType() == null ? null : r.getType().getValue()),
                r.getStartDate(), r.getEndDate(), r.getNumberOfOccurrences(), r.getRecurrenceTimeZone());
        return new Recurrence(pattern, range).normalized();
    }

    private static com.microsoft.graph.models.DayOfWeek day(DayOfWeek d) {
        return com.microsoft.graph.models.DayOfWeek.forValue(d.name().toLowerCase(Locale.ROOT));
    }

    /** Graph's spelling of one of our enum values (as its JSON says it). */
    private static String spelling(Enum<?> value) {
        return EventCodec.mapper().convertValue(value, String.class);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String graphSpelling) {
        return graphSpelling == null ? null : EventCodec.mapper().convertValue(graphSpelling, type);
    }
}
