package io.docketsync.activity.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.docketsync.contracts.ActivityCommand;
import io.docketsync.contracts.ActivityKind;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfficeChangesTest {
    static final ActivityDraft APPOINTMENT = ActivityValidationTest.APPOINTMENT.withPush(true);
    static final LocalDateTime NINE = LocalDateTime.parse("2026-12-05T09:00");

    @Test
    void anEditedEventChangesTheAppointmentsContentOnly() {
        var f = new ActivityCommand.Fields("Moved", "new body", "Room 9", NINE, NINE.plusHours(2), false, "Europe/London");
        ActivityDraft d = OfficeChanges.applyFields(APPOINTMENT.withOrganizer("alice"), f);
        assertEquals(new ActivityDraft(ActivityKind.APPOINTMENT, "Moved", "new body", "Room 9", NINE, NINE.plusHours(2),
                false, null, null, "Europe/London", APPOINTMENT.scheduledFor(), "alice", true), d);
        assertEquals(List.of(), ActivityValidation.check(d));
    }

    @Test
    void theActivityKeepsItsZoneAndTheEventsTimesAreMovedIntoIt() {
        // the worker reads events in UTC; 14:00 UTC in June is 15:00 in London, in December it is 14:00
        var june = new ActivityCommand.Fields("s", null, null, LocalDateTime.parse("2027-06-10T14:00"),
                LocalDateTime.parse("2027-06-10T15:00"), false, "UTC");
        ActivityDraft d = OfficeChanges.applyFields(APPOINTMENT, june);
        assertEquals("Europe/London", d.timeZone());
        assertEquals(LocalDateTime.parse("2027-06-10T15:00"), d.start());
        assertEquals(LocalDateTime.parse("2027-06-10T16:00"), d.end());
        var fromNewYork = new ActivityCommand.Fields("s", null, null, NINE, NINE.plusHours(1), false, "America/New_York");
        assertEquals(LocalDateTime.parse("2026-12-05T14:00"), OfficeChanges.applyFields(APPOINTMENT, fromNewYork).start());
        var allDay = new ActivityCommand.Fields("s", null, null, LocalDateTime.parse("2026-12-06T00:00"),
                LocalDateTime.parse("2026-12-07T00:00"), true, "UTC");
        assertEquals(LocalDateTime.parse("2026-12-06T00:00"), OfficeChanges.applyFields(APPOINTMENT, allDay).start(),
                "all-day dates are dates, not instants");
    }

    @Test
    void whatOfficeLeavesEmptyThatTheApplicationRequiresIsKept() {
        var f = new ActivityCommand.Fields(" ", null, null, NINE, NINE.minusHours(1), false, "Not/AZone");
        ActivityDraft d = OfficeChanges.applyFields(APPOINTMENT, f);
        assertEquals("Deposition", d.subject());
        assertEquals(NINE, d.start());
        assertEquals(APPOINTMENT.end(), d.end(), "an end before the start is not taken");
        assertEquals("Europe/London", d.timeZone());
        assertNull(d.body());
    }

    @Test
    void aTaskStaysATaskAndTakesItsDueFromTheEventsStart() {
        ActivityDraft task = ActivityValidationTest.TASK;
        var timed = OfficeChanges.applyFields(task, new ActivityCommand.Fields("t", null, null, NINE, NINE.plusMinutes(30),
                false, "UTC"));
        assertEquals(ActivityKind.TASK, timed.kind());
        assertEquals(LocalDate.parse("2026-12-05"), timed.dueDate());
        assertEquals(LocalTime.parse("09:00"), timed.dueTime());
        assertNull(timed.start());
        var allDay = OfficeChanges.applyFields(task, new ActivityCommand.Fields("t", null, null,
                LocalDateTime.parse("2026-12-06T00:00"), LocalDateTime.parse("2026-12-07T00:00"), true, "UTC"));
        assertEquals(LocalDate.parse("2026-12-06"), allDay.dueDate());
        assertNull(allDay.dueTime());
        assertEquals(List.of(), ActivityValidation.check(allDay));
    }

    @Test
    void aNewEventBecomesAPushedAppointmentForItsUser() {
        var d = OfficeChanges.newFromOffice(new ActivityCommand.Fields(null, "b", "l", NINE, null, false, null), "carol");
        assertEquals(new ActivityDraft(ActivityKind.APPOINTMENT, "(no subject)", "b", "l", NINE, NINE.plusMinutes(30),
                false, null, null, "UTC", List.of("carol"), null, true), d);
        assertEquals(List.of(), ActivityValidation.check(d));
    }

    @Test
    void aNewActivityTakesTheZoneTheEventWasMadeIn() {
        // the worker reads 14:00 UTC of an event made in New York (09:00 there in December)
        var d = OfficeChanges.newFromOffice(new ActivityCommand.Fields("Call", null, null,
                LocalDateTime.parse("2026-12-05T14:00"), LocalDateTime.parse("2026-12-05T15:00"), false, "UTC",
                "America/New_York"), "carol");
        assertEquals("America/New_York", d.timeZone());
        assertEquals(NINE, d.start());
        assertEquals(NINE.plusHours(1), d.end());
        // an all-day event keeps its dates
        var allDay = OfficeChanges.newFromOffice(new ActivityCommand.Fields("Holiday", null, null,
                LocalDateTime.parse("2026-12-24T00:00"), LocalDateTime.parse("2026-12-25T00:00"), true, "UTC",
                "Europe/London"), "carol");
        assertEquals("Europe/London", allDay.timeZone());
        assertEquals(LocalDateTime.parse("2026-12-24T00:00"), allDay.start());
        // an unknown or unmapped zone: UTC, as read
        var unknown = OfficeChanges.newFromOffice(new ActivityCommand.Fields("Call", null, null,
                LocalDateTime.parse("2026-12-05T14:00"), LocalDateTime.parse("2026-12-05T15:00"), false, "UTC",
                "tzone://Microsoft/Custom"), "carol");
        assertEquals("UTC", unknown.timeZone());
        assertEquals(LocalDateTime.parse("2026-12-05T14:00"), unknown.start());
    }

    @Test
    void scheduledForGainsAndLosesUsersOnce() {
        assertEquals(List.of("alice"), OfficeChanges.without(List.of("alice", "bob"), "bob"));
        assertEquals(List.of("alice", "bob"), OfficeChanges.without(List.of("alice", "bob"), "carol"));
        assertEquals(List.of("alice", "bob", "carol"), OfficeChanges.with(List.of("alice", "bob"), "carol"));
        assertEquals(List.of("alice", "bob"), OfficeChanges.with(List.of("alice", "bob"), "bob"));
    }
}
