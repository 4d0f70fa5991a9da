package io.docketsync.sync.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docketsync.contracts.ActivityChanged;
import io.docketsync.contracts.ActivityChanged.ChangeType;
import io.docketsync.contracts.ActivityKind;
import io.docketsync.contracts.ActivitySnapshot;
import io.docketsync.contracts.ConnectionState;
import io.docketsync.contracts.MailboxOp;
import io.docketsync.contracts.Office365Settings;
import io.docketsync.contracts.Origin;
import io.docketsync.sync.domain.EventLink.Role;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The push rules as a table: each row is a situation and the writes and pending users it must yield. */
class PushPlannerTest {
    private static final Office365Settings COPIES = Office365Settings.defaults();
    private static final Office365Settings ORGANIZER = new Office365Settings(true, false, true, false, "");

    /** alice, bob, carol connected; dave refused (on-premises); erin needs re-auth; frank never connected. */
    private static Map<String, Mailbox> mailboxes() {
        Map<String, Mailbox> m = new HashMap<>();
        for (String u : List.of("alice", "bob", "carol")) {
            m.put(u, new Mailbox(u, ConnectionState.CONNECTED, u + "@halemarsh.test"));
        }
        m.put("dave", new Mailbox("dave", ConnectionState.REFUSED, "dave@halemarsh.test"));
        m.put("erin", new Mailbox("erin", ConnectionState.NEEDS_REAUTH, "erin@halemarsh.test"));
        return m;
    }

    private static Map<String, String> emails() {
        Map<String, String> e = new HashMap<>();
        for (String u : List.of("alice", "bob", "carol", "dave", "erin", "frank")) {
            e.put(u, u + "@halemarsh.test");
        }
        return e;
    }

    static ActivitySnapshot appointment(boolean push, String organizer, String... scheduledFor) {
        return new ActivitySnapshot("act-1", "hale-marsh", ActivityKind.APPOINTMENT, "Hearing", "Bring the file",
                "Court 2", LocalDateTime.parse("2026-12-01T09:00"), LocalDateTime.parse("2026-12-01T10:00"), false,
                null, null, "Europe/London", List.of(scheduledFor), organizer, "alice", push, 4, Instant.EPOCH);
    }

    static ActivitySnapshot task(LocalTime due, String... scheduledFor) {
        return new ActivitySnapshot("task-1", "hale-marsh", ActivityKind.TASK, "File brief", null, null, null, null,
                false, LocalDate.parse("2026-12-03"), due, "America/New_York", List.of(scheduledFor), null, "bob",
                true, 2, Instant.EPOCH);
    }

    static EventLink link(String user, String eventId, Role role) {
        return new EventLink(user, user + "@halemarsh.test", eventId, role);
    }

    static Arguments row(String name, ChangeType type, ActivitySnapshot a, Office365Settings s, Origin origin,
            List<EventLink> links, String expectedOps, String expectedPending) {
        return Arguments.of(name, type, a, s, origin, links, expectedOps, expectedPending);
    }

    static Stream<Arguments> rules() {
        Origin app = Origin.app("alice");
        Origin fromBob = Origin.office365("bob", "bob@halemarsh.test", "CK9");
        return Stream.of(
                // copies mode
                row("new appointment: one copy per connected user", ChangeType.CREATED,
                        appointment(true, null, "alice", "bob", "carol"), COPIES, app, List.of(),
                        "CREATE alice, CREATE bob, CREATE carol", ""),
                row("not connected users wait, with the reason", ChangeType.CREATED,
                        appointment(true, null, "alice", "dave", "erin", "frank"), COPIES, app, List.of(),
                        "CREATE alice",
                        "dave: Office 365 refused the mailbox; erin: Office 365 connection expired: reconnect in User "
                                + "Settings > Office 365; frank: not connected to Office 365"),
                row("push unticked on create: nothing", ChangeType.CREATED,
                        appointment(false, null, "alice", "bob"), COPIES, app, List.of(), "", ""),
                row("edit updates every linked copy, creates the missing one", ChangeType.UPDATED,
                        appointment(true, null, "alice", "bob", "carol"), COPIES, app,
                        List.of(link("alice", "e-a", Role.COPY), link("bob", "e-b", Role.COPY)),
                        "UPDATE alice e-a, UPDATE bob e-b, CREATE carol", ""),
                row("a user removed from Scheduled For loses the copy", ChangeType.UPDATED,
                        appointment(true, null, "alice"), COPIES, app,
                        List.of(link("alice", "e-a", Role.COPY), link("bob", "e-b", Role.COPY)),
                        "UPDATE alice e-a, DELETE bob e-b", ""),
                row("push unticked after sync removes every copy", ChangeType.UPDATED,
                        appointment(false, null, "alice", "bob"), COPIES, app,
                        List.of(link("alice", "e-a", Role.COPY), link("bob", "e-b", Role.COPY)),
                        "DELETE alice e-a, DELETE bob e-b", ""),
                row("deletion removes every copy", ChangeType.DELETED,
                        appointment(true, null, "alice", "bob"), COPIES, app,
                        List.of(link("alice", "e-a", Role.COPY), link("bob", "e-b", Role.COPY)),
                        "DELETE alice e-a, DELETE bob e-b", ""),
                // echo
                row("an edit from bob's Outlook is written back to bob only if overwritten since", ChangeType.UPDATED,
                        appointment(true, null, "alice", "bob"), COPIES, fromBob,
                        List.of(link("alice", "e-a", Role.COPY), link("bob", "e-b", Role.COPY)),
                        "UPDATE alice e-a, UPDATE bob e-b unless CK9", ""),
                row("an activity made from bob's Outlook event: bob's event is it already", ChangeType.CREATED,
                        appointment(true, null, "bob"), COPIES, fromBob, List.of(link("bob", "e-b", Role.COPY)),
                        "UPDATE bob e-b unless CK9", ""),
                row("a meeting edited in its organizer's Outlook", ChangeType.UPDATED,
                        appointment(true, "bob", "bob", "alice"), ORGANIZER, fromBob,
                        List.of(link("bob", "e-b", Role.ORGANIZER)), "UPDATE bob e-b [alice@halemarsh.test] unless CK9",
                        ""),
                // the inbound flow unlinked the event bob deleted before sending the command: bob's link here is a newer
                // event of ours, made by a write that raced his deletion, and goes too
                row("a deletion from bob's Outlook deletes the others, and what a racing write made again", ChangeType.DELETED,
                        appointment(true, null, "alice", "bob"), COPIES, fromBob,
                        List.of(link("alice", "e-a", Role.COPY), link("bob", "e-b2", Role.COPY)),
                        "DELETE alice e-a, DELETE bob e-b2", ""),
                row("a deletion from bob's Outlook: his own event is unlinked already", ChangeType.DELETED,
                        appointment(true, null, "alice", "bob"), COPIES, fromBob, List.of(link("alice", "e-a", Role.COPY)),
                        "DELETE alice e-a, DELETE bob", ""),
                row("bob removed by his own Outlook deletion: an event a racing write made again goes", ChangeType.UPDATED,
                        appointment(true, null, "alice"), COPIES, fromBob,
                        List.of(link("alice", "e-a", Role.COPY), link("bob", "e-b2", Role.COPY)),
                        "UPDATE alice e-a, DELETE bob e-b2", ""),
                // organizer mode
                row("meeting: one event in the organizer's calendar, others invited", ChangeType.CREATED,
                        appointment(true, "alice", "alice", "bob", "carol"), ORGANIZER, app, List.of(),
                        "CREATE alice [bob@halemarsh.test, carol@halemarsh.test]", ""),
                row("organizer defaults to the creator", ChangeType.CREATED,
                        appointment(true, null, "alice", "bob"), ORGANIZER, app, List.of(),
                        "CREATE alice [bob@halemarsh.test]", ""),
                row("unconnected attendees are still invited by e-mail", ChangeType.CREATED,
                        appointment(true, "alice", "alice", "frank"), ORGANIZER, app, List.of(),
                        "CREATE alice [frank@halemarsh.test]", ""),
                row("organizer not connected: copies mode applies", ChangeType.CREATED,
                        appointment(true, "erin", "erin", "bob"), ORGANIZER, app, List.of(),
                        "CREATE bob",
                        "erin: Office 365 connection expired: reconnect in User Settings > Office 365"),
                row("meeting edit updates the organizer's event; invitations are Exchange's", ChangeType.UPDATED,
                        appointment(true, "alice", "alice", "bob"), ORGANIZER, app,
                        List.of(link("alice", "m-a", Role.ORGANIZER), link("bob", "i-b", Role.ATTENDEE)),
                        "UPDATE alice m-a [bob@halemarsh.test]", ""),
                row("attendee removed: dropped from the meeting (Exchange cancels)", ChangeType.UPDATED,
                        appointment(true, "alice", "alice"), ORGANIZER, app,
                        List.of(link("alice", "m-a", Role.ORGANIZER), link("bob", "i-b", Role.ATTENDEE)),
                        "UPDATE alice m-a []", ""),
                row("meeting deleted: the organizer's event goes, Exchange cancels", ChangeType.DELETED,
                        appointment(true, "alice", "alice", "bob"), ORGANIZER, app,
                        List.of(link("alice", "m-a", Role.ORGANIZER), link("bob", "i-b", Role.ATTENDEE)),
                        "DELETE alice m-a", ""),
                row("switching to organizer mode replaces the copies", ChangeType.UPDATED,
                        appointment(true, "alice", "alice", "bob"), ORGANIZER, app,
                        List.of(link("alice", "e-a", Role.COPY), link("bob", "e-b", Role.COPY)),
                        "CREATE alice [bob@halemarsh.test], DELETE alice e-a, DELETE bob e-b", ""),
                row("switching back to copies replaces the meeting", ChangeType.UPDATED,
                        appointment(true, "alice", "alice", "bob"), COPIES, app,
                        List.of(link("alice", "m-a", Role.ORGANIZER), link("bob", "i-b", Role.ATTENDEE)),
                        "CREATE alice, CREATE bob, DELETE alice m-a", ""),
                row("copies mode: a user holding the meeting as an invitation gets no copy", ChangeType.UPDATED,
                        appointment(true, null, "alice", "bob"), COPIES, app,
                        List.of(link("alice", "e-a", Role.COPY), link("bob", "i-b", Role.ATTENDEE)),
                        "UPDATE alice e-a", ""),
                // tasks
                row("tasks are never meetings", ChangeType.CREATED,
                        task(null, "bob", "carol"), ORGANIZER, Origin.app("bob"), List.of(),
                        "CREATE bob, CREATE carol", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void pushRules(String name, ChangeType type, ActivitySnapshot a, Office365Settings settings, Origin origin,
            List<EventLink> links, String expectedOps, String expectedPending) {
        PushPlan plan = PushPlanner.plan(new ActivityChanged(type, a, List.of()), origin, settings, mailboxes(),
                emails(), links);

        assertEquals(expectedOps, describe(plan.ops()), name);
        assertEquals(expectedPending, String.join("; ", plan.pending().stream()
                .map(p -> p.userId() + ": " + p.reason()).toList()), name);
        plan.pending().forEach(p -> assertEquals(p.userId().equals("erin"), p.replayOnReconnect(),
                "only a user who must re-authorise waits for a replay: " + p));
        assertSamePlanFromTheUsersConsulted(new ActivityChanged(type, a, List.of()), origin, settings, links, plan);
    }

    /** The plan stage loads only the connections of {@link PushPlanner#usersConsulted}: the plan must not differ. */
    private static void assertSamePlanFromTheUsersConsulted(ActivityChanged change, Origin origin,
            Office365Settings settings, List<EventLink> links, PushPlan full) {
        Map<String, Mailbox> consulted = new HashMap<>(mailboxes());
        consulted.keySet().retainAll(PushPlanner.usersConsulted(change, links));
        PushPlan plan = PushPlanner.plan(change, origin, settings, consulted, emails(), links);
        assertEquals(full.ops(), plan.ops(), "ops planned from the consulted users' connections only");
        assertEquals(full.pending(), plan.pending(), "pending users from the consulted users' connections only");
    }

    @Test
    void theUsersConsultedAreTheScheduledNowAndBeforeTheOrganizerTheCreatorAndTheLinkedUsers() {
        ActivityChanged change = new ActivityChanged(ChangeType.UPDATED, appointment(true, "carol", "bob"),
                List.of("dave"));
        assertEquals(List.of("bob", "dave", "carol", "alice", "erin"), List.copyOf(PushPlanner.usersConsulted(change,
                List.of(link("erin", "e-e", Role.ATTENDEE), link("bob", "e-b", Role.COPY)))));
    }

    @Test
    void aRefusedMailboxIsNotSupportedWithTheConnectorsReasonNotPending() {
        Map<String, Mailbox> m = mailboxes();
        m.put("dave", new Mailbox("dave", ConnectionState.REFUSED, "dave@halemarsh.test",
                "the mailbox is on-premises (Exchange Server): Office 365 sync needs a Microsoft-hosted mailbox"));
        PushPlan plan = PushPlanner.plan(new ActivityChanged(ChangeType.CREATED, appointment(true, null, "alice", "dave",
                "erin", "frank"), List.of()), Origin.app("alice"), COPIES, m, emails(), List.of());
        Map<String, io.docketsync.contracts.SyncState> states = new HashMap<>();
        plan.pending().forEach(p -> states.put(p.userId(), p.state()));
        assertEquals(Map.of("dave", io.docketsync.contracts.SyncState.NOT_SUPPORTED,
                "erin", io.docketsync.contracts.SyncState.PENDING, "frank", io.docketsync.contracts.SyncState.PENDING),
                states);
        assertEquals("Office 365 refused the mailbox: the mailbox is on-premises (Exchange Server): Office 365 sync "
                + "needs a Microsoft-hosted mailbox", plan.pending().stream().filter(p -> p.userId().equals("dave"))
                        .findFirst().orElseThrow().reason());
    }

    @Test
    void allDayTaskIsOneDayLongOnItsDueDate() {
        PushPlan plan = PushPlanner.plan(new ActivityChanged(ChangeType.CREATED, task(null, "bob"), List.of()),
                Origin.app("bob"), COPIES, mailboxes(), emails(), List.of());
        var content = plan.ops().get(0).content();
        assertTrue(content.allDay());
        assertEquals(LocalDateTime.parse("2026-12-03T00:00"), content.start());
        assertEquals(LocalDateTime.parse("2026-12-04T00:00"), content.end());
        assertEquals("America/New_York", content.timeZone());
    }

    @Test
    void timedTaskIsAThirtyMinuteEventAtTheDueTime() {
        PushPlan plan = PushPlanner.plan(new ActivityChanged(ChangeType.CREATED, task(LocalTime.of(16, 45), "bob"),
                List.of()), Origin.app("bob"), COPIES, mailboxes(), emails(), List.of());
        var content = plan.ops().get(0).content();
        assertFalse(content.allDay());
        assertEquals(LocalDateTime.parse("2026-12-03T16:45"), content.start());
        assertEquals(LocalDateTime.parse("2026-12-03T17:15"), content.end());
    }

    @Test
    void copiesCarryTheActivityContentWithoutAttendees() {
        PushPlan plan = PushPlanner.plan(new ActivityChanged(ChangeType.CREATED,
                appointment(true, null, "alice", "bob"), List.of()), Origin.app("alice"), COPIES, mailboxes(),
                emails(), List.of());
        var c = plan.ops().get(1).content();
        assertEquals("Hearing", c.subject());
        assertEquals("Court 2", c.location());
        assertEquals(LocalDateTime.parse("2026-12-01T09:00"), c.start());
        assertEquals("Europe/London", c.timeZone());
        assertTrue(c.attendeeEmails().isEmpty());
        assertEquals("bob@halemarsh.test", plan.ops().get(1).mailbox());
    }

    @Test
    void aReplayedPlanHasTheSameOpIdsAndANewVersionNewOnes() {
        ActivityChanged change = new ActivityChanged(ChangeType.CREATED, appointment(true, null, "alice"), List.of());
        String first = PushPlanner.plan(change, null, COPIES, mailboxes(), emails(), List.of()).ops().get(0).opId();
        String again = PushPlanner.plan(change, null, COPIES, mailboxes(), emails(), List.of()).ops().get(0).opId();
        assertEquals(first, again);

        ActivitySnapshot a = change.activity();
        ActivitySnapshot next = new ActivitySnapshot(a.id(), a.firmId(), a.kind(), a.subject(), a.body(), a.location(),
                a.start(), a.end(), a.allDay(), a.dueDate(), a.dueTime(), a.timeZone(), a.scheduledFor(),
                a.organizerId(), a.createdBy(), a.pushToOffice365(), a.version() + 1, a.updatedAt());
        String later = PushPlanner.plan(new ActivityChanged(ChangeType.UPDATED, next, List.of()), null, COPIES,
                mailboxes(), emails(), List.of()).ops().get(0).opId();
        assertFalse(first.equals(later));
    }

    /** Deletions and removals that overtake a create still queued for the writer (no link yet). */
    static Stream<Arguments> queuedCreates() {
        return Stream.of(
                Arguments.of("deleted before its copies were written", ChangeType.DELETED,
                        appointment(true, null, "alice", "bob", "frank"), COPIES, List.of(), List.of(),
                        "DELETE alice, DELETE bob"),
                Arguments.of("push unticked before the copies were written", ChangeType.UPDATED,
                        appointment(false, null, "alice", "bob"), COPIES, List.of("alice", "bob"),
                        List.of(link("alice", "e-a", Role.COPY)), "DELETE alice e-a, DELETE bob"),
                Arguments.of("meeting deleted before it was written", ChangeType.DELETED,
                        appointment(true, "alice", "alice", "bob"), ORGANIZER, List.of(), List.of(), "DELETE alice"),
                Arguments.of("a user removed before their copy was written", ChangeType.UPDATED,
                        appointment(true, null, "alice"), COPIES, List.of("alice", "bob", "dave"),
                        List.of(link("alice", "e-a", Role.COPY)), "UPDATE alice e-a, DELETE bob"),
                Arguments.of("created unpushed: no create can be queued", ChangeType.CREATED,
                        appointment(false, null, "alice", "bob"), COPIES, List.of(), List.of(), ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queuedCreates")
    void removalsAlsoCoverCreatesStillQueued(String name, ChangeType type, ActivitySnapshot a,
            Office365Settings settings, List<String> previousScheduledFor, List<EventLink> links, String expectedOps) {
        ActivityChanged change = new ActivityChanged(type, a, previousScheduledFor);
        PushPlan plan = PushPlanner.plan(change, Origin.app("alice"), settings, mailboxes(), emails(), links);
        assertEquals(expectedOps, describe(plan.ops()), name);
        assertSamePlanFromTheUsersConsulted(change, Origin.app("alice"), settings, links, plan);
    }

    /**
     * Bob deleted his event in Outlook (so his link is gone), but an edit made before that deletion was noticed
     * planned a new create for him, still queued: the deletion's plan covers it too (found by the chaos run: an
     * orphan in bob's calendar). With nothing queued the writer finds no link and sends nothing.
     */
    @Test
    void aDeletionFromOutlookAlsoCoversACreateStillQueuedForThatMailbox() {
        PushPlan plan = PushPlanner.plan(new ActivityChanged(ChangeType.DELETED, appointment(true, null, "alice", "bob"),
                List.of()), Origin.office365("bob", "bob@halemarsh.test", "CK1"), COPIES, mailboxes(), emails(),
                List.of(link("alice", "e-a", Role.COPY)));
        assertEquals("DELETE alice e-a, DELETE bob", describe(plan.ops()));
    }

    private static String describe(List<MailboxOp> ops) {
        List<String> parts = new ArrayList<>();
        for (MailboxOp op : ops) {
            StringBuilder b = new StringBuilder(op.op() + " " + op.userId());
            if (op.eventId() != null) {
                b.append(' ').append(op.eventId());
            }
            if (op.role() == MailboxOp.LinkRole.ORGANIZER && op.op() != MailboxOp.OpType.DELETE) {
                b.append(' ').append(Arrays.toString(op.content().attendeeEmails().toArray()));
            }
            if (op.unlessChangeKey() != null) {
                b.append(" unless ").append(op.unlessChangeKey());
            }
            parts.add(b.toString());
        }
        return String.join(", ", parts);
    }
}
