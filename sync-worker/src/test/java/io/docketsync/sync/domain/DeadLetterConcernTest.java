package io.docketsync.sync.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.docketsync.contracts.ActivityChanged;
import io.docketsync.contracts.ActivityCommand;
import io.docketsync.contracts.ActivityKind;
import io.docketsync.contracts.ActivitySnapshot;
import io.docketsync.contracts.ConnectionChanged;
import io.docketsync.contracts.ConnectionState;
import io.docketsync.contracts.GraphNotification;
import io.docketsync.contracts.JobKind;
import io.docketsync.contracts.JobProgress;
import io.docketsync.contracts.JobRequested;
import io.docketsync.contracts.MailboxOp;
import io.docketsync.contracts.Office365Settings;
import io.docketsync.contracts.SettingsChanged;
import io.docketsync.contracts.SyncState;
import io.docketsync.contracts.SyncStatusChanged;
import io.docketsync.sync.domain.DeadLetterConcern.Report;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Whom a dead letter concerns and who is told, for the payload of each topic's records. */
class DeadLetterConcernTest {
    private static final String FIRM = "hale-marsh";

    private static GraphNotification notification(GraphNotification.Kind kind, String eventId) {
        return new GraphNotification(kind, "bob", FIRM, "bob@halemarsh.test", null, "updated", null, null, eventId,
                null, Instant.now());
    }

    private static ActivityCommand command(String activityId, String newActivityId) {
        return new ActivityCommand("c-1", ActivityCommand.Type.UPDATE_FIELDS, activityId, newActivityId, "bob", null,
                null, new ActivityCommand.GraphLink("bob@halemarsh.test", "e-1", null, null), Instant.now());
    }

    private static ActivityChanged change(List<String> scheduledFor) {
        LocalDateTime start = LocalDateTime.of(2030, 1, 7, 9, 0);
        return new ActivityChanged(ActivityChanged.ChangeType.UPDATED, new ActivitySnapshot("act-1", FIRM,
                ActivityKind.APPOINTMENT, "Hearing", null, null, start, start.plusHours(1), false, null, null, "UTC",
                scheduledFor, null, "alice", true, 3, Instant.now()), List.of());
    }

    /** the record's payload (as its topic's contract reads it) → firm, activity, users, event, job, report */
    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("a change notification: its user and event; the activity is the event's link's",
                        notification(GraphNotification.Kind.CHANGE, "e-1"),
                        new DeadLetterConcern(FIRM, null, List.of("bob"), "e-1", null, Report.ACTIVITY_STATUS)),
                Arguments.of("a delta repair request: its user, no event or activity to mark",
                        notification(GraphNotification.Kind.DELTA_REPAIR, null),
                        new DeadLetterConcern(FIRM, null, List.of("bob"), null, null, Report.NONE)),
                Arguments.of("a mailbox op Graph refused: the write stage reported FAILED already",
                        new MailboxOp("op-1", MailboxOp.OpType.UPDATE, "bob", "bob@halemarsh.test", "act-1", 3, "e-1",
                                null, null, null, MailboxOp.LinkRole.COPY),
                        new DeadLetterConcern(FIRM, "act-1", List.of("bob"), "e-1", null, Report.ALREADY_REPORTED)),
                Arguments.of("an activity command: its activity and user",
                        command("act-1", null),
                        new DeadLetterConcern(FIRM, "act-1", List.of("bob"), "e-1", null, Report.ACTIVITY_STATUS)),
                Arguments.of("a create command: the activity it makes (the event is linked to it)",
                        command(null, "act-new"),
                        new DeadLetterConcern(FIRM, "act-new", List.of("bob"), "e-1", null, Report.ACTIVITY_STATUS)),
                Arguments.of("an activity change not planned: every Scheduled For user",
                        change(List.of("bob", "carol")), new DeadLetterConcern(FIRM, "act-1",
                                List.of("bob", "carol"), null, null, Report.ACTIVITY_STATUS)),
                Arguments.of("a job: its user, and the job fails",
                        new JobRequested("job-1", JobKind.PUSH_MY_CALENDAR, "bob", FIRM, null, null, null),
                        new DeadLetterConcern(FIRM, null, List.of("bob"), null, "job-1", Report.JOB_FAILED)),
                Arguments.of("a status activity-service could not apply: a status about it would fail the same way",
                        new SyncStatusChanged("act-1", "bob", SyncState.LINKED, null, "e-1", 3, Instant.now()),
                        new DeadLetterConcern(FIRM, "act-1", List.of("bob"), "e-1", null, Report.NONE)),
                Arguments.of("job progress activity-service could not apply",
                        new JobProgress("job-1", JobKind.IMPORT_FROM_OFFICE365, "bob", 1, 0, 0,
                                JobProgress.State.RUNNING, null, Instant.now()),
                        new DeadLetterConcern(FIRM, null, List.of("bob"), null, "job-1", Report.NONE)),
                Arguments.of("a connection state: its user, no activity",
                        new ConnectionChanged("bob", FIRM, ConnectionState.CONNECTED, "bob@halemarsh.test",
                                Instant.now(), null),
                        new DeadLetterConcern(FIRM, null, List.of("bob"), null, null, Report.NONE)),
                Arguments.of("firm settings: the firm",
                        new SettingsChanged(FIRM, Office365Settings.defaults(), List.of(), 1),
                        new DeadLetterConcern(FIRM, null, List.of(), null, null, Report.NONE)),
                Arguments.of("an unreadable record (often why it was dead-lettered): nobody known but its firm", null,
                        new DeadLetterConcern(FIRM, null, List.of(), null, null, Report.NONE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void concerns(String rule, Object payload, DeadLetterConcern expected) {
        assertEquals(expected, DeadLetterConcern.of(FIRM, payload), rule);
    }

    @Test
    void oneUserIsNamedOnlyWhenThereIsOne() {
        assertEquals("bob", DeadLetterConcern.of(FIRM, change(List.of("bob"))).userId());
        assertNull(DeadLetterConcern.of(FIRM, change(List.of("bob", "carol"))).userId(),
                "an activity change concerns each Scheduled For user: no one user is named");
    }
}
