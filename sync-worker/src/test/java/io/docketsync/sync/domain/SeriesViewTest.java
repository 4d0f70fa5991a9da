package io.docketsync.sync.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docketsync.contracts.EventContent;
import io.docketsync.contracts.recurrence.Pattern;
import io.docketsync.contracts.recurrence.Range;
import io.docketsync.contracts.recurrence.Recurrence;
import io.docketsync.contracts.recurrence.RecurrenceException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Outlook's occurrences against the activity's, matched by original start; times across London's DST change. */
class SeriesViewTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    // Mondays 09:00 London from 19 Oct 2026, six weeks: the clocks go back on 25 Oct (BST -> GMT)
    private static final LocalDate FIRST = LocalDate.of(2026, 10, 19);
    private static final LocalDateTime START = FIRST.atTime(9, 0);
    private static final Recurrence WEEKLY = new Recurrence(Pattern.weekly(1, DayOfWeek.MONDAY), Range.numbered(FIRST, 6));
    private static final LocalDate FROM = LocalDate.of(2026, 10, 1);
    private static final LocalDate TO = LocalDate.of(2026, 12, 31);

    private static EventContent series(List<RecurrenceException> exceptions) {
        return new EventContent("Review", "Agenda", "Room 4", START, START.plusHours(1), false, "Europe/London",
                List.of(), WEEKLY, exceptions);
    }

    /** Outlook's occurrence of the given original start, shown at a London wall-clock time (read in UTC). */
    private static OfficeEvent occurrence(LocalDateTime originalStart, LocalDateTime shownAt, String subject) {
        Instant original = originalStart.atZone(LONDON).toInstant();
        LocalDateTime utc = shownAt.atZone(LONDON).withZoneSameInstant(ZoneId.of("UTC")).toLocalDateTime();
        return new OfficeEvent("occ-" + originalStart, "ical", "CK", null, null, true, false, subject, "Agenda", "Room 4",
                utc, utc.plusHours(1), false, "UTC", null, null,
                new OfficeEvent.Series("occurrence", "master", original, null));
    }

    private static List<OfficeEvent> asTheActivitySays() {
        List<OfficeEvent> all = new ArrayList<>();
        for (int week = 0; week < 6; week++) {
            all.add(occurrence(START.plusWeeks(week), START.plusWeeks(week), "Review"));
        }
        return all;
    }

    @Test
    void aSeriesShownAsTheActivitySaysHasNoDifferenceAcrossTheClockChange() {
        assertEquals(List.of(), SeriesView.differences(series(List.of()), asTheActivitySays(), FROM, TO));
        assertEquals(6, SeriesView.expected(series(List.of()), FROM, TO).size());
    }

    @Test
    void aMovedARenamedAndADeletedOccurrenceAreFoundByTheirOriginalStart() {
        List<OfficeEvent> outlook = asTheActivitySays();
        outlook.set(1, occurrence(START.plusWeeks(1), START.plusWeeks(1).withHour(11), "Review"));
        outlook.set(2, occurrence(START.plusWeeks(2), START.plusWeeks(2), "Review (room change)"));
        outlook.remove(4);
        List<SeriesView.Difference> d = SeriesView.differences(series(List.of()), outlook, FROM, TO);
        assertEquals(3, d.size(), d.toString());
        var moved = (SeriesView.Changed) d.get(0);
        assertEquals(START.plusWeeks(1), moved.originalStart());
        assertEquals(START.plusWeeks(1).withHour(11), moved.actual().start());
        assertEquals("Review (room change)", ((SeriesView.Changed) d.get(1)).actual().subject());
        assertEquals(new SeriesView.Missing(START.plusWeeks(4)), d.get(2));
    }

    @Test
    void theActivitysOwnExceptionsAreWhatOutlookShouldShow() {
        var moved = RecurrenceException.moved(START.plusWeeks(1), START.plusWeeks(1).withHour(11),
                START.plusWeeks(1).withHour(12));
        var cancelled = RecurrenceException.cancelled(START.plusWeeks(4));
        List<OfficeEvent> outlook = asTheActivitySays();
        // Outlook already shows the move; the cancelled occurrence is still there
        outlook.set(1, occurrence(START.plusWeeks(1), START.plusWeeks(1).withHour(11), "Review"));
        List<SeriesView.Difference> d = SeriesView.differences(series(List.of(moved, cancelled)), outlook, FROM, TO);
        assertEquals(List.of(new SeriesView.Extra(START.plusWeeks(4), "occ-" + START.plusWeeks(4))), d);
        // not yet moved in Outlook: a difference whose wanted side is the exception
        List<SeriesView.Difference> before = SeriesView.differences(series(List.of(moved)), asTheActivitySays(), FROM, TO);
        assertEquals(START.plusWeeks(1).withHour(11), ((SeriesView.Changed) before.get(0)).wanted().start());
    }

    @Test
    void occurrencesOutsideTheWindowAreNotJudged() {
        List<OfficeEvent> outlook = asTheActivitySays().subList(0, 2); // only what a narrow read returned
        assertEquals(List.of(), SeriesView.differences(series(List.of()), outlook, FROM, START.plusWeeks(1).toLocalDate()));
    }

    @Test
    void theMasterShowsTheSeriesWhenItsFieldsTimesAndPatternAreTheActivitys() {
        LocalDateTime utc = START.atZone(LONDON).withZoneSameInstant(ZoneId.of("UTC")).toLocalDateTime();
        Recurrence graphs = new Recurrence(WEEKLY.pattern(), WEEKLY.range().withRecurrenceTimeZone("Europe/London"));
        OfficeEvent master = new OfficeEvent("master", "ical", "CK9", null, null, true, false, "Review", "Agenda",
                "Room 4", utc, utc.plusHours(1), false, "UTC", null, null,
                new OfficeEvent.Series("seriesMaster", null, null, graphs));
        assertTrue(SeriesView.masterShows(series(List.of()), master));
        OfficeEvent renamed = new OfficeEvent("master", "ical", "CK9", null, null, true, false, "Review (new)", "Agenda",
                "Room 4", utc, utc.plusHours(1), false, "UTC", null, null, master.series());
        assertFalse(SeriesView.masterShows(series(List.of()), renamed));
        OfficeEvent fortnightly = new OfficeEvent("master", "ical", "CK9", null, null, true, false, "Review", "Agenda",
                "Room 4", utc, utc.plusHours(1), false, "UTC", null, null, new OfficeEvent.Series("seriesMaster", null,
                        null, new Recurrence(Pattern.weekly(2, DayOfWeek.MONDAY), WEEKLY.range())));
        assertFalse(SeriesView.masterShows(series(List.of()), fortnightly));
    }
}
