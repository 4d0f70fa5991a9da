package io.docketsync.activity.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docketsync.activity.domain.CommandOutcome.AlreadyCreated;
import io.docketsync.activity.domain.CommandOutcome.ChangeContent;
import io.docketsync.activity.domain.CommandOutcome.Create;
import io.docketsync.activity.domain.CommandOutcome.Delete;
import io.docketsync.activity.domain.CommandOutcome.Ignored;
import io.docketsync.activity.domain.CommandOutcome.Malformed;
import io.docketsync.activity.domain.CommandOutcome.Overwritten;
import io.docketsync.activity.domain.CommandOutcome.SetResponse;
import io.docketsync.activity.domain.CommandOutcome.UnknownActivity;
import io.docketsync.contracts.ActivityCommand;
import io.docketsync.contracts.ActivityCommand.Type;
import io.docketsync.contracts.ActivityKind;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.recurrence.Pattern;
import io.docketsync.contracts.recurrence.Range;
import io.docketsync.contracts.recurrence.Recurrence;
import io.docketsync.contracts.recurrence.RecurrenceException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link OfficeCommands#decide} as a table: one row per command type and edge (unknown activity, another firm's,
 * deleted, nothing to change, conflict lost, malformed create, already created).
 */
class OfficeCommandsTest {
    static final String FIRM = "hale-marsh";
    static final Instant APP_CHANGE = Instant.parse("2026-12-01T12:00:00Z");
    static final LocalDateTime NINE = LocalDateTime.parse("2026-12-05T09:00");
    /** Scheduled for alice and bob, last changed in the application at APP_CHANGE. */
    static final ActivityDraft CONTENT = ActivityValidationTest.APPOINTMENT.withPush(true);
    static final CurrentActivity LIVE = new CurrentActivity(FIRM, false, APP_CHANGE, CONTENT);
    static final CurrentActivity DELETED = new CurrentActivity(FIRM, true, APP_CHANGE, CONTENT);
    static final CurrentActivity OTHER_FIRM = new CurrentActivity("other-firm", false, APP_CHANGE, CONTENT);
    static final CurrentActivity NEVER_CHANGED_IN_APP = new CurrentActivity(FIRM, false, null, CONTENT);
    static final ActivityCommand.Fields FIELDS = new ActivityCommand.Fields("Moved", "from Outlook", "Teams", NINE,
            NINE.plusHours(1), false, "Europe/London");
    static final ActivityDraft MOVED = new ActivityDraft(ActivityKind.APPOINTMENT, "Moved", "from Outlook", "Teams", NINE,
            NINE.plusHours(1), false, null, null, "Europe/London", List.of("alice", "bob"), null, true);
    static final ActivityDraft FROM_OFFICE = new ActivityDraft(ActivityKind.APPOINTMENT, "Moved", "from Outlook",
            "Teams", NINE, NINE.plusHours(1), false, null, null, "Europe/London", List.of("carol"), null, true);

    static Stream<Arguments> table() {
        return Stream.of(
                // type, user, fields, response, modifiedAt, envelope firm, current, newActivityId -> outcome
                row("update: applied", Type.UPDATE_FIELDS, "bob", FIELDS, null, APP_CHANGE.plusSeconds(1), FIRM, LIVE,
                        new ChangeContent(MOVED)),
                row("update: same instant as the app change, Office wins", Type.UPDATE_FIELDS, "bob", FIELDS, null,
                        APP_CHANGE, FIRM, LIVE, new ChangeContent(MOVED)),
                row("update: stale modifiedAt, overwritten", Type.UPDATE_FIELDS, "bob", FIELDS, null,
                        APP_CHANGE.minusSeconds(60), FIRM, LIVE, new Overwritten("changed in Office 365 at "
                                + "2026-12-01T11:59:00Z, before the change made in the application at "
                                + "2026-12-01T12:00:00Z: the later change wins")),
                row("update: no modifiedAt, applied", Type.UPDATE_FIELDS, "bob", FIELDS, null, null, FIRM, LIVE,
                        new ChangeContent(MOVED)),
                row("update: never changed in the app, applied", Type.UPDATE_FIELDS, "bob", FIELDS, null,
                        APP_CHANGE.minusSeconds(60), FIRM, NEVER_CHANGED_IN_APP, new ChangeContent(MOVED)),
                row("update: no fields", Type.UPDATE_FIELDS, "bob", null, null, APP_CHANGE, FIRM, LIVE,
                        new Ignored("no fields")),
                row("update: deleted", Type.UPDATE_FIELDS, "bob", FIELDS, null, APP_CHANGE, FIRM, DELETED,
                        new Ignored("the activity was deleted")),
                row("update: deleted, before the fields are looked at", Type.UPDATE_FIELDS, "bob", null, null,
                        APP_CHANGE.minusSeconds(60), FIRM, DELETED, new Ignored("the activity was deleted")),
                row("update: unknown activity", Type.UPDATE_FIELDS, "bob", FIELDS, null, APP_CHANGE, FIRM, null,
                        new UnknownActivity()),
                row("update: another firm's activity", Type.UPDATE_FIELDS, "bob", FIELDS, null, APP_CHANGE, FIRM,
                        OTHER_FIRM, new UnknownActivity()),
                row("update: envelope without firm", Type.UPDATE_FIELDS, "bob", FIELDS, null, APP_CHANGE, null,
                        OTHER_FIRM, new ChangeContent(MOVED)),

                row("remove: scheduled user removed", Type.REMOVE_SCHEDULED_USER, "bob", null, null, null, FIRM, LIVE,
                        new ChangeContent(CONTENT.withScheduledFor(List.of("alice")))),
                row("remove: the only user leaves an unscheduled activity", Type.REMOVE_SCHEDULED_USER, "bob", null,
                        null, null, FIRM, new CurrentActivity(FIRM, false, APP_CHANGE,
                                CONTENT.withScheduledFor(List.of("bob"))),
                        new ChangeContent(CONTENT.withScheduledFor(List.of()))),
                row("remove: not scheduled", Type.REMOVE_SCHEDULED_USER, "carol", null, null, null, FIRM, LIVE,
                        new Ignored("carol is not scheduled")),
                row("remove: stale modifiedAt does not matter", Type.REMOVE_SCHEDULED_USER, "bob", null, null,
                        APP_CHANGE.minusSeconds(60), FIRM, LIVE,
                        new ChangeContent(CONTENT.withScheduledFor(List.of("alice")))),
                row("remove: deleted", Type.REMOVE_SCHEDULED_USER, "bob", null, null, null, FIRM, DELETED,
                        new Ignored("the activity was deleted")),
                row("remove: unknown activity", Type.REMOVE_SCHEDULED_USER, "bob", null, null, null, FIRM, null,
                        new UnknownActivity()),
                row("remove: another firm's activity", Type.REMOVE_SCHEDULED_USER, "bob", null, null, null, FIRM,
                        OTHER_FIRM, new UnknownActivity()),

                row("add: new user appended", Type.ADD_SCHEDULED_USER, "carol", null, null, null, FIRM, LIVE,
                        new ChangeContent(CONTENT.withScheduledFor(List.of("alice", "bob", "carol")))),
                row("add: already scheduled", Type.ADD_SCHEDULED_USER, "bob", null, null, null, FIRM, LIVE,
                        new Ignored("bob is already scheduled")),
                row("add: deleted", Type.ADD_SCHEDULED_USER, "carol", null, null, null, FIRM, DELETED,
                        new Ignored("the activity was deleted")),
                row("add: unknown activity", Type.ADD_SCHEDULED_USER, "carol", null, null, null, FIRM, null,
                        new UnknownActivity()),
                row("add: another firm's activity", Type.ADD_SCHEDULED_USER, "carol", null, null, null, FIRM,
                        OTHER_FIRM, new UnknownActivity()),

                row("response: accepted", Type.SET_RESPONSE_STATUS, "bob", null, "accepted", null, FIRM, LIVE,
                        new SetResponse("bob", ResponseStatus.ACCEPTED)),
                row("response: Graph's tentativelyAccepted", Type.SET_RESPONSE_STATUS, "bob", null,
                        "tentativelyAccepted", null, FIRM, LIVE, new SetResponse("bob", ResponseStatus.TENTATIVE)),
                row("response: notResponded", Type.SET_RESPONSE_STATUS, "bob", null, "notResponded", null, FIRM, LIVE,
                        new SetResponse("bob", ResponseStatus.NONE)),
                row("response: of a user not scheduled is still kept", Type.SET_RESPONSE_STATUS, "carol", null,
                        "declined", null, FIRM, LIVE, new SetResponse("carol", ResponseStatus.DECLINED)),
                row("response: unknown value", Type.SET_RESPONSE_STATUS, "bob", null, "maybe", null, FIRM, LIVE,
                        new Ignored("unknown response 'maybe'")),
                row("response: none given", Type.SET_RESPONSE_STATUS, "bob", null, null, null, FIRM, LIVE,
                        new Ignored("unknown response 'null'")),
                row("response: deleted", Type.SET_RESPONSE_STATUS, "bob", null, "accepted", null, FIRM, DELETED,
                        new Ignored("the activity was deleted")),
                row("response: unknown activity", Type.SET_RESPONSE_STATUS, "bob", null, "accepted", null, FIRM, null,
                        new UnknownActivity()),
                row("response: another firm's activity", Type.SET_RESPONSE_STATUS, "bob", null, "accepted", null,
                        FIRM, OTHER_FIRM, new UnknownActivity()),

                row("delete: deleted", Type.DELETE, "alice", null, null, null, FIRM, LIVE, new Delete()),
                row("delete: stale modifiedAt does not matter", Type.DELETE, "alice", null, null,
                        APP_CHANGE.minusSeconds(60), FIRM, LIVE, new Delete()),
                row("delete: already deleted", Type.DELETE, "alice", null, null, null, FIRM, DELETED,
                        new Ignored("the activity was deleted")),
                row("delete: unknown activity", Type.DELETE, "alice", null, null, null, FIRM, null,
                        new UnknownActivity()),
                row("delete: another firm's activity", Type.DELETE, "bob", null, null, null, FIRM, OTHER_FIRM,
                        new UnknownActivity()),
                row("delete: envelope without firm", Type.DELETE, "bob", null, null, null, null, OTHER_FIRM,
                        new Delete()),

                row("create for user: created", Type.CREATE_FOR_USER, "carol", FIELDS, null, null, FIRM, null,
                        new Create(FROM_OFFICE)),
                row("create for user: already created", Type.CREATE_FOR_USER, "carol", FIELDS, null, null, FIRM, LIVE,
                        new AlreadyCreated()),
                row("create for user: already created and deleted", Type.CREATE_FOR_USER, "carol", FIELDS, null, null,
                        FIRM, DELETED, new AlreadyCreated()),
                row("create for user: id taken in another firm", Type.CREATE_FOR_USER, "carol", FIELDS, null, null,
                        FIRM, OTHER_FIRM, new AlreadyCreated()),
                row("create for user: no fields", Type.CREATE_FOR_USER, "carol", null, null, null, FIRM, null,
                        MALFORMED_CREATE),
                row("create for user: no firm", Type.CREATE_FOR_USER, "carol", FIELDS, null, null, null, null,
                        MALFORMED_CREATE),
                rowWithoutNewId("create for user: no newActivityId", Type.CREATE_FOR_USER),

                row("create from office: created", Type.CREATE_FROM_OFFICE, "carol", FIELDS, null, null, FIRM, null,
                        new Create(FROM_OFFICE)),
                row("create from office: stale modifiedAt does not matter", Type.CREATE_FROM_OFFICE, "carol", FIELDS,
                        null, APP_CHANGE.minusSeconds(60), FIRM, null, new Create(FROM_OFFICE)),
                row("create from office: already created", Type.CREATE_FROM_OFFICE, "carol", FIELDS, null, null, FIRM,
                        LIVE, new AlreadyCreated()),
                row("create from office: no fields", Type.CREATE_FROM_OFFICE, "carol", null, null, null, FIRM, null,
                        MALFORMED_CREATE),
                row("create from office: no firm", Type.CREATE_FROM_OFFICE, "carol", FIELDS, null, null, null, null,
                        MALFORMED_CREATE),
                rowWithoutNewId("create from office: no newActivityId", Type.CREATE_FROM_OFFICE),

                // recurring activities (issue 17): series edits and creates
                row("update: a recurrence makes a single appointment a series", Type.UPDATE_FIELDS, "bob",
                        FIELDS_AS_SERIES, null, APP_CHANGE, FIRM, LIVE,
                        new ChangeContent(MOVED.withSeries(SATURDAYS, List.of()))),
                row("update: a series' subject edit keeps its pattern and exceptions", Type.UPDATE_FIELDS, "bob",
                        SERIES_RENAMED, null, APP_CHANGE, FIRM, SERIES_WITH_MOVED,
                        new ChangeContent(new ActivityDraft(ActivityKind.APPOINTMENT, "Renamed", "notes", "Room 4",
                                TUESDAY, TUESDAY.plusHours(1), false, null, null, "Europe/London",
                                List.of("alice", "bob"), null, true, TUESDAYS, List.of(MOVED_OCCURRENCE)))),
                row("update: a series edit naming the same pattern keeps the exceptions", Type.UPDATE_FIELDS, "bob",
                        withRecurrence(SERIES_RENAMED, TUESDAYS), null, APP_CHANGE, FIRM, SERIES_WITH_MOVED,
                        new ChangeContent(new ActivityDraft(ActivityKind.APPOINTMENT, "Renamed", "notes", "Room 4",
                                TUESDAY, TUESDAY.plusHours(1), false, null, null, "Europe/London",
                                List.of("alice", "bob"), null, true, TUESDAYS, List.of(MOVED_OCCURRENCE)))),
                row("update: a new pattern drops the exceptions, as Exchange does", Type.UPDATE_FIELDS, "bob",
                        withRecurrence(SERIES_RENAMED, TUESDAYS_AND_THURSDAYS), null, APP_CHANGE, FIRM,
                        SERIES_WITH_MOVED, new ChangeContent(new ActivityDraft(ActivityKind.APPOINTMENT, "Renamed",
                                "notes", "Room 4", TUESDAY, TUESDAY.plusHours(1), false, null, null, "Europe/London",
                                List.of("alice", "bob"), null, true, TUESDAYS_AND_THURSDAYS, List.of()))),
                row("update: new series times drop the exceptions", Type.UPDATE_FIELDS, "bob",
                        new ActivityCommand.Fields("Deposition", "notes", "Room 4", TUESDAY.plusHours(1),
                                TUESDAY.plusHours(2), false, "Europe/London", null, TUESDAYS), null, APP_CHANGE, FIRM,
                        SERIES_WITH_MOVED, new ChangeContent(new ActivityDraft(ActivityKind.APPOINTMENT, "Deposition",
                                "notes", "Room 4", TUESDAY.plusHours(1), TUESDAY.plusHours(2), false, null, null,
                                "Europe/London", List.of("alice", "bob"), null, true, TUESDAYS, List.of()))),
                row("update: a series the rules refuse is ignored", Type.UPDATE_FIELDS, "bob",
                        withRecurrence(SERIES_RENAMED, new Recurrence(Pattern.weekly(0, DayOfWeek.TUESDAY),
                                TUESDAYS.range())), null, APP_CHANGE, FIRM, SERIES_LIVE,
                        new Ignored("the series from Office 365 is not acceptable: recurrence.pattern.interval: must "
                                + "be 1 or more")),
                row("update: a series moved to another date without its recurrence is ignored", Type.UPDATE_FIELDS,
                        "bob", new ActivityCommand.Fields("Deposition", "notes", "Room 4", TUESDAY.plusDays(1),
                                TUESDAY.plusDays(1).plusHours(1), false, "Europe/London"), null, APP_CHANGE, FIRM,
                        SERIES_LIVE, new Ignored("the series from Office 365 is not acceptable: recurrence.range"
                                + ".startDate: must be the first start's date, 2026-12-02")),
                row("update: a task does not become a series", Type.UPDATE_FIELDS, "bob", FIELDS_AS_SERIES, null,
                        APP_CHANGE, FIRM, new CurrentActivity(FIRM, false, APP_CHANGE,
                                ActivityValidationTest.TASK.withPush(true)),
                        new Ignored("a task does not recur: the series made of it in Office 365 is not applied")),
                row("create from office: a series", Type.CREATE_FROM_OFFICE, "carol", FIELDS_AS_SERIES, null, null,
                        FIRM, null, new Create(FROM_OFFICE.withSeries(SATURDAYS, List.of()))),
                row("create from office: a series the rules refuse", Type.CREATE_FROM_OFFICE, "carol",
                        withRecurrence(FIELDS, new Recurrence(Pattern.weekly(1), SATURDAYS.range())), null, null,
                        FIRM, null, new Malformed("the series from Office 365 cannot be an activity: "
                                + "recurrence.pattern.daysOfWeek: a weekly pattern needs at least one day")),
                row("create for user: a restricted user's edited series", Type.CREATE_FOR_USER, "carol",
                        FIELDS_AS_SERIES, null, null, FIRM, null,
                        new Create(FROM_OFFICE.withSeries(SATURDAYS, List.of()))),

                // one occurrence changed in Office 365
                occurrenceRow("set occurrence: becomes an exception with what differs from the series",
                        Type.SET_OCCURRENCE, OCCURRENCE_FIELDS, NEXT_TUESDAY, APP_CHANGE, SERIES_LIVE,
                        new ChangeContent(SERIES.withSeries(TUESDAYS, List.of(new RecurrenceException(NEXT_TUESDAY,
                                false, "Moved", "from Outlook", "Teams", NEXT_TUESDAY.plusHours(2), null))))),
                occurrenceRow("set occurrence: replaces the exception it had", Type.SET_OCCURRENCE, OCCURRENCE_FIELDS,
                        NEXT_TUESDAY, APP_CHANGE, SERIES_WITH_MOVED,
                        new ChangeContent(SERIES.withSeries(TUESDAYS, List.of(new RecurrenceException(NEXT_TUESDAY,
                                false, "Moved", "from Outlook", "Teams", NEXT_TUESDAY.plusHours(2), null))))),
                occurrenceRow("set occurrence: its times in the event's zone are moved into the activity's",
                        Type.SET_OCCURRENCE, new ActivityCommand.Fields("Deposition", "notes", "Room 4",
                                LocalDateTime.parse("2026-12-08T06:00"), LocalDateTime.parse("2026-12-08T08:00"), false,
                                "America/New_York"), NEXT_TUESDAY, null, SERIES_LIVE,
                        new ChangeContent(SERIES.withSeries(TUESDAYS, List.of(new RecurrenceException(NEXT_TUESDAY,
                                false, null, null, null, LocalDateTime.parse("2026-12-08T11:00"),
                                LocalDateTime.parse("2026-12-08T13:00")))))),
                occurrenceRow("set occurrence: back as the series has it, the exception goes", Type.SET_OCCURRENCE,
                        AS_THE_SERIES, NEXT_TUESDAY, APP_CHANGE, SERIES_WITH_MOVED, new ChangeContent(SERIES)),
                occurrenceRow("set occurrence: already as the series has it", Type.SET_OCCURRENCE, AS_THE_SERIES,
                        NEXT_TUESDAY, APP_CHANGE, SERIES_LIVE,
                        new Ignored("the occurrence 2026-12-08T09:00 is already as Office 365 has it")),
                occurrenceRow("set occurrence: stale modifiedAt, overwritten", Type.SET_OCCURRENCE, OCCURRENCE_FIELDS,
                        NEXT_TUESDAY, APP_CHANGE.minusSeconds(60), SERIES_LIVE, new Overwritten("changed in Office "
                                + "365 at 2026-12-01T11:59:00Z, before the change made in the application at "
                                + "2026-12-01T12:00:00Z: the later change wins")),
                occurrenceRow("set occurrence: a cancelled occurrence stays cancelled", Type.SET_OCCURRENCE,
                        OCCURRENCE_FIELDS, NEXT_TUESDAY, APP_CHANGE, SERIES_WITH_CANCELLED,
                        new Ignored("the occurrence 2026-12-08T09:00 is cancelled")),
                occurrenceRow("set occurrence: not an occurrence (another day)", Type.SET_OCCURRENCE,
                        OCCURRENCE_FIELDS, NEXT_TUESDAY.plusDays(1), APP_CHANGE, SERIES_LIVE,
                        new Ignored("2026-12-09T09:00 is not an occurrence of the series")),
                occurrenceRow("set occurrence: not an occurrence (another time)", Type.SET_OCCURRENCE,
                        OCCURRENCE_FIELDS, NEXT_TUESDAY.plusHours(1), APP_CHANGE, SERIES_LIVE,
                        new Ignored("2026-12-08T10:00 is not an occurrence of the series")),
                occurrenceRow("set occurrence: after the series ends", Type.SET_OCCURRENCE, OCCURRENCE_FIELDS,
                        LocalDateTime.parse("2027-03-09T09:00"), APP_CHANGE, SERIES_LIVE,
                        new Ignored("2027-03-09T09:00 is not an occurrence of the series")),
                occurrenceRow("set occurrence: the activity is not recurring", Type.SET_OCCURRENCE, OCCURRENCE_FIELDS,
                        NEXT_TUESDAY, APP_CHANGE, LIVE,
                        new Ignored("the activity is not recurring: it has no occurrence 2026-12-08T09:00")),
                occurrenceRow("set occurrence: no fields", Type.SET_OCCURRENCE, null, NEXT_TUESDAY, APP_CHANGE,
                        SERIES_LIVE, new Ignored("no fields")),
                occurrenceRow("set occurrence: no originalStart", Type.SET_OCCURRENCE, OCCURRENCE_FIELDS, null,
                        APP_CHANGE, SERIES_LIVE, new Malformed("an occurrence command needs originalStart")),
                occurrenceRow("set occurrence: deleted", Type.SET_OCCURRENCE, OCCURRENCE_FIELDS, NEXT_TUESDAY,
                        APP_CHANGE, new CurrentActivity(FIRM, true, APP_CHANGE, SERIES),
                        new Ignored("the activity was deleted")),
                occurrenceRow("set occurrence: unknown activity", Type.SET_OCCURRENCE, OCCURRENCE_FIELDS, NEXT_TUESDAY,
                        APP_CHANGE, null, new UnknownActivity()),
                occurrenceRow("set occurrence: another firm's activity", Type.SET_OCCURRENCE, OCCURRENCE_FIELDS,
                        NEXT_TUESDAY, APP_CHANGE, new CurrentActivity("other-firm", false, APP_CHANGE, SERIES),
                        new UnknownActivity()),

                // one occurrence deleted in Office 365
                occurrenceRow("cancel occurrence: cancelled", Type.CANCEL_OCCURRENCE, null, NEXT_TUESDAY, null,
                        SERIES_LIVE, new ChangeContent(SERIES_WITH_CANCELLED.content())),
                occurrenceRow("cancel occurrence: a changed occurrence loses its changes", Type.CANCEL_OCCURRENCE,
                        null, NEXT_TUESDAY, null, SERIES_WITH_MOVED, new ChangeContent(SERIES_WITH_CANCELLED.content())),
                occurrenceRow("cancel occurrence: stale modifiedAt does not matter", Type.CANCEL_OCCURRENCE, null,
                        NEXT_TUESDAY, APP_CHANGE.minusSeconds(60), SERIES_LIVE,
                        new ChangeContent(SERIES_WITH_CANCELLED.content())),
                occurrenceRow("cancel occurrence: already cancelled", Type.CANCEL_OCCURRENCE, null, NEXT_TUESDAY, null,
                        SERIES_WITH_CANCELLED, new Ignored("the occurrence 2026-12-08T09:00 is already cancelled")),
                occurrenceRow("cancel occurrence: not an occurrence", Type.CANCEL_OCCURRENCE, null,
                        NEXT_TUESDAY.plusDays(1), null, SERIES_LIVE,
                        new Ignored("2026-12-09T09:00 is not an occurrence of the series")),
                occurrenceRow("cancel occurrence: the activity is not recurring", Type.CANCEL_OCCURRENCE, null,
                        NEXT_TUESDAY, null, LIVE,
                        new Ignored("the activity is not recurring: it has no occurrence 2026-12-08T09:00")),
                occurrenceRow("cancel occurrence: no originalStart", Type.CANCEL_OCCURRENCE, null, null, null,
                        SERIES_LIVE, new Malformed("an occurrence command needs originalStart")),
                occurrenceRow("cancel occurrence: deleted", Type.CANCEL_OCCURRENCE, null, NEXT_TUESDAY, null,
                        new CurrentActivity(FIRM, true, APP_CHANGE, SERIES), new Ignored("the activity was deleted")),
                occurrenceRow("cancel occurrence: unknown activity", Type.CANCEL_OCCURRENCE, null, NEXT_TUESDAY, null,
                        null, new UnknownActivity()),
                occurrenceRow("cancel occurrence: another firm's activity", Type.CANCEL_OCCURRENCE, null,
                        NEXT_TUESDAY, null, new CurrentActivity("other-firm", false, APP_CHANGE, SERIES),
                        new UnknownActivity()));
    }

    // A weekly series on Tuesdays 09:00-10:00 in London (CONTENT's first start, 2026-12-01, is a Tuesday)
    static final LocalDateTime TUESDAY = LocalDateTime.parse("2026-12-01T09:00");
    static final LocalDateTime NEXT_TUESDAY = LocalDateTime.parse("2026-12-08T09:00");
    static final Recurrence TUESDAYS = new Recurrence(Pattern.weekly(1, DayOfWeek.TUESDAY),
            Range.endDate(LocalDate.parse("2026-12-01"), LocalDate.parse("2027-03-02"))).normalized();
    static final Recurrence TUESDAYS_AND_THURSDAYS = new Recurrence(
            Pattern.weekly(1, DayOfWeek.TUESDAY, DayOfWeek.THURSDAY), TUESDAYS.range()).normalized();
    /** FIELDS' first start, 2026-12-05, is a Saturday */
    static final Recurrence SATURDAYS = new Recurrence(Pattern.weekly(1, DayOfWeek.SATURDAY),
            Range.numbered(LocalDate.parse("2026-12-05"), 10)).normalized();
    static final ActivityDraft SERIES = CONTENT.withSeries(TUESDAYS, List.of());
    static final RecurrenceException MOVED_OCCURRENCE = RecurrenceException.moved(NEXT_TUESDAY,
            NEXT_TUESDAY.plusHours(3), null);
    static final CurrentActivity SERIES_LIVE = new CurrentActivity(FIRM, false, APP_CHANGE, SERIES);
    static final CurrentActivity SERIES_WITH_MOVED = new CurrentActivity(FIRM, false, APP_CHANGE,
            SERIES.withSeries(TUESDAYS, List.of(MOVED_OCCURRENCE)));
    static final CurrentActivity SERIES_WITH_CANCELLED = new CurrentActivity(FIRM, false, APP_CHANGE,
            SERIES.withSeries(TUESDAYS, List.of(RecurrenceException.cancelled(NEXT_TUESDAY))));
    static final ActivityCommand.Fields FIELDS_AS_SERIES = withRecurrence(FIELDS, SATURDAYS);
    static final ActivityCommand.Fields SERIES_RENAMED = new ActivityCommand.Fields("Renamed", "notes", "Room 4",
            TUESDAY, TUESDAY.plusHours(1), false, "Europe/London");
    static final ActivityCommand.Fields OCCURRENCE_FIELDS = new ActivityCommand.Fields("Moved", "from Outlook", "Teams",
            NEXT_TUESDAY.plusHours(2), NEXT_TUESDAY.plusHours(3), false, "Europe/London");
    static final ActivityCommand.Fields AS_THE_SERIES = new ActivityCommand.Fields("Deposition", "notes", "Room 4",
            NEXT_TUESDAY, NEXT_TUESDAY.plusHours(1), false, "Europe/London");

    static ActivityCommand.Fields withRecurrence(ActivityCommand.Fields f, Recurrence r) {
        return new ActivityCommand.Fields(f.subject(), f.body(), f.location(), f.start(), f.end(), f.allDay(),
                f.timeZone(), f.originalTimeZone(), r);
    }

    private static Arguments occurrenceRow(String name, Type type, ActivityCommand.Fields fields,
            LocalDateTime originalStart, Instant modifiedAt, CurrentActivity current, CommandOutcome expected) {
        ActivityCommand c = new ActivityCommand("c1", type, "a1", null, "bob", fields, null,
                new ActivityCommand.GraphLink("bob@halemarsh.test", "evt-1", "ical-1", "ck-1"), modifiedAt,
                originalStart);
        return Arguments.of(name, c, FIRM, current, expected);
    }

    static final Malformed MALFORMED_CREATE = new Malformed("a create command needs the firm, newActivityId and fields");

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decides(String row, ActivityCommand command, String firmId, CurrentActivity current, CommandOutcome expected) {
        assertEquals(expected, OfficeCommands.decide(command, firmId, current));
    }

    @Test
    void theTableCoversEveryTypeWithItsEdges() {
        Set<Type> covered = table().map(a -> ((ActivityCommand) a.get()[1]).type()).collect(Collectors.toSet());
        assertEquals(EnumSet.allOf(Type.class), covered);
        for (Type t : Type.values()) {
            Set<Class<?>> outcomes = table().filter(a -> ((ActivityCommand) a.get()[1]).type() == t)
                    .map(a -> a.get()[4].getClass()).collect(Collectors.toSet());
            Set<Class<?>> edges = OfficeCommands.creates(t) ? Set.of(Create.class, AlreadyCreated.class, Malformed.class)
                    : Set.of(UnknownActivity.class, Ignored.class);
            org.junit.jupiter.api.Assertions.assertTrue(outcomes.containsAll(edges), t + " misses an edge: " + outcomes);
        }
    }

    @Test
    void theTargetIsTheActivityToCreateOrToChange() {
        assertEquals("new", OfficeCommands.target(command(Type.CREATE_FROM_OFFICE, "carol", FIELDS, null, null)));
        assertEquals("new", OfficeCommands.target(command(Type.CREATE_FOR_USER, "carol", FIELDS, null, null)));
        for (Type t : EnumSet.complementOf(EnumSet.of(Type.CREATE_FOR_USER, Type.CREATE_FROM_OFFICE))) {
            assertEquals("a1", OfficeCommands.target(command(t, "bob", null, null, null)));
        }
    }

    @Test
    void theOriginIsTheMailboxAndChangeKeyOfTheEventWhenKnown() {
        assertEquals(Origin.office365("bob", "bob@halemarsh.test", "ck-1"),
                OfficeCommands.origin(command(Type.DELETE, "bob", null, null, null)));
        ActivityCommand unlinked = new ActivityCommand("c1", Type.DELETE, "a1", null, "bob", null, null, null, null);
        assertEquals(Origin.office365("bob", null, null), OfficeCommands.origin(unlinked));
    }

    private static Arguments row(String name, Type type, String user, ActivityCommand.Fields fields, String response,
            Instant modifiedAt, String firmId, CurrentActivity current, CommandOutcome expected) {
        return Arguments.of(name, command(type, user, fields, response, modifiedAt), firmId, current, expected);
    }

    private static Arguments rowWithoutNewId(String name, Type type) {
        ActivityCommand c = new ActivityCommand("c1", type, null, null, "carol", FIELDS, null, null, null);
        return Arguments.of(name, c, FIRM, null, MALFORMED_CREATE);
    }

    private static ActivityCommand command(Type type, String user, ActivityCommand.Fields fields, String response,
            Instant modifiedAt) {
        boolean creates = type == Type.CREATE_FOR_USER || type == Type.CREATE_FROM_OFFICE;
        return new ActivityCommand("c1", type, creates ? null : "a1", creates ? "new" : null, user, fields, response,
                new ActivityCommand.GraphLink(user + "@halemarsh.test", "evt-1", "ical-1", "ck-1"), modifiedAt);
    }
}
