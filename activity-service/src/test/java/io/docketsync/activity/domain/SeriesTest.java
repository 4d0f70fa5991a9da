package io.docketsync.activity.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.docketsync.api.Violation;
import io.docketsync.contracts.recurrence.Occurrence;
import io.docketsync.contracts.recurrence.Pattern;
import io.docketsync.contracts.recurrence.Range;
import io.docketsync.contracts.recurrence.Recurrence;
import io.docketsync.contracts.recurrence.RecurrenceException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Series}: span, listing window, validation field names, history words; and {@link MergedPage}. */
class SeriesTest {
    static final LocalDateTime TUESDAY = LocalDateTime.parse("2026-12-01T09:00");
    static final ActivityDraft APPOINTMENT = ActivityValidationTest.APPOINTMENT.withPush(true);

    static ActivityDraft series(Range range, RecurrenceException... exceptions) {
        return APPOINTMENT.withSeries(new Recurrence(Pattern.weekly(1, DayOfWeek.TUESDAY), range), List.of(exceptions));
    }

    @Test
    void aSeriesSpansFromItsFirstStartToItsLastOccurrencesEnd() {
        assertEquals(new ActivitySpan(TUESDAY, LocalDateTime.parse("2027-03-02T10:00")),
                ActivitySpan.of(series(Range.endDate(LocalDate.parse("2026-12-01"), LocalDate.parse("2027-03-07")))));
        assertEquals(new ActivitySpan(TUESDAY, LocalDateTime.parse("2026-12-22T10:00")),
                ActivitySpan.of(series(Range.numbered(LocalDate.parse("2026-12-01"), 4))));
        assertEquals(new ActivitySpan(TUESDAY, Series.NO_END),
                ActivitySpan.of(series(Range.noEnd(LocalDate.parse("2026-12-01")))));
        // a numbered series past the supported dates spans to their end
        ActivityDraft yearly = APPOINTMENT.withSeries(new Recurrence(Pattern.absoluteYearly(5, 12, 1),
                Range.numbered(LocalDate.parse("2026-12-01"), 999)), List.of());
        assertEquals(Series.NO_END, ActivitySpan.of(yearly).end());
        // an occurrence moved before the first start or after the last widens the span
        ActivityDraft moved = series(Range.numbered(LocalDate.parse("2026-12-01"), 2),
                RecurrenceException.moved(TUESDAY, TUESDAY.minusDays(2), null),
                RecurrenceException.moved(TUESDAY.plusWeeks(1), TUESDAY.plusWeeks(3), null));
        assertEquals(new ActivitySpan(TUESDAY.minusDays(2), TUESDAY.plusWeeks(3).plusHours(1)), ActivitySpan.of(moved));
    }

    @Test
    void anOccurrenceReachingIntoTheFirstDayIsListedAndTheListingStopsPastItsLimit() {
        ActivityDraft overnight = APPOINTMENT.withSeries(new Recurrence(Pattern.daily(1),
                Range.noEnd(LocalDate.parse("2026-12-01"))), List.of());
        overnight = new ActivityDraft(overnight.kind(), "Night shift", null, null, LocalDateTime.parse("2026-12-01T22:00"),
                LocalDateTime.parse("2026-12-02T06:00"), false, null, null, "Europe/London", List.of("bob"), null,
                true, overnight.recurrence(), List.of());
        List<Occurrence> day = Series.overlapping(overnight, LocalDate.parse("2026-12-05"), LocalDate.parse("2026-12-05"),
                100);
        assertEquals(List.of(LocalDateTime.parse("2026-12-04T22:00"), LocalDateTime.parse("2026-12-05T22:00")),
                day.stream().map(Occurrence::start).toList());
        assertEquals(11, Series.overlapping(overnight, LocalDate.parse("2027-01-01"), LocalDate.parse("2029-12-31"), 10)
                .size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "interval 0 | DAILY | 0 | | recurrence.pattern.interval",
        "weekly without days | WEEKLY | 1 | | recurrence.pattern.daysOfWeek",
        "weekly on the start's day | WEEKLY | 1 | TUESDAY |",
        "weekly off the start's day | WEEKLY | 1 | MONDAY | start",
    })
    void seriesViolationsAreNamedAsTheApiNamesThem(String row, String type, int interval, DayOfWeek day,
            String field) {
        Pattern p = new Pattern(io.docketsync.contracts.recurrence.PatternType.valueOf(type), interval, null, null,
                day == null ? List.of() : List.of(day), null, null);
        ActivityDraft d = APPOINTMENT.withSeries(new Recurrence(p, Range.noEnd(LocalDate.parse("2026-12-01"))),
                List.of());
        assertEquals(field == null ? List.of() : List.of(field),
                ActivityValidation.check(d).stream().map(Violation::field).toList());
    }

    @Test
    void aSeriesNeedsAnAppointmentAndExceptionsNeedASeries() {
        Recurrence weekly = new Recurrence(Pattern.weekly(1, DayOfWeek.THURSDAY),
                Range.noEnd(LocalDate.parse("2026-12-03")));
        assertEquals(List.of("recurrence"), ActivityValidation.check(ActivityValidationTest.TASK.withSeries(weekly,
                List.of())).stream().map(Violation::field).toList());
        assertEquals(List.of("exceptions"), ActivityValidation.check(APPOINTMENT.withSeries(null,
                List.of(RecurrenceException.cancelled(TUESDAY)))).stream().map(Violation::field).toList());
        assertEquals(List.of("recurrence.range.recurrenceTimeZone"), ActivityValidation.check(series(
                Range.noEnd(LocalDate.parse("2026-12-01")).withRecurrenceTimeZone("Europe/Paris")))
                .stream().map(Violation::field).toList());
    }

    @Test
    void theHistorySaysWhatAChangeDidToTheSeries() {
        ActivityDraft s = series(Range.numbered(LocalDate.parse("2026-12-01"), 4));
        assertNull(Series.describeChange(APPOINTMENT, APPOINTMENT.withOrganizer("alice")));
        assertNull(Series.describeChange(s, s.withScheduledFor(List.of("bob"))));
        assertEquals("series set: weekly, every 1, on tuesday; from 2026-12-01, 4 occurrences",
                Series.describeChange(APPOINTMENT, s));
        assertEquals("series removed: a single activity now", Series.describeChange(s, APPOINTMENT));
        ActivityDraft cancelled = Series.cancel(s, TUESDAY.plusWeeks(1));
        assertEquals("occurrence 2026-12-08T09:00 cancelled", Series.describeChange(s, cancelled));
        assertEquals("occurrence 2026-12-08T09:00 as the series has it again", Series.describeChange(cancelled, s));
    }

    @Test
    void aMergedPageIsTheSameAsPagingTheWholeSortedListing() {
        // stored: even numbers from 0 to 40; computed: multiples of 3 (ties: stored first)
        List<Integer> stored = IntStream.rangeClosed(0, 20).map(i -> i * 2).boxed().toList();
        List<Integer> computed = IntStream.rangeClosed(0, 13).map(i -> i * 3).boxed().toList();
        List<Integer> all = new java.util.ArrayList<>(stored);
        all.addAll(computed);
        all.sort(Comparator.naturalOrder());
        for (int size = 1; size <= 7; size++) {
            for (int page = 0; page * size <= all.size() + size; page++) {
                int offset = page * size;
                int first = MergedPage.firstRank(offset, computed.size());
                List<Integer> fetched = stored.subList(Math.min(first, stored.size()),
                        Math.min(offset + size, stored.size()));
                assertEquals(all.subList(Math.min(offset, all.size()), Math.min(offset + size, all.size())),
                        MergedPage.page(fetched, first, computed, offset, size, Comparator.naturalOrder()),
                        "page " + page + " of " + size);
            }
        }
    }

    @Test
    void aCancelledOccurrenceCannotComeBackWhileTheSeriesKeepsItsPatternAndTimes() {
        LocalDateTime second = TUESDAY.plusWeeks(1);
        LocalDateTime third = TUESDAY.plusWeeks(2);
        Range four = Range.numbered(LocalDate.parse("2026-12-01"), 4);
        ActivityDraft cancelled = series(four, RecurrenceException.cancelled(second),
                RecurrenceException.cancelled(third));

        assertEquals(List.of(second, third), Series.broughtBack(cancelled, series(four)), "both exceptions removed");
        assertEquals(List.of(second), Series.broughtBack(cancelled, series(four,
                RecurrenceException.moved(second, second.plusHours(2), null), RecurrenceException.cancelled(third))),
                "a cancelled occurrence moved is one brought back");
        assertEquals(List.of(), Series.broughtBack(cancelled, cancelled), "still cancelled");
        assertEquals(List.of(), Series.broughtBack(cancelled, cancelled.withSeries(cancelled.recurrence(),
                List.of(RecurrenceException.cancelled(second), RecurrenceException.cancelled(third),
                        RecurrenceException.moved(TUESDAY, TUESDAY.plusHours(1), null)))),
                "other occurrences may change");
        assertEquals(List.of(), Series.broughtBack(cancelled, series(Range.numbered(LocalDate.parse("2026-12-01"), 3))),
                "a new pattern: Exchange drops every exception, so the new series lists what Outlook shows");
        ActivityDraft later = series(four);
        later = new ActivityDraft(later.kind(), later.subject(), later.body(), later.location(),
                later.start().plusHours(1), later.end().plusHours(1), false, later.dueDate(), later.dueTime(),
                later.timeZone(), later.scheduledFor(), later.organizerId(), later.pushToOffice365(),
                later.recurrence(), List.of());
        assertEquals(List.of(), Series.broughtBack(cancelled, later), "new series times drop the exceptions too");
        assertEquals(List.of(), Series.broughtBack(APPOINTMENT, series(four)), "not a series before");
        assertEquals(List.of(), Series.broughtBack(cancelled, APPOINTMENT), "not a series after");
    }
}
