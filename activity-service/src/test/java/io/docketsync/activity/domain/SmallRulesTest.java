package io.docketsync.activity.domain;

import io.docketsync.api.Violation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docketsync.contracts.ActivityKind;
import io.docketsync.contracts.Office365Settings;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The small rules: push default, organizer default, conflict choice, responses, spans, job ranges. */
class SmallRulesTest {
    static final Office365Settings TASKS_ONLY = new Office365Settings(false, true, false, false, "");

    @ParameterizedTest(name = "{0}, firm appts={1} tasks={2}, requested {3} -> {4}")
    @CsvSource({
        "APPOINTMENT, true,  false, ,      true",
        "APPOINTMENT, false, true,  ,      false",
        "APPOINTMENT, true,  false, false, false",
        "TASK,        true,  false, ,      false",
        "TASK,        false, true,  ,      true",
        "TASK,        true,  false, true,  true",
    })
    void pushDefaultsFromTheFirmAndTheUserMayOverride(ActivityKind kind, boolean appts, boolean tasks,
            Boolean requested, boolean expected) {
        assertEquals(expected, PushDefault.forNew(kind, new Office365Settings(appts, tasks, false, false, ""), requested));
    }

    @Test
    void aFirmNotHeardOfYetHasTheDefaultSettings() {
        assertTrue(PushDefault.forNew(ActivityKind.APPOINTMENT, null, null));
        assertFalse(PushDefault.forNew(ActivityKind.TASK, null, null));
    }

    @Test
    void anUpdateWithoutTheFlagKeepsIt() {
        assertTrue(PushDefault.forUpdate(true, null));
        assertFalse(PushDefault.forUpdate(true, false));
        assertTrue(PushDefault.forUpdate(false, true));
    }

    @Test
    void theConnectedCreatorOrganizesTheirAppointmentsByDefault() {
        assertEquals("alice", OrganizerDefault.forNew(ActivityKind.APPOINTMENT, null, "alice", true));
        assertNull(OrganizerDefault.forNew(ActivityKind.APPOINTMENT, null, "alice", false));
        assertEquals("bob", OrganizerDefault.forNew(ActivityKind.APPOINTMENT, "bob", "alice", true));
        assertNull(OrganizerDefault.forNew(ActivityKind.TASK, null, "alice", true));
    }

    @Test
    void theLaterModificationWins() {
        Instant app = Instant.parse("2026-12-01T10:00:00Z");
        assertTrue(ConflictRule.officeChangeWins(app.plusSeconds(1), app));
        assertTrue(ConflictRule.officeChangeWins(app, app), "a tie goes to the change that arrived last");
        assertFalse(ConflictRule.officeChangeWins(app.minusSeconds(1), app));
        assertTrue(ConflictRule.officeChangeWins(app, null), "never changed in the application");
        assertTrue(ConflictRule.officeChangeWins(null, app), "no modification time: nothing to compare");
    }

    @ParameterizedTest
    @CsvSource({ "accepted, ACCEPTED", "tentativelyAccepted, TENTATIVE", "TENTATIVE, TENTATIVE", "declined, DECLINED",
        "notResponded, NONE", "none, NONE", "organizer, NONE" })
    void graphResponsesAreRead(String graph, ResponseStatus expected) {
        assertEquals(Optional.of(expected), ResponseStatus.parse(graph));
    }

    @Test
    void unknownResponsesAreNotGuessed() {
        assertEquals(Optional.empty(), ResponseStatus.parse("maybe"));
        assertEquals(Optional.empty(), ResponseStatus.parse(null));
    }

    @Test
    void tasksOccupyTheirDueDayOrHalfAnHour() {
        var allDay = new ActivityDraft(ActivityKind.TASK, "t", null, null, null, null, false, LocalDate.parse("2026-12-03"),
                null, "UTC", List.of("bob"), null, null);
        assertEquals(new ActivitySpan(LocalDateTime.parse("2026-12-03T00:00"), LocalDateTime.parse("2026-12-04T00:00")),
                ActivitySpan.of(allDay));
        var timed = new ActivityDraft(ActivityKind.TASK, "t", null, null, null, null, false, LocalDate.parse("2026-12-03"),
                LocalTime.parse("23:45"), "UTC", List.of("bob"), null, null);
        assertEquals(new ActivitySpan(LocalDateTime.parse("2026-12-03T23:45"), LocalDateTime.parse("2026-12-04T00:15")),
                ActivitySpan.of(timed));
        assertEquals(new ActivitySpan(ActivityValidationTest.APPOINTMENT.start(), ActivityValidationTest.APPOINTMENT.end()),
                ActivitySpan.of(ActivityValidationTest.APPOINTMENT));
    }

    @Test
    void aPushJobDefaultsToThirtyDaysBackAndEverythingAhead() {
        LocalDate today = LocalDate.parse("2026-12-31");
        assertEquals(new JobRange(LocalDate.parse("2026-12-01"), null), JobRange.forPush(today, 30, null, null));
        assertEquals(new JobRange(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-02-01")),
                JobRange.forPush(today, 30, LocalDate.parse("2026-01-01"), LocalDate.parse("2026-02-01")));
    }

    @Test
    void jobRangesAreChecked() {
        assertEquals(List.of("from", "to"), new JobRange(LocalDate.parse("-5000-01-01"), LocalDate.parse("+300000-01-01"))
                .check(true).stream().map(Violation::field).toList());
        assertEquals(List.of("to"), new JobRange(LocalDate.parse("2026-01-01"), LocalDate.parse("3000-01-01"))
                .check(false).stream().map(Violation::field).toList());
        assertEquals(List.of(), new JobRange(LocalDate.parse("1900-01-01"), LocalDate.parse("2999-12-31")).check(true));
        assertEquals(List.of(), new JobRange(LocalDate.parse("2026-01-01"), null).check(false));
        assertEquals(List.of(new Violation("to", "required")), new JobRange(LocalDate.parse("2026-01-01"), null).check(true));
        assertEquals(List.of(new Violation("from", "required"), new Violation("to", "required")),
                new JobRange(null, null).check(true));
        assertEquals(List.of(new Violation("to", "must not be before from")),
                new JobRange(LocalDate.parse("2026-01-02"), LocalDate.parse("2026-01-01")).check(false));
    }
}
