package io.docketsync.contracts.recurrence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each rule with a row that keeps it and a row that breaks it; expected: the fields named, none when valid. */
class RecurrenceRulesTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "", textBlock = """
            daily, good                              | daily 1 | noEnd | 2026-01-05T09:00 | 2026-01-05T10:00 |
            interval 0                               | daily 0 | noEnd | 2026-01-05T09:00 | 2026-01-05T10:00 | pattern.interval
            interval negative                        | weekly -1 sunday monday | noEnd | 2026-01-05T09:00 | 2026-01-05T10:00 | pattern.interval
            weekly with days, good                   | weekly 2 monday monday,thursday | noEnd | 2026-01-05T09:00 | 2026-01-05T10:00 |
            weekly without days                      | weekly 1 sunday | noEnd | 2026-01-05T09:00 | 2026-01-05T10:00 | pattern.daysOfWeek
            weekly without firstDayOfWeek: sunday    | weekly 1 - monday | noEnd | 2026-01-05T09:00 | 2026-01-05T10:00 |
            absoluteMonthly on the 31st, good        | absoluteMonthly 1 31 | noEnd | 2026-01-31T09:00 | 2026-01-31T10:00 |
            absoluteMonthly without dayOfMonth       | absoluteMonthly 1 | noEnd | 2026-01-31T09:00 | 2026-01-31T10:00 | pattern.dayOfMonth
            absoluteMonthly on day 0 (Graph's none)  | absoluteMonthly 1 0 | noEnd | 2026-01-31T09:00 | 2026-01-31T10:00 | pattern.dayOfMonth
            absoluteMonthly on day 32                | absoluteMonthly 1 32 | noEnd | 2026-01-31T09:00 | 2026-01-31T10:00 | pattern.dayOfMonth
            relativeMonthly, good                    | relativeMonthly 1 last friday | noEnd | 2026-01-30T09:00 | 2026-01-30T10:00 |
            relativeMonthly without days             | relativeMonthly 1 last | noEnd | 2026-01-30T09:00 | 2026-01-30T10:00 | pattern.daysOfWeek
            relativeMonthly without index            | relativeMonthly 1 - friday | noEnd | 2026-01-30T09:00 | 2026-01-30T10:00 | pattern.index
            relativeMonthly without days nor index   | relativeMonthly 1 | noEnd | 2026-01-30T09:00 | 2026-01-30T10:00 | pattern.daysOfWeek pattern.index
            absoluteYearly, good                     | absoluteYearly 1 7 4 | noEnd | 2026-07-04T09:00 | 2026-07-04T10:00 |
            absoluteYearly Feb 29, good              | absoluteYearly 1 2 29 | noEnd | 2028-02-29T09:00 | 2028-02-29T10:00 |
            absoluteYearly without month             | absoluteYearly 1 - 4 | noEnd | 2026-07-04T09:00 | 2026-07-04T10:00 | pattern.month
            absoluteYearly in month 13               | absoluteYearly 1 13 4 | noEnd | 2026-07-04T09:00 | 2026-07-04T10:00 | pattern.month
            absoluteYearly without dayOfMonth        | absoluteYearly 1 7 | noEnd | 2026-07-04T09:00 | 2026-07-04T10:00 | pattern.dayOfMonth
            absoluteYearly Feb 30                    | absoluteYearly 1 2 30 | noEnd | 2026-02-28T09:00 | 2026-02-28T10:00 | pattern.dayOfMonth
            absoluteYearly Apr 31                    | absoluteYearly 1 4 31 | noEnd | 2026-04-30T09:00 | 2026-04-30T10:00 | pattern.dayOfMonth
            relativeYearly, good                     | relativeYearly 1 11 fourth thursday | noEnd | 2026-11-26T09:00 | 2026-11-26T10:00 |
            relativeYearly without month             | relativeYearly 1 - fourth thursday | noEnd | 2026-11-26T09:00 | 2026-11-26T10:00 | pattern.month
            relativeYearly without index             | relativeYearly 1 11 - thursday | noEnd | 2026-11-26T09:00 | 2026-11-26T10:00 | pattern.index
            no pattern type                          | - 1 | noEnd | 2026-01-05T09:00 | 2026-01-05T10:00 | pattern.type
            endDate after the start, good            | daily 1 | endDate 2026-01-31 | 2026-01-05T09:00 | 2026-01-05T10:00 |
            endDate on the start day, good           | daily 1 | endDate 2026-01-05 | 2026-01-05T09:00 | 2026-01-05T10:00 |
            endDate before the start                 | daily 1 | endDate 2026-01-04 | 2026-01-05T09:00 | 2026-01-05T10:00 | range.endDate
            endDate missing                          | daily 1 | endDate - | 2026-01-05T09:00 | 2026-01-05T10:00 | range.endDate
            no range type                            | daily 1 | - | 2026-01-05T09:00 | 2026-01-05T10:00 | range.type
            no range start date                      | daily 1 | noEnd start=- | 2026-01-05T09:00 | 2026-01-05T10:00 | range.startDate
            numbered 1, good                         | daily 1 | numbered 1 | 2026-01-05T09:00 | 2026-01-05T10:00 |
            numbered 0                               | daily 1 | numbered 0 | 2026-01-05T09:00 | 2026-01-05T10:00 | range.numberOfOccurrences
            numbered negative                        | daily 1 | numbered -3 | 2026-01-05T09:00 | 2026-01-05T10:00 | range.numberOfOccurrences
            numbered missing                         | daily 1 | numbered - | 2026-01-05T09:00 | 2026-01-05T10:00 | range.numberOfOccurrences
            bound: numbered 999, good                | daily 1 | numbered 999 | 2026-01-05T09:00 | 2026-01-05T10:00 |
            bound: numbered 1000                     | daily 1 | numbered 1000 | 2026-01-05T09:00 | 2026-01-05T10:00 | range.numberOfOccurrences
            bound: endDate with 999, good            | daily 1 | endDate 2028-09-29 | 2026-01-05T09:00 | 2026-01-05T10:00 |
            bound: endDate with 1000                 | daily 1 | endDate 2028-09-30 | 2026-01-05T09:00 | 2026-01-05T10:00 | range.endDate
            bound: endDate in 2206 (a typo)          | weekly 1 sunday monday | endDate 2206-01-05 | 2026-01-05T09:00 | 2026-01-05T10:00 | range.endDate
            bound: weekly 10 years, good             | weekly 1 sunday monday | endDate 2035-12-31 | 2026-01-05T09:00 | 2026-01-05T10:00 |
            bound: every weekday, noEnd, good        | weekly 1 sunday monday,tuesday,wednesday,thursday,friday | noEnd | 2026-01-05T09:00 | 2026-01-05T10:00 |
            start date is the first start's, good    | daily 1 | noEnd start=2026-01-05 | 2026-01-05T09:00 | 2026-01-05T10:00 |
            start date is not the first start's      | daily 1 | noEnd start=2026-01-06 | 2026-01-05T09:00 | 2026-01-05T10:00 | range.startDate
            first start on the pattern, good         | weekly 1 sunday tuesday | noEnd | 2026-01-06T09:00 | 2026-01-06T10:00 |
            first start not on the pattern           | weekly 1 sunday monday | noEnd | 2026-01-06T09:00 | 2026-01-06T10:00 | start
            first start not the relative day         | relativeMonthly 1 last friday | noEnd | 2026-01-23T09:00 | 2026-01-23T10:00 | start
            first start Apr 30 for the 31st, good    | absoluteMonthly 1 31 | noEnd | 2026-04-30T09:00 | 2026-04-30T10:00 |
            time zone IANA, good                     | daily 1 | noEnd tz=America/New_York | 2026-01-05T09:00 | 2026-01-05T10:00 |
            time zone unknown                        | daily 1 | noEnd tz=Mars/Olympus~Mons | 2026-01-05T09:00 | 2026-01-05T10:00 | range.recurrenceTimeZone
            time zone a Windows name (map it first)  | daily 1 | noEnd tz=GMT~Standard~Time | 2026-01-05T09:00 | 2026-01-05T10:00 | range.recurrenceTimeZone
            end after start, good                    | daily 1 | noEnd | 2026-01-05T09:00 | 2026-01-05T09:30 |
            end equals start (zero length), good     | daily 1 | noEnd | 2026-01-05T09:00 | 2026-01-05T09:00 |
            end before start                         | daily 1 | noEnd | 2026-01-05T09:00 | 2026-01-05T08:00 | end
            end missing                              | daily 1 | noEnd | 2026-01-05T09:00 | - | end
            several at once                          | weekly 0 sunday | numbered 0 | 2026-01-05T09:00 | 2026-01-05T08:00 | pattern.interval pattern.daysOfWeek range.numberOfOccurrences end
            """)
    void validatesTheSeries(String name, String pattern, String range, String firstStart, String firstEnd,
            String expected) {
        LocalDateTime start = LocalDateTime.parse(firstStart);
        Recurrence r = Specs.recurrence(pattern, range, start);

        List<Violation> violations = RecurrenceRules.validate(r, start, Specs.time(firstEnd));

        assertEquals(fields(expected), violations.stream().map(Violation::field).sorted().toList(),
                violations.toString());
        violations.forEach(v -> assertTrue(v.message() != null && !v.message().isBlank(), v.toString()));
    }

    /** Series: Mon+Wed 09:00–10:00 (London) from Monday 2026-01-05, 10 occurrences (to Wednesday Feb 4). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "", textBlock = """
            none, good                               |  |
            cancelled occurrence, good               | cancel 2026-01-07T09:00 |
            first occurrence, good                   | cancel 2026-01-05T09:00 |
            last occurrence, good                    | cancel 2026-02-04T09:00 |
            moved, good                              | move 2026-01-12T09:00 2026-01-13T14:00 |
            subject changed, good                    | edit 2026-01-14T09:00 |
            not a day of the series                  | cancel 2026-01-06T09:00 | exceptions[0].originalStart
            a day of the series, not its time        | cancel 2026-01-07T10:00 | exceptions[0].originalStart
            before the series                        | cancel 2025-12-31T09:00 | exceptions[0].originalStart
            after its 10th occurrence                | cancel 2026-02-09T09:00 | exceptions[0].originalStart
            where a moved one is now, not its key    | move 2026-01-12T09:00 2026-01-13T14:00; edit 2026-01-13T14:00 | exceptions[1].originalStart
            two for one original start               | cancel 2026-01-07T09:00; move 2026-01-07T09:00 2026-01-08T09:00 | exceptions[1].originalStart
            two for one, not next to each other      | cancel 2026-01-07T09:00; edit 2026-01-12T09:00; edit 2026-01-07T09:00 | exceptions[2].originalStart
            original start missing                   | cancel - | exceptions[0].originalStart
            changed end after start, good            | move 2026-01-12T09:00 2026-01-12T11:00 2026-01-12T12:00 |
            changed end equals start, good           | move 2026-01-12T09:00 2026-01-12T11:00 2026-01-12T11:00 |
            changed end before changed start         | move 2026-01-12T09:00 2026-01-12T11:00 2026-01-12T10:00 | exceptions[0].end
            changed end before the original start    | move 2026-01-12T09:00 - 2026-01-12T08:00 | exceptions[0].end
            several at once                          | cancel 2026-01-06T09:00; move 2026-01-12T09:00 - 2026-01-12T08:00; cancel 2026-01-12T09:00 | exceptions[0].originalStart exceptions[1].end exceptions[2].originalStart
            """)
    void validatesTheExceptions(String name, String exceptions, String expected) {
        LocalDateTime start = LocalDateTime.parse("2026-01-05T09:00");
        Recurrence r = Specs.recurrence("weekly 1 sunday monday,wednesday", "numbered 10", start);

        List<Violation> violations = RecurrenceRules.validate(r, start, start.plusHours(1), LONDON,
                Specs.exceptions(exceptions));

        assertEquals(fields(expected), violations.stream().map(Violation::field).sorted().toList(),
                violations.toString());
    }

    @Test
    void anExceptionInTheSpringGapIsKeyedByItsMovedTime() {
        LocalDateTime start = LocalDateTime.parse("2026-03-28T01:30");
        Recurrence r = Specs.recurrence("daily 1", "noEnd", start);
        assertEquals(List.of(), RecurrenceRules.validate(r, start, start.plusHours(1), LONDON,
                Specs.exceptions("cancel 2026-03-29T02:30")));
        assertEquals(List.of("exceptions[0].originalStart"), RecurrenceRules.validate(r, start, start.plusHours(1),
                LONDON, Specs.exceptions("cancel 2026-03-29T01:30")).stream().map(Violation::field).toList());
    }

    @Test
    void missingPartsAreViolationsNotExceptions() {
        LocalDateTime start = LocalDateTime.parse("2026-01-05T09:00");
        assertEquals(List.of("recurrence"), fields(RecurrenceRules.validate(null, start, start)));
        assertEquals(List.of("pattern"), fields(RecurrenceRules.validate(
                new Recurrence(null, Range.noEnd(start.toLocalDate())), start, start)));
        assertEquals(List.of("range"), fields(RecurrenceRules.validate(
                new Recurrence(Pattern.daily(1), null), start, start)));
        assertEquals(List.of("end", "start"), fields(RecurrenceRules.validate(
                new Recurrence(Pattern.daily(1), Range.noEnd(start.toLocalDate())), null, null)).stream().sorted()
                .toList());
        // exceptions of a series that is not well-formed are not checked against it
        assertEquals(List.of("pattern.interval"), fields(RecurrenceRules.validate(
                new Recurrence(Pattern.daily(0), Range.noEnd(start.toLocalDate())), start, start, LONDON,
                List.of(RecurrenceException.cancelled(start)))));
    }

    @Test
    void messagesSayWhatToDo() {
        LocalDateTime tuesday = LocalDateTime.parse("2026-01-06T09:00");
        Recurrence mondays = new Recurrence(Pattern.weekly(1, java.time.DayOfWeek.MONDAY),
                Range.noEnd(tuesday.toLocalDate()));
        assertEquals(List.of(new Violation("start",
                        "2026-01-06 is not a day of the pattern; the series' first occurrence is on 2026-01-12")),
                RecurrenceRules.validate(mondays, tuesday, tuesday.plusHours(1)));
        Recurrence long_ = new Recurrence(Pattern.daily(1), Range.numbered(LocalDate.parse("2026-01-06"), 5000));
        assertEquals("range.numberOfOccurrences: must be at most 999; a longer series has no end",
                RecurrenceRules.validate(long_, tuesday, tuesday).get(0).toString());
    }

    private static List<String> fields(String expected) {
        return expected == null ? List.of() : Arrays.stream(expected.trim().split("\\s+")).sorted().toList();
    }

    private static List<String> fields(List<Violation> violations) {
        return violations.stream().map(Violation::field).toList();
    }
}
