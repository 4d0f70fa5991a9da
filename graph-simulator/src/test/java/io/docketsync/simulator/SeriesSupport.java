package io.docketsync.simulator;

import com.microsoft.graph.models.DayOfWeek;
import com.microsoft.graph.models.Event;
import com.microsoft.graph.models.PatternedRecurrence;
import com.microsoft.graph.models.RecurrencePattern;
import com.microsoft.graph.models.RecurrencePatternType;
import com.microsoft.graph.models.RecurrenceRange;
import com.microsoft.graph.models.RecurrenceRangeType;
import com.microsoft.graph.models.WeekIndex;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import java.time.LocalDate;
import java.util.List;

/** Recurring series made and read through the Graph SDK, as the product would. */
abstract class SeriesSupport extends SimulatorTest {

    static RecurrencePattern pattern(RecurrencePatternType type, int interval) {
        RecurrencePattern p = new RecurrencePattern();
        p.setType(type);
        p.setInterval(interval);
        return p;
    }

    static RecurrencePattern weekly(int interval, DayOfWeek... days) {
        RecurrencePattern p = pattern(RecurrencePatternType.Weekly, interval);
        p.setDaysOfWeek(List.of(days));
        return p;
    }

    static RecurrencePattern relative(RecurrencePatternType type, int interval, WeekIndex index, DayOfWeek... days) {
        RecurrencePattern p = pattern(type, interval);
        p.setIndex(index);
        p.setDaysOfWeek(List.of(days));
        return p;
    }

    static RecurrenceRange numbered(String startDate, int occurrences) {
        RecurrenceRange r = new RecurrenceRange();
        r.setType(RecurrenceRangeType.Numbered);
        r.setStartDate(LocalDate.parse(startDate));
        r.setNumberOfOccurrences(occurrences);
        return r;
    }

    static RecurrenceRange until(String startDate, String endDate) {
        RecurrenceRange r = new RecurrenceRange();
        r.setType(RecurrenceRangeType.EndDate);
        r.setStartDate(LocalDate.parse(startDate));
        r.setEndDate(LocalDate.parse(endDate));
        return r;
    }

    static RecurrenceRange noEnd(String startDate) {
        RecurrenceRange r = new RecurrenceRange();
        r.setType(RecurrenceRangeType.NoEnd);
        r.setStartDate(LocalDate.parse(startDate));
        return r;
    }

    /** A series: the first start and end (local, in {@code zone}), its pattern and range. */
    static Event series(String subject, String start, String end, String zone, RecurrencePattern pattern,
            RecurrenceRange range) {
        Event e = new Event();
        e.setSubject(subject);
        e.setStart(time(start, zone));
        e.setEnd(time(end, zone));
        PatternedRecurrence recurrence = new PatternedRecurrence();
        recurrence.setPattern(pattern);
        recurrence.setRange(range);
        e.setRecurrence(recurrence);
        return e;
    }

    /** The master's occurrences and exceptions in [from, to), UTC, by GET …/events/{id}/instances. */
    static List<Event> instances(GraphServiceClient client, String masterId, String from, String to) {
        return client.me().events().byEventId(masterId).instances().get(rc -> {
            rc.queryParameters.startDateTime = from;
            rc.queryParameters.endDateTime = to;
            rc.queryParameters.top = 1000;
        }).getValue();
    }

    static List<Event> calendarView(GraphServiceClient client, String from, String to, String... prefer) {
        return client.me().calendarView().get(rc -> {
            rc.queryParameters.startDateTime = from;
            rc.queryParameters.endDateTime = to;
            rc.queryParameters.top = 1000;
            for (String p : prefer) {
                rc.headers.add("Prefer", p);
            }
        }).getValue();
    }

    /** The start dates-and-times as answered (UTC unless a zone was preferred), without Graph's fraction. */
    static List<String> starts(List<Event> events) {
        return events.stream().map(e -> e.getStart().getDateTime().substring(0, 16)).toList();
    }
}
