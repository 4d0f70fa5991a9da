package io.docketsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.graph.models.DateTimeTimeZone;
import com.microsoft.graph.models.Event;
import io.docketsync.contracts.ActivityCommand;
import io.docketsync.contracts.GraphNotification;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.docketsync.contracts.ActivityChanged;
import io.docketsync.contracts.ActivityKind;
import io.docketsync.contracts.ActivitySnapshot;
import io.docketsync.contracts.ConnectionChanged;
import io.docketsync.contracts.ConnectionState;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.FirmUser;
import io.docketsync.contracts.Office365Settings;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.Permission;
import io.docketsync.contracts.SettingsChanged;
import io.docketsync.contracts.SyncStatusChanged;
import io.docketsync.contracts.Topics;
import io.docketsync.contracts.recurrence.Pattern;
import io.docketsync.contracts.recurrence.Range;
import io.docketsync.contracts.recurrence.Recurrence;
import io.docketsync.contracts.recurrence.RecurrenceException;
import io.docketsync.testsupport.PlatformTestResource;
import io.docketsync.testsupport.TestPlatform;
import io.docketsync.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * A recurring activity is one series in the mailbox, its exceptions shown by its occurrences: a moved occurrence is
 * moved, a cancelled one deleted, the others as the series; a later version's exceptions are written too.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SimulatorTestResource.class, restrictToAnnotatedClass = false)
class RecurringSeriesTest {
    private static final String IMMUTABLE = WorkerMailbox.IMMUTABLE;
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private final WorkerMailbox box = new WorkerMailbox("series");
    private final String bootstrap = box.bootstrap;
    private final String run = box.run;
    private final String firm = box.firm;
    private final String user = box.user;
    private final String mailbox = box.mailbox;
    private final String activityId = "series-act-" + run;
    @jakarta.inject.Inject
    javax.sql.DataSource jdbc;

    @Test
    void aWeeklySeriesIsOneSeriesWhoseOccurrencesShowItsExceptions() throws Exception {
        GraphServiceClient graph = connectTwoWay();
        // weekly on Monday 09:00 London for 6 weeks, across nothing special: the third moved to 14:00, the fourth cancelled
        LocalDate firstMonday = inAWeek(DayOfWeek.MONDAY);
        LocalDateTime first = firstMonday.atTime(9, 0);
        Recurrence weekly = weekly(firstMonday, 6);
        List<RecurrenceException> exceptions = List.of(
                RecurrenceException.moved(first.plusWeeks(2), first.plusWeeks(2).withHour(14), first.plusWeeks(2).withHour(15)),
                RecurrenceException.cancelled(first.plusWeeks(3)));
        String seriesId = linkedSeries("Case meeting " + run, first, weekly, exceptions);

        List<Event> occurrences = instances(graph, seriesId, firstMonday);
        assertEquals(5, occurrences.size(), "six occurrences, one cancelled: " + subjects(occurrences));
        assertTrue(occurrences.stream().allMatch(e -> seriesId.equals(e.getSeriesMasterId())), "one series");
        assertEquals(List.of(9, 9, 14, 9, 9), occurrences.stream().map(e -> localHour(e)).toList(),
                "the third moved to 14:00, the fourth gone");
        long masters = graph.users().byUserId(mailbox).events().get(rc -> rc.headers.add("Prefer", IMMUTABLE))
                .getValue().stream().filter(e -> ("Case meeting " + run).equals(e.getSubject())).count();
        assertEquals(1, masters, "one series in the mailbox, not six events");

        // version 2: the series renamed, and the second occurrence cancelled too
        List<RecurrenceException> more = List.of(exceptions.get(0), exceptions.get(1),
                RecurrenceException.cancelled(first.plusWeeks(1)));
        box.send(Topics.ACTIVITY_CHANGES, activityId, change(2, "Case meeting " + run + " (renamed)", first, weekly, more));
        assertEquals(seriesId, box.linkedEvent(activityId, 2), "the same series is updated");
        List<Event> after = instances(graph, seriesId, firstMonday);
        assertEquals(4, after.size(), subjects(after).toString());
        assertTrue(after.stream().allMatch(e -> e.getSubject().equals("Case meeting " + run + " (renamed)")),
                "every occurrence follows the series' new subject: " + subjects(after));
        assertEquals(List.of(9, 14, 9, 9), after.stream().map(e -> localHour(e)).toList());
    }

    /**
     * In Outlook, one occurrence moved and another deleted by a user who may edit and delete: Graph notifies the
     * series master; the worker finds which occurrences differ and sends SET_OCCURRENCE / CANCEL_OCCURRENCE naming
     * them by original start. A user who may not edit moves one: the series' version is restored in their calendar.
     */
    @Test
    void occurrencesChangedInOutlookBecomeExceptionsOrAreRestored() throws Exception {
        GraphServiceClient graph = connectTwoWay();
        LocalDate firstMonday = inAWeek(DayOfWeek.MONDAY);
        LocalDateTime first = firstMonday.atTime(9, 0);
        Recurrence weekly = weekly(firstMonday, 5);
        String seriesId = linkedSeries("Review " + run, first, weekly, List.of());
        List<Event> occurrences = instances(graph, seriesId, firstMonday);
        assertEquals(5, occurrences.size());

        Event moved = new Event();
        moved.setStart(WorkerMailbox.london(first.plusWeeks(1).withHour(11)));
        moved.setEnd(WorkerMailbox.london(first.plusWeeks(1).withHour(12)));
        graph.users().byUserId(mailbox).events().byEventId(occurrences.get(1).getId()).patch(moved,
                rc -> rc.headers.add("Prefer", IMMUTABLE));
        deleteInOutlook(graph, occurrences.get(3).getId());
        notifySeries(seriesId);

        var records = TopicProbe.readUntil(bootstrap, Topics.ACTIVITY_COMMANDS, Duration.ofSeconds(60), r -> r.stream()
                .filter(x -> activityId.equals(x.key())).count() >= 2);
        List<ActivityCommand> commands = records.stream().filter(x -> activityId.equals(x.key()))
                .map(x -> EventCodec.fromJson(x.value(), ActivityCommand.class).data).toList();
        ActivityCommand set = commands.stream().filter(c -> c.type() == ActivityCommand.Type.SET_OCCURRENCE)
                .findFirst().orElseThrow(() -> new AssertionError("no SET_OCCURRENCE: " + commands));
        assertEquals(first.plusWeeks(1), set.originalStart(), "named by its original start");
        assertEquals(first.plusWeeks(1).withHour(11), set.fields().start(), "where the user moved it (London time)");
        ActivityCommand cancel = commands.stream().filter(c -> c.type() == ActivityCommand.Type.CANCEL_OCCURRENCE)
                .findFirst().orElseThrow(() -> new AssertionError("no CANCEL_OCCURRENCE: " + commands));
        assertEquals(first.plusWeeks(3), cancel.originalStart());
        assertTrue(commands.stream().noneMatch(c -> c.type() == ActivityCommand.Type.DELETE
                || c.type() == ActivityCommand.Type.REMOVE_SCHEDULED_USER), "the series itself stays: " + commands);

        // the same user, now restricted from editing, moves the last occurrence: it is put back
        box.settings(new Office365Settings(true, false, false, false, ""), Permission.NONE, Permission.NONE, 2);
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> RestAssured.given()
                .get("/sync/firms/" + firm).then().statusCode(200).body("version", Matchers.equalTo(2)));
        Event again = new Event();
        again.setStart(WorkerMailbox.london(first.plusWeeks(4).withHour(16)));
        again.setEnd(WorkerMailbox.london(first.plusWeeks(4).withHour(17)));
        graph.users().byUserId(mailbox).events().byEventId(occurrences.get(4).getId()).patch(again,
                rc -> rc.headers.add("Prefer", IMMUTABLE));
        notifySeries(seriesId);
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<Event> now = instances(graph, seriesId, firstMonday);
            Event last = now.get(now.size() - 1);
            assertEquals(9, localHour(last), "restored to the series' time: " + subjects(now));
        });
        var later = TopicProbe.readUntil(bootstrap, Topics.ACTIVITY_COMMANDS, Duration.ofSeconds(3), r -> false);
        assertTrue(later.stream().filter(x -> activityId.equals(x.key()))
                .map(x -> EventCodec.fromJson(x.value(), ActivityCommand.class).data)
                .noneMatch(c -> c.type() == ActivityCommand.Type.SET_OCCURRENCE
                        && first.plusWeeks(4).equals(c.originalStart())), "a restricted user's move is no exception");
    }

    /**
     * Import from 365 moves a series as a series: calendarView answers its occurrences, the import makes one
     * recurring activity from its master, and the occurrences already moved or deleted there become its exceptions.
     */
    @Test
    void anImportMovesASeriesAsOneRecurringActivity() throws Exception {
        GraphServiceClient graph = connectTwoWay();
        LocalDate firstTuesday = inAWeek(DayOfWeek.TUESDAY);
        LocalDateTime first = firstTuesday.atTime(8, 30);
        String masterId = outlookSeries(graph, "[docket] Docket review " + run, first, 4);
        List<Event> made = instances(graph, masterId, firstTuesday);
        moveInOutlook(graph, made.get(1).getId(), first.plusWeeks(1).withHour(10));
        deleteInOutlook(graph, made.get(2).getId());

        String jobId = "import-" + run;
        box.send(Topics.SYNC_JOBS, user, EventEnvelope.of("/test", io.docketsync.contracts.JobRequested.TYPE, jobId, firm,
                Origin.app(user), new io.docketsync.contracts.JobRequested(jobId,
                        io.docketsync.contracts.JobKind.IMPORT_FROM_OFFICE365, user, firm, firstTuesday.minusDays(1),
                        firstTuesday.plusWeeks(6), "[docket]")));
        var records = TopicProbe.readUntil(bootstrap, Topics.ACTIVITY_COMMANDS, Duration.ofSeconds(60), r -> r.stream()
                .anyMatch(x -> x.value().contains("Docket review " + run)));
        List<ActivityCommand> creates = records.stream().map(x -> EventCodec.fromJson(x.value(), ActivityCommand.class).data)
                .filter(c -> c.type() == ActivityCommand.Type.CREATE_FROM_OFFICE && c.fields() != null
                        && c.fields().subject().contains("Docket review " + run)).toList();
        assertEquals(1, creates.size(), "one activity for the series, not one per occurrence: " + creates);
        assertEquals(masterId, creates.get(0).link().eventId(), "linked to the series master");
        assertEquals(4, creates.get(0).fields().recurrence().range().numberOfOccurrences());
        assertEquals(List.of(DayOfWeek.TUESDAY), creates.get(0).fields().recurrence().pattern().daysOfWeek());
        assertExceptionsFollow(creates.get(0).newActivityId(), first);
    }

    /**
     * Two-way sync: a prefixed series made in Outlook, one occurrence already moved and another deleted before its
     * notification is judged, becomes one recurring activity and those two exceptions, named by original start.
     */
    @Test
    void aSeriesMadeInOutlookComesOverWithTheExceptionsItAlreadyHas() throws Exception {
        GraphServiceClient graph = box.connect(new Office365Settings(true, false, false, true, "[DS]"), Permission.ANY,
                Permission.ANY);
        LocalDate firstTuesday = inAWeek(DayOfWeek.TUESDAY);
        LocalDateTime first = firstTuesday.atTime(8, 30);
        String masterId = outlookSeries(graph, "[DS] Docket review " + run, first, 4);
        List<Event> made = instances(graph, masterId, firstTuesday);
        moveInOutlook(graph, made.get(1).getId(), first.plusWeeks(1).withHour(10));
        deleteInOutlook(graph, made.get(2).getId());
        notifySeries(masterId);

        var records = TopicProbe.readUntil(bootstrap, Topics.ACTIVITY_COMMANDS, Duration.ofSeconds(60), r -> r.stream()
                .anyMatch(x -> x.value().contains("Docket review " + run)));
        List<ActivityCommand> creates = records.stream().map(x -> EventCodec.fromJson(x.value(), ActivityCommand.class).data)
                .filter(c -> c.type() == ActivityCommand.Type.CREATE_FROM_OFFICE && c.fields() != null
                        && c.fields().subject().contains("Docket review " + run)).toList();
        assertEquals(1, creates.size(), "one recurring activity: " + creates);
        assertEquals(4, creates.get(0).fields().recurrence().range().numberOfOccurrences());
        assertExceptionsFollow(creates.get(0).newActivityId(), first);
    }

    /** After the create of the series starting at {@code first}: the second occurrence moved to 10:00, the third cancelled. */
    private void assertExceptionsFollow(String created, LocalDateTime first) {
        var records = TopicProbe.readUntil(bootstrap, Topics.ACTIVITY_COMMANDS, Duration.ofSeconds(60), r -> r.stream()
                .filter(x -> x.value().contains(created) && x.value().contains("_OCCURRENCE")).count() >= 2);
        List<ActivityCommand> commands = records.stream().map(x -> EventCodec.fromJson(x.value(), ActivityCommand.class).data)
                .filter(c -> created.equals(c.activityId()) || created.equals(c.newActivityId())).toList();
        assertEquals(ActivityCommand.Type.CREATE_FROM_OFFICE, commands.get(0).type(), "the create first: " + commands);
        ActivityCommand set = commands.stream().filter(c -> c.type() == ActivityCommand.Type.SET_OCCURRENCE).findFirst()
                .orElseThrow(() -> new AssertionError("the moved occurrence did not come over: " + commands));
        assertEquals(first.plusWeeks(1), set.originalStart(), "named by its original start (London)");
        assertEquals(first.plusWeeks(1).withHour(10), set.fields().start());
        assertEquals("Europe/London", set.fields().timeZone());
        ActivityCommand cancel = commands.stream().filter(c -> c.type() == ActivityCommand.Type.CANCEL_OCCURRENCE)
                .findFirst().orElseThrow(() -> new AssertionError("the deleted occurrence did not come over: " + commands));
        assertEquals(first.plusWeeks(2), cancel.originalStart());
        assertEquals(3, commands.size(), "nothing else: " + commands);
    }

    /** A weekly series made in Outlook (London time), {@code count} occurrences from {@code first}; its master's id. */
    private String outlookSeries(GraphServiceClient graph, String subject, LocalDateTime first, int count) {
        Event series = new Event();
        series.setSubject(subject);
        series.setStart(WorkerMailbox.london(first));
        series.setEnd(WorkerMailbox.london(first.plusMinutes(30)));
        com.microsoft.graph.models.PatternedRecurrence recurrence = new com.microsoft.graph.models.PatternedRecurrence();
        com.microsoft.graph.models.RecurrencePattern pattern = new com.microsoft.graph.models.RecurrencePattern();
        pattern.setType(com.microsoft.graph.models.RecurrencePatternType.Weekly);
        pattern.setInterval(1);
        pattern.setDaysOfWeek(List.of(com.microsoft.graph.models.DayOfWeek.forValue(
                first.getDayOfWeek().name().toLowerCase(java.util.Locale.ROOT))));
        com.microsoft.graph.models.RecurrenceRange range = new com.microsoft.graph.models.RecurrenceRange();
        range.setType(com.microsoft.graph.models.RecurrenceRangeType.Numbered);
        range.setStartDate(first.toLocalDate());
        range.setNumberOfOccurrences(count);
        range.setRecurrenceTimeZone("GMT Standard Time");
        recurrence.setPattern(pattern);
        recurrence.setRange(range);
        series.setRecurrence(recurrence);
        return graph.users().byUserId(mailbox).events().post(series, rc -> rc.headers.add("Prefer", IMMUTABLE)).getId();
    }

    private void moveInOutlook(GraphServiceClient graph, String occurrenceId, LocalDateTime to) {
        Event moved = new Event();
        moved.setStart(WorkerMailbox.london(to));
        moved.setEnd(WorkerMailbox.london(to.plusMinutes(30)));
        graph.users().byUserId(mailbox).events().byEventId(occurrenceId).patch(moved,
                rc -> rc.headers.add("Prefer", IMMUTABLE));
    }

    /**
     * An occurrence deleted in Outlook whose notification never reaches the worker before the app's next version is
     * written over the series: the writer finds it gone and has the series judged again, so the deletion still
     * cancels it.
     */
    @Test
    void anOccurrenceDeletedWhileOurWriteWasPendingIsJudgedAfterIt() throws Exception {
        GraphServiceClient graph = connectTwoWay();
        LocalDate firstThursday = inAWeek(DayOfWeek.THURSDAY);
        LocalDateTime first = firstThursday.atTime(13, 0);
        Recurrence weekly = weekly(firstThursday, 4);
        String seriesId = linkedSeries("Filing " + run, first, weekly, List.of());
        deleteInOutlook(graph, instances(graph, seriesId, firstThursday).get(2).getId());
        // no notification reaches the worker before the app's next version is written over the series
        box.send(Topics.ACTIVITY_CHANGES, activityId, change(2, "Filing " + run + " (renamed)", first, weekly,
                List.of()));
        var records = TopicProbe.readUntil(bootstrap, Topics.ACTIVITY_COMMANDS, Duration.ofSeconds(60), r -> r.stream()
                .anyMatch(x -> activityId.equals(x.key()) && x.value().contains("CANCEL_OCCURRENCE")));
        ActivityCommand cancel = records.stream().filter(x -> activityId.equals(x.key()))
                .map(x -> EventCodec.fromJson(x.value(), ActivityCommand.class).data)
                .filter(c -> c.type() == ActivityCommand.Type.CANCEL_OCCURRENCE).findFirst().orElseThrow();
        assertEquals(first.plusWeeks(2), cancel.originalStart());
    }

    /**
     * A user deletes one occurrence in Outlook and the activity takes it: a version made from their own Outlook, which
     * writes nothing back to their mailbox (it shows the deletion already). While that version stands, they delete
     * another occurrence: it is judged too, against the series as last written there. Before, a mailbox's
     * occurrences were judged only when its link held the activity's latest version, so the second deletion waited
     * for the app's next write there, and was lost if none came.
     */
    @Test
    void anOccurrenceDeletedWhileAVersionThatWritesNothingThereStandsIsJudged() throws Exception {
        GraphServiceClient graph = connectTwoWay();
        LocalDate firstTuesday = inAWeek(DayOfWeek.TUESDAY);
        LocalDateTime first = firstTuesday.atTime(10, 0);
        Recurrence weekly = weekly(firstTuesday, 5);
        String seriesId = linkedSeries("Standup " + run, first, weekly, List.of());
        List<Event> occurrences = instances(graph, seriesId, firstTuesday);

        deleteInOutlook(graph, occurrences.get(1).getId());
        notifySeries(seriesId);
        awaitCancel(first.plusWeeks(1));
        // activity-service takes it: version 2, from the user's Outlook, with nothing to write to their mailbox
        var activity = change(2, "Standup " + run, first, weekly, List.of(RecurrenceException.cancelled(
                first.plusWeeks(1)))).data.activity();
        box.send(Topics.ACTIVITY_CHANGES, activityId, EventEnvelope.of("/test", ActivityChanged.TYPE, activityId, firm,
                Origin.office365(user, mailbox, null), new ActivityChanged(ActivityChanged.ChangeType.UPDATED,
                        activity, List.of())));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> projectedVersion() == 2);
        assertEquals(1, pushedVersion(), "version 2 is not written to the mailbox it came from");

        deleteInOutlook(graph, occurrences.get(3).getId());
        notifySeries(seriesId);
        awaitCancel(first.plusWeeks(3));
    }

    /**
     * A user deletes an occurrence while the series holds a write of ours the worker never recorded (it wrote the
     * version and was stopped before recording it, and the write's redo waits out throttling): once the notification
     * has waited for that record as long as it may, the deletion is still judged, against the activity's series,
     * which the master shows. Before, the occurrences were not judged at all then: the activity kept the occurrence
     * for everyone while that calendar had lost it for good.
     */
    @Test
    void anOccurrenceDeletedOverAnUnrecordedWriteOfOursIsJudgedOnceTheWaitIsOver() throws Exception {
        GraphServiceClient graph = connectTwoWay();
        LocalDate firstMonday = inAWeek(DayOfWeek.MONDAY);
        LocalDateTime first = firstMonday.atTime(8, 30);
        Recurrence weekly = weekly(firstMonday, 4);
        String seriesId = linkedSeries("Review " + run, first, weekly, List.of());
        // as if the write of version 1 had never been recorded: the series says 1, the link nothing yet
        update("UPDATE event_link SET pushed_version = 0, written_series = NULL WHERE activity_id = ? AND user_id = ?",
                activityId, user);

        deleteInOutlook(graph, instances(graph, seriesId, firstMonday).get(2).getId());
        notifySeries(seriesId);
        awaitCancel(first.plusWeeks(2));
    }

    /**
     * A user deletes every occurrence of a series in Outlook, one at a time: the series master stays, with no
     * occurrence to read. The last deletion is judged too. Before, a series read with no occurrences was taken for
     * one with nothing to compare, so the activity kept that occurrence for everyone.
     */
    @Test
    void theLastOccurrenceDeletedInOutlookIsJudged() throws Exception {
        GraphServiceClient graph = connectTwoWay();
        LocalDate firstFriday = inAWeek(DayOfWeek.FRIDAY);
        LocalDateTime first = firstFriday.atTime(9, 0);
        String seriesId = linkedSeries("Review " + run, first, weekly(firstFriday, 2), List.of());
        List<Event> occurrences = instances(graph, seriesId, firstFriday);
        assertEquals(2, occurrences.size(), "the series' occurrences");

        deleteInOutlook(graph, occurrences.get(0).getId());
        deleteInOutlook(graph, occurrences.get(1).getId());
        assertTrue(instances(graph, seriesId, firstFriday).isEmpty(), "Outlook shows no occurrence of the series");
        notifySeries(seriesId);
        awaitCancel(first.plusWeeks(1));
    }

    /**
     * A user moves an occurrence in Outlook; before the version it makes comes back, a write of an older app version
     * (planned before the move was read) puts the occurrence back. The occurrence command carries the series' change
     * key, so that version is planned for the user's mailbox too and written over the put-back. Before, a version
     * made from an occurrence change was never planned for the mailbox it came from, and the move stayed undone
     * there while the activity had it.
     */
    @Test
    void anOccurrenceMovePutBackByAnOlderWriteIsWrittenAgain() throws Exception {
        GraphServiceClient graph = connectTwoWay();
        LocalDate firstWednesday = inAWeek(DayOfWeek.WEDNESDAY);
        LocalDateTime first = firstWednesday.atTime(9, 0);
        Recurrence weekly = weekly(firstWednesday, 3);
        String seriesId = linkedSeries("Hearing prep " + run, first, weekly, List.of());
        moveInOutlook(graph, instances(graph, seriesId, firstWednesday).get(1).getId(), first.plusWeeks(1).withHour(11));
        notifySeries(seriesId);
        var records = TopicProbe.readUntil(bootstrap, Topics.ACTIVITY_COMMANDS, Duration.ofSeconds(60), r -> r.stream()
                .anyMatch(x -> activityId.equals(x.key()) && x.value().contains("SET_OCCURRENCE")));
        ActivityCommand set = records.stream().filter(x -> activityId.equals(x.key()))
                .map(x -> EventCodec.fromJson(x.value(), ActivityCommand.class).data)
                .filter(c -> c.type() == ActivityCommand.Type.SET_OCCURRENCE).findFirst().orElseThrow();
        assertNotNull(set.link().changeKey(), "the command carries the series' change key");

        // the app's version 2, planned before the move was read, puts the occurrence back
        box.send(Topics.ACTIVITY_CHANGES, activityId, change(2, "Hearing prep " + run + " (room)", first, weekly,
                List.of()));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> pushedVersion() == 2);
        assertEquals(List.of(9, 9, 9), instances(graph, seriesId, firstWednesday).stream().map(e -> localHour(e))
                .toList(), "version 2 put the occurrence back");

        // activity-service takes the move: version 3, from the user's Outlook, with the command's change key
        var activity = change(3, "Hearing prep " + run + " (room)", first, weekly, List.of(RecurrenceException.moved(
                set.originalStart(), set.fields().start(), set.fields().end()))).data.activity();
        box.send(Topics.ACTIVITY_CHANGES, activityId, EventEnvelope.of("/test", ActivityChanged.TYPE, activityId, firm,
                Origin.office365(user, mailbox, set.link().changeKey()), new ActivityChanged(
                        ActivityChanged.ChangeType.UPDATED, activity, List.of())));
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(List.of(9, 11, 9),
                instances(graph, seriesId, firstWednesday).stream().map(e -> localHour(e)).toList(),
                "the user's move is written back over the put-back"));
    }

    private long projectedVersion() throws java.sql.SQLException {
        return scalar("SELECT version FROM activity_projection WHERE activity_id = ?", activityId);
    }

    private long pushedVersion() throws java.sql.SQLException {
        return scalar("SELECT pushed_version FROM event_link WHERE activity_id = ? AND user_id = ?", activityId, user);
    }

    private void update(String sql, String... parameters) throws java.sql.SQLException {
        try (var c = jdbc.getConnection(); var q = statement(c, sql, parameters)) {
            assertEquals(1, q.executeUpdate(), sql);
        }
    }

    private long scalar(String sql, String... parameters) throws java.sql.SQLException {
        try (var c = jdbc.getConnection(); var q = statement(c, sql, parameters); var rows = q.executeQuery()) {
            return rows.next() ? rows.getLong(1) : -1;
        }
    }

    private static java.sql.PreparedStatement statement(java.sql.Connection c, String sql, String... parameters)
            throws java.sql.SQLException {
        java.sql.PreparedStatement q = c.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            q.setString(i + 1, parameters[i]);
        }
        return q;
    }

    private void awaitCancel(LocalDateTime originalStart) {
        var records = TopicProbe.readUntil(bootstrap, Topics.ACTIVITY_COMMANDS, Duration.ofSeconds(60), r -> r.stream()
                .filter(x -> activityId.equals(x.key()))
                .map(x -> EventCodec.fromJson(x.value(), ActivityCommand.class).data)
                .anyMatch(c -> c.type() == ActivityCommand.Type.CANCEL_OCCURRENCE
                        && originalStart.equals(c.originalStart())));
        assertTrue(records.stream().filter(x -> activityId.equals(x.key()))
                .map(x -> EventCodec.fromJson(x.value(), ActivityCommand.class).data)
                .anyMatch(c -> c.type() == ActivityCommand.Type.CANCEL_OCCURRENCE
                        && originalStart.equals(c.originalStart())), "the deletion of " + originalStart + " is judged");
    }

    /** Missed notifications: a delta round finds the moved occurrence and judges its series as a notification would. */
    @Test
    void aDeltaRoundFindsAnOccurrenceMovedWhileNotificationsWereMissed() throws Exception {
        GraphServiceClient graph = connectTwoWay();
        LocalDate firstWednesday = inAWeek(DayOfWeek.WEDNESDAY);
        LocalDateTime first = firstWednesday.atTime(15, 0);
        Recurrence weekly = weekly(firstWednesday, 3);
        String seriesId = linkedSeries("Team " + run, first, weekly, List.of());
        box.repair(); // the baseline
        Event moved = new Event();
        moved.setStart(WorkerMailbox.london(first.plusWeeks(2).withHour(17)));
        moved.setEnd(WorkerMailbox.london(first.plusWeeks(2).withHour(18)));
        List<Event> before = instances(graph, seriesId, firstWednesday);
        graph.users().byUserId(mailbox).events().byEventId(before.get(2).getId())
                .patch(moved, rc -> rc.headers.add("Prefer", IMMUTABLE));
        box.repair();
        var records = TopicProbe.readUntil(bootstrap, Topics.ACTIVITY_COMMANDS, Duration.ofSeconds(60), r -> r.stream()
                .anyMatch(x -> activityId.equals(x.key()) && x.value().contains("SET_OCCURRENCE")));
        ActivityCommand set = records.stream().filter(x -> activityId.equals(x.key()))
                .map(x -> EventCodec.fromJson(x.value(), ActivityCommand.class).data)
                .filter(c -> c.type() == ActivityCommand.Type.SET_OCCURRENCE).findFirst()
                .orElseThrow(() -> new AssertionError("the delta round judged no occurrence"));
        assertEquals(first.plusWeeks(2), set.originalStart());
        assertEquals(first.plusWeeks(2).withHour(17), set.fields().start());

        // deleted while notifications were missed: delta names the occurrence by its own id only, never its series
        deleteInOutlook(graph, before.get(1).getId());
        box.repair();
        var more = TopicProbe.readUntil(bootstrap, Topics.ACTIVITY_COMMANDS, Duration.ofSeconds(60), r -> r.stream()
                .anyMatch(x -> activityId.equals(x.key()) && x.value().contains("CANCEL_OCCURRENCE")));
        ActivityCommand cancel = more.stream().filter(x -> activityId.equals(x.key()))
                .map(x -> EventCodec.fromJson(x.value(), ActivityCommand.class).data)
                .filter(c -> c.type() == ActivityCommand.Type.CANCEL_OCCURRENCE).findFirst()
                .orElseThrow(() -> new AssertionError("the delta round judged no deleted occurrence"));
        assertEquals(first.plusWeeks(1), cancel.originalStart());
    }

    /** The user connected with two-way sync on (no prefix), free to edit and delete any activity in Outlook. */
    private GraphServiceClient connectTwoWay() throws Exception {
        return box.connect(new Office365Settings(true, false, false, false, ""), Permission.ANY, Permission.ANY);
    }

    /** Weekly on {@code first}'s day, {@code count} times from {@code first}. */
    /** The first such day more than a week from today in London: no occurrence of a series from it is past. */
    private static LocalDate inAWeek(DayOfWeek day) {
        return LocalDate.now(LONDON).plusDays(7).with(TemporalAdjusters.next(day));
    }

    /** Version 1 of the series sent to the worker; the id of the series master once it is linked in the mailbox. */
    private String linkedSeries(String subject, LocalDateTime first, Recurrence pattern,
            List<RecurrenceException> exceptions) {
        box.send(Topics.ACTIVITY_CHANGES, activityId, change(1, subject, first, pattern, exceptions));
        return box.linkedEvent(activityId, 1);
    }

    private static Recurrence weekly(LocalDate first, int count) {
        return new Recurrence(Pattern.weekly(1, first.getDayOfWeek()), Range.numbered(first, count));
    }

    private void deleteInOutlook(GraphServiceClient graph, String occurrenceId) {
        graph.users().byUserId(mailbox).events().byEventId(occurrenceId)
                .delete(rc -> rc.headers.add("Prefer", IMMUTABLE));
    }

    /** The change notification Graph sends for a series and its occurrences: about the master. */
    private void notifySeries(String seriesId) {
        box.send(Topics.GRAPH_NOTIFICATIONS, user, EventEnvelope.of("/test", GraphNotification.TYPE, user, firm,
                Origin.system(), new GraphNotification(GraphNotification.Kind.CHANGE, user, firm, mailbox, null,
                        "updated", null, null, seriesId, null, Instant.now())));
    }

    private List<Event> instances(GraphServiceClient graph, String seriesId, LocalDate from) {
        return graph.users().byUserId(mailbox).events().byEventId(seriesId).instances().get(rc -> {
            rc.queryParameters.startDateTime = from.minusDays(1) + "T00:00:00Z";
            rc.queryParameters.endDateTime = from.plusWeeks(8) + "T00:00:00Z";
            rc.headers.add("Prefer", IMMUTABLE);
            rc.headers.add("Prefer", "outlook.timezone=\"Europe/London\"");
        }).getValue().stream().sorted((a, b) -> a.getStart().getDateTime().compareTo(b.getStart().getDateTime()))
                .toList();
    }

    private static int localHour(Event e) {
        return LocalDateTime.parse(e.getStart().getDateTime().substring(0, 19)).getHour();
    }

    private static List<String> subjects(List<Event> events) {
        return events.stream().map(e -> e.getSubject() + "@" + e.getStart().getDateTime()).toList();
    }

    private EventEnvelope<ActivityChanged> change(long version, String subject, LocalDateTime start,
            Recurrence recurrence, List<RecurrenceException> exceptions) {
        var activity = new ActivitySnapshot(activityId, firm, ActivityKind.APPOINTMENT, subject, "Agenda", "Room 4",
                start, start.plusHours(1), false, null, null, "Europe/London", List.of(user), null, user, true, version,
                Instant.now(), recurrence, exceptions);
        return EventEnvelope.of("/test", ActivityChanged.TYPE, activityId, firm, Origin.app(user), new ActivityChanged(
                version == 1 ? ActivityChanged.ChangeType.CREATED : ActivityChanged.ChangeType.UPDATED, activity,
                List.of()));
    }

}
