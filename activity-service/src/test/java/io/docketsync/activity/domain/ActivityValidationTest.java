package io.docketsync.activity.domain;

import io.docketsync.api.Violation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docketsync.contracts.ActivityKind;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ActivityValidationTest {
    static final ActivityDraft APPOINTMENT = new ActivityDraft(ActivityKind.APPOINTMENT, "Deposition", "notes", "Room 4",
            LocalDateTime.parse("2026-12-01T09:00"), LocalDateTime.parse("2026-12-01T10:00"), false, null, null,
            "Europe/London", List.of("alice", "bob"), null, null);
    static final ActivityDraft TASK = new ActivityDraft(ActivityKind.TASK, "File brief", null, null, null, null, false,
            LocalDate.parse("2026-12-03"), null, "UTC", List.of("bob"), null, null);

    @ParameterizedTest(name = "{0} {1}..{2} allDay={3} due={4} {5} tz={6} -> [{7}]")
    @CsvSource(value = {
        "APPOINTMENT | 2026-12-01T09:00 | 2026-12-01T10:00 | false |            |       | Europe/London |",
        "APPOINTMENT | 2026-12-01T09:00 | 2026-12-01T09:00 | false |            |       | Europe/London | end",
        "APPOINTMENT | 2026-12-01T09:00 | 2026-12-01T08:00 | false |            |       | UTC           | end",
        "APPOINTMENT |                  | 2026-12-01T08:00 | false |            |       | UTC           | start",
        "APPOINTMENT | 2026-12-01T09:00 |                  | false |            |       | UTC           | end",
        "APPOINTMENT |                  |                  | false |            |       | UTC           | start,end",
        "APPOINTMENT | 2026-12-01T00:00 | 2026-12-02T00:00 | true  |            |       | UTC           |",
        "APPOINTMENT | 2026-12-01T09:00 | 2026-12-02T00:00 | true  |            |       | UTC           | allDay",
        "APPOINTMENT | 2026-12-01T09:00 | 2026-12-01T10:00 | false |            |       | Mars/Base     | timeZone",
        "APPOINTMENT | 2026-12-01T09:00 | 2026-12-01T10:00 | false |            |       | +02:00        | timeZone",
        "APPOINTMENT | 2026-12-01T09:00 | 2026-12-01T10:00 | false | 2026-12-01 | 09:00 | UTC           | dueDate,dueTime",
        "TASK        |                  |                  | false | 2026-12-03 |       | UTC           |",
        "TASK        |                  |                  | false | 2026-12-03 | 14:30 | UTC           |",
        "TASK        |                  |                  | false |            |       | UTC           | dueDate",
        "TASK        |                  |                  | false |            |       | Nowhere       | timeZone,dueDate",
        "TASK        | 2026-12-01T09:00 | 2026-12-01T10:00 | false | 2026-12-03 |       | UTC           | start,end",
        "TASK        |                  |                  | true  | 2026-12-03 |       | UTC           | allDay",
        // only years 1900 to 2999: PostgreSQL changes or refuses others
        "APPOINTMENT | 1900-01-01T00:00 | 2999-12-31T23:00 | false |            |       | UTC           |",
        "APPOINTMENT | 1899-12-31T23:00 | 2026-12-01T10:00 | false |            |       | UTC           | start",
        "APPOINTMENT | 2026-12-01T09:00 | 3000-01-01T00:00 | false |            |       | UTC           | end",
        "APPOINTMENT | -5000-01-01T09:00 | +300000-01-01T10:00 | false |       |       | UTC           | start,end",
        "TASK        |                  |                  | false | 1900-01-01 |       | UTC           |",
        "TASK        |                  |                  | false | +999999999-12-31 |  | UTC           | dueDate",
    }, delimiter = '|')
    void timeRulesNameTheirFields(ActivityKind kind, LocalDateTime start, LocalDateTime end, boolean allDay,
            LocalDate due, LocalTime dueTime, String zone, String expected) {
        String fields = ActivityValidation.check(kind, start, end, allDay, due, dueTime, zone).stream()
                .map(Violation::field).collect(Collectors.joining(","));
        assertEquals(expected == null ? "" : expected, fields);
    }

    @Test
    void validDraftsPass() {
        assertEquals(List.of(), ActivityValidation.check(APPOINTMENT));
        assertEquals(List.of(), ActivityValidation.check(TASK));
    }

    @Test
    void blankOrOversizeTextIsNamed() {
        assertEquals("subject", fields(withText(" ", null, null)));
        assertEquals("subject", fields(withText(null, null, null)));
        assertEquals("subject", fields(withText("x".repeat(256), null, null)));
        assertEquals("", fields(withText("x".repeat(255), "b".repeat(32_000), "l".repeat(255))));
        assertEquals("location,body", fields(withText("ok", "b".repeat(32_001), "l".repeat(256))));
    }

    @Test
    void missingKindAndZoneAreNamed() {
        var d = new ActivityDraft(null, "s", null, null, null, null, false, null, null, " ", List.of("bob"), null, null);
        assertEquals("kind,timeZone", fields(d));
    }

    @Test
    void scheduledForNeedsDistinctUserIds() {
        assertEquals("", fields(APPOINTMENT.withScheduledFor(List.of())), "an unscheduled activity is valid");
        assertEquals("scheduledFor", fields(new ActivityDraft(ActivityKind.TASK, "s", null, null, null, null, false,
                LocalDate.parse("2026-12-03"), null, "UTC", null, null, null)));
        assertEquals("scheduledFor[1]", fields(APPOINTMENT.withScheduledFor(List.of("bob", "bob"))));
        assertEquals("scheduledFor[0],scheduledFor[2]",
                fields(APPOINTMENT.withScheduledFor(Arrays.asList("a\"b", "bob", "x y"))));
        List<String> many = IntStream.range(0, 101).mapToObj(i -> "u" + i).collect(Collectors.toCollection(ArrayList::new));
        assertEquals("scheduledFor", fields(APPOINTMENT.withScheduledFor(many)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "alice", "bob.smith", "b_ob", "x@firm.test", "A-1" })
    void userIdsOfTheIdentityProviderAreAccepted(String id) {
        assertTrue(ActivityValidation.USER_ID.matcher(id).matches());
    }

    @Test
    void onlyAppointmentsHaveAnOrganizer() {
        assertEquals("organizerId", fields(TASK.withOrganizer("bob")));
        assertEquals("", fields(APPOINTMENT.withOrganizer("bob")));
        assertEquals("organizerId", fields(APPOINTMENT.withOrganizer("no such")));
    }

    @Test
    void unknownUsersAreNamedWithTheirPosition() {
        var d = APPOINTMENT.withScheduledFor(List.of("alice", "zed", "bob", "yan")).withOrganizer("olga");
        var v = ActivityValidation.unknownUsers(d, Set.of("alice", "bob"), Set.of("alice", "bob"), List.of());
        assertEquals(List.of(new Violation("scheduledFor[1]", "'zed' is not a user of this firm"),
                new Violation("scheduledFor[3]", "'yan' is not a user of this firm"),
                new Violation("organizerId", "'olga' is not a user of this firm")), v);
        assertEquals(List.of(), ActivityValidation.unknownUsers(APPOINTMENT, Set.of("alice", "bob"), Set.of("alice", "bob"),
                List.of()));
    }

    @Test
    void deactivatedUsersMayStayButNotBeNewlyNamed() {
        var d = APPOINTMENT.withScheduledFor(List.of("alice", "bob", "erin")).withOrganizer("erin");
        Set<String> firm = Set.of("alice", "bob", "erin");
        Set<String> active = Set.of("alice", "bob");
        assertEquals(List.of(new Violation("scheduledFor[2]", "'erin' is deactivated in this firm"),
                new Violation("organizerId", "'erin' is deactivated in this firm")),
                ActivityValidation.unknownUsers(d, firm, active, List.of("alice")));
        assertEquals(List.of(), ActivityValidation.unknownUsers(d, firm, active, List.of("alice", "erin")));
    }

    private static ActivityDraft withText(String subject, String body, String location) {
        return new ActivityDraft(ActivityKind.APPOINTMENT, subject, body, location, APPOINTMENT.start(),
                APPOINTMENT.end(), false, null, null, "UTC", List.of("bob"), null, null);
    }

    private static String fields(ActivityDraft d) {
        return ActivityValidation.check(d).stream().map(Violation::field).collect(Collectors.joining(","));
    }
}
