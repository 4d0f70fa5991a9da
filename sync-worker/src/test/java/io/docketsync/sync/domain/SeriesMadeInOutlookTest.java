package io.docketsync.sync.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.docketsync.contracts.ActivityCommand.Type;
import io.docketsync.contracts.recurrence.Pattern;
import io.docketsync.contracts.recurrence.Range;
import io.docketsync.contracts.recurrence.Recurrence;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A series made in Outlook, read as Graph answers it (times in UTC, the pattern in its recurrence zone): the
 * occurrences its maker had already changed or deleted become the new activity's exceptions, keyed by original start
 * in the activity's zone, across London's clock change.
 */
class SeriesMadeInOutlookTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    // Mondays 09:00 London from 19 Oct 2026, six weeks: the clocks go back on 25 Oct
    private static final LocalDate FIRST = LocalDate.of(2026, 10, 19);
    private static final LocalDateTime START = FIRST.atTime(9, 0);
    private static final LocalDate FROM = LocalDate.of(2026, 10, 1);
    private static final LocalDate TO = LocalDate.of(2026, 12, 31);

    private static LocalDateTime utc(LocalDateTime london) {
        return london.atZone(LONDON).withZoneSameInstant(ZoneId.of("UTC")).toLocalDateTime();
    }

    private static OfficeEvent master(String recurrenceZone, String originalZone) {
        Recurrence weekly = new Recurrence(Pattern.weekly(1, DayOfWeek.MONDAY),
                Range.numbered(FIRST, 6).withRecurrenceTimeZone(recurrenceZone));
        return new OfficeEvent("master", "ical", "CK", null, null, true, false, "[DS] Review", "Agenda", "Room 4",
                utc(START), utc(START.plusHours(1)), false, "UTC", null, originalZone,
                new OfficeEvent.Series("seriesMaster", null, null, weekly));
    }

    private static OfficeEvent occurrence(LocalDateTime originalStart, LocalDateTime shownAt, String subject) {
        Instant original = originalStart.atZone(LONDON).toInstant();
        return new OfficeEvent("occ-" + originalStart, "ical", "CK", null, null, true, false, subject, "Agenda",
                "Room 4", utc(shownAt), utc(shownAt).plusHours(1), false, "UTC", null, null,
                new OfficeEvent.Series("occurrence", "master", original, null));
    }

    private static List<OfficeEvent> asMade() {
        List<OfficeEvent> all = new ArrayList<>();
        for (int week = 0; week < 6; week++) {
            all.add(occurrence(START.plusWeeks(week), START.plusWeeks(week), "[DS] Review"));
        }
        return all;
    }

    @Test
    void aSeriesAsItsPatternSaysHasNoExceptions() {
        assertEquals(List.of(), OccurrenceRules.madeInOutlook("act-1", master("Europe/London", null), asMade(), FROM,
                TO));
    }

    @Test
    void aMovedAndADeletedOccurrenceBecomeTheNewActivitysExceptionsInItsZone() {
        List<OfficeEvent> outlook = asMade();
        // after the clock change: 11:00 London is 11:00 UTC, the original 09:00 London
        outlook.set(2, occurrence(START.plusWeeks(2), START.plusWeeks(2).withHour(11), "[DS] Review (moved)"));
        outlook.remove(4);
        List<InboundEffect.OccurrenceCommand> effects = OccurrenceRules.madeInOutlook("act-1", master("Europe/London", null), outlook,
                FROM, TO);
        assertEquals(2, effects.size(), effects.toString());
        var moved = effects.get(0);
        assertEquals(Type.SET_OCCURRENCE, moved.type());
        assertEquals("act-1", moved.activityId());
        assertEquals(START.plusWeeks(2), moved.originalStart());
        assertEquals(START.plusWeeks(2).withHour(11), moved.fields().start());
        assertEquals("Europe/London", moved.fields().timeZone());
        assertEquals("[DS] Review (moved)", moved.fields().subject());
        var deleted = effects.get(1);
        assertEquals(Type.CANCEL_OCCURRENCE, deleted.type());
        assertEquals(START.plusWeeks(4), deleted.originalStart());
        assertNull(deleted.fields());
    }

    @Test
    void theActivitysZoneIsTheRecurrenceZoneThenTheZoneTheEventWasMadeInThenUtc() {
        assertEquals("Europe/London", OccurrenceRules.activityZone(master("Europe/London", "America/New_York")));
        assertEquals("America/New_York", OccurrenceRules.activityZone(master(null, "America/New_York")));
        assertEquals("UTC", OccurrenceRules.activityZone(master("+01:00", "Not/AZone")));
    }

    @Test
    void aSingleEventMakesNoOccurrenceCommands() {
        OfficeEvent single = new OfficeEvent("e1", "ical", "CK", null, null, true, false, "[DS] Call", null, null,
                utc(START), utc(START.plusHours(1)), false, "UTC", null, null);
        assertEquals(List.of(), OccurrenceRules.madeInOutlook("act-1", single, asMade(), FROM, TO));
    }
}
