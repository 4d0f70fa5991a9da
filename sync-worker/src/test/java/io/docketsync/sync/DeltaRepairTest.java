package io.docketsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.graph.models.DateTimeTimeZone;
import com.microsoft.graph.models.Event;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.docketsync.contracts.ActivityChanged;
import io.docketsync.contracts.ActivityCommand;
import io.docketsync.contracts.ActivityKind;
import io.docketsync.contracts.ActivitySnapshot;
import io.docketsync.contracts.ConnectionChanged;
import io.docketsync.contracts.ConnectionState;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.FirmUser;
import io.docketsync.contracts.GraphNotification;
import io.docketsync.contracts.Office365Settings;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.Permission;
import io.docketsync.contracts.SettingsChanged;
import io.docketsync.contracts.Topics;
import io.docketsync.testsupport.PlatformTestResource;
import io.docketsync.testsupport.TestPlatform;
import io.docketsync.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.docketsync.sync.persistence.WrittenChanges;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.RestAssured;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * Missed notifications repaired by the mailbox's delta: an edit made in Outlook while no notification reached us
 * becomes the same update command a notification would have caused; the first (baseline) round turns none of the
 * mailbox's existing events into activities, even with two-way sync on.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SimulatorTestResource.class, restrictToAnnotatedClass = false)
class DeltaRepairTest {
    private final WorkerMailbox box = new WorkerMailbox("delta");
    private final String bootstrap = box.bootstrap;
    private final String run = box.run;
    private final String firm = box.firm;
    private final String user = box.user;
    private final String mailbox = box.mailbox;
    private final String activityId = "delta-act-" + run;

    @Test
    void aMissedEditIsRepairedAndTheBaselineImportsNothing() throws Exception {
        // two-way sync on, no prefix: a notified new event would become an activity, a baseline must not
        GraphServiceClient graph = box.connect(new Office365Settings(true, false, false, true, ""), Permission.ANY,
                Permission.ANY);
        Event dentist = new Event();
        dentist.setSubject("Dentist " + run);
        dentist.setStart(WorkerMailbox.london(LocalDateTime.now().plusDays(2).withNano(0)));
        dentist.setEnd(WorkerMailbox.london(LocalDateTime.now().plusDays(2).plusHours(1).withNano(0)));
        graph.users().byUserId(mailbox).events().post(dentist);

        LocalDateTime start = LocalDateTime.now().plusDays(3).withHour(9).withMinute(0).withSecond(0).withNano(0);
        var activity = new ActivitySnapshot(activityId, firm, ActivityKind.APPOINTMENT, "Hearing " + run, NOTES, null,
                start, start.plusHours(1), false, null, null, "Europe/London", List.of(user), null, user, true, 1,
                Instant.now());
        box.send(Topics.ACTIVITY_CHANGES, activityId, EventEnvelope.of("/test", ActivityChanged.TYPE, activityId, firm,
                Origin.app(user), new ActivityChanged(ActivityChanged.ChangeType.CREATED, activity, List.of())));
        TopicProbe.readUntil(bootstrap, Topics.SYNC_STATUS, Duration.ofSeconds(60), r -> r.stream()
                .anyMatch(x -> activityId.equals(x.key()) && x.value().contains("\"LINKED\"")));

        box.repair(); // the baseline
        // edited in Outlook; no subscription exists here, so no notification is delivered: only delta can see it
        String eventId = graph.users().byUserId(mailbox).events().get().getValue().stream()
                .filter(e -> e.getSubject().equals("Hearing " + run)).findFirst().orElseThrow().getId();
        Event edit = new Event();
        edit.setSubject("Hearing " + run + " (moved to court 3)");
        graph.users().byUserId(mailbox).events().byEventId(eventId).patch(edit);
        box.repair();

        var records = TopicProbe.readUntil(bootstrap, Topics.ACTIVITY_COMMANDS, Duration.ofSeconds(60), r -> r.stream()
                .anyMatch(x -> activityId.equals(x.key()) && x.value().contains("court 3")));
        List<ActivityCommand> mine = records.stream().map(r -> EventCodec.fromJson(r.value(), ActivityCommand.class).data)
                .filter(c -> user.equals(c.userId())).toList();
        ActivityCommand update = mine.stream().filter(c -> activityId.equals(c.activityId())).findFirst()
                .orElseThrow(() -> new AssertionError("no command for the repaired edit: " + mine));
        assertEquals(ActivityCommand.Type.UPDATE_FIELDS, update.type());
        assertEquals("Hearing " + run + " (moved to court 3)", update.fields().subject());
        // the notes round-trip unchanged: read as text, not as Graph's HTML rendering of them
        assertEquals(NOTES, update.fields().body());
        assertTrue(mine.stream().noneMatch(c -> c.type() == ActivityCommand.Type.CREATE_FROM_OFFICE),
                "the baseline turned an existing event into an activity: " + mine);

        // moved three years ahead: delta says "removed" (it left the window), but the event still exists
        LocalDateTime far = start.plusYears(3);
        Event move = new Event();
        move.setStart(WorkerMailbox.london(far));
        move.setEnd(WorkerMailbox.london(far.plusHours(1)));
        graph.users().byUserId(mailbox).events().byEventId(eventId).patch(move);
        box.repair();
        var after = TopicProbe.readUntil(bootstrap, Topics.ACTIVITY_COMMANDS, Duration.ofSeconds(60), r -> r.stream()
                .filter(x -> activityId.equals(x.key())).count() >= 2);
        List<ActivityCommand> forActivity = after.stream().filter(x -> activityId.equals(x.key()))
                .map(r -> EventCodec.fromJson(r.value(), ActivityCommand.class).data).toList();
        assertTrue(forActivity.stream().noneMatch(c -> c.type() == ActivityCommand.Type.DELETE),
                "an event that left the delta window is not a deletion: " + forActivity);
        assertTrue(forActivity.stream().anyMatch(c -> c.type() == ActivityCommand.Type.UPDATE_FIELDS
                && c.fields().start() != null && c.fields().start().getYear() == far.getYear()),
                "the move reaches the activity: " + forActivity);

        // the stored delta token expired (Graph: 410 Gone, syncStateNotFound): the repair starts a new baseline,
        // which still reconciles the linked event, and later rounds work from the new token
        SimulatorTestResource.admin("POST", "/_sim/users/" + mailbox + "/expire-delta-tokens", null);
        Event back = new Event();
        back.setSubject("Hearing " + run + " (after the token expired)");
        back.setStart(WorkerMailbox.london(start));
        back.setEnd(WorkerMailbox.london(start.plusHours(1)));
        graph.users().byUserId(mailbox).events().byEventId(eventId).patch(back);
        box.repair();
        TopicProbe.readUntil(bootstrap, Topics.ACTIVITY_COMMANDS, Duration.ofSeconds(60), r -> r.stream()
                .anyMatch(x -> activityId.equals(x.key()) && x.value().contains("after the token expired")));
        assertTrue(SimulatorTestResource.admin("GET", "/_sim/requests", null).contains("\"status\":410"),
                "the expired token was never used");
        box.repair(); // from the new baseline's token
    }

    private static final String NOTES = "Bring the <bundle> & exhibits\n\"Second\" line";
    private static final String IMMUTABLE = WorkerMailbox.IMMUTABLE;

    @Inject
    WrittenChanges writtenChanges;

    /**
     * Delta answers carry no extended properties, so an event we wrote is recognised there by the id our write was
     * answered with: written but not linked yet (the wave still waiting out throttling), it must not come back as a
     * new activity with two-way sync on; an event made in Outlook in the same round still does.
     */
    @Test
    void anEventWeWroteButHaveNotLinkedIsNotANewActivityInADeltaRound() throws Exception {
        // two-way sync on, no prefix: a notified new event would become an activity, a baseline must not
        GraphServiceClient graph = box.connect(new Office365Settings(true, false, false, true, ""), Permission.ANY,
                Permission.ANY);
        Thread.sleep(1500); // two-way sync counts from the settings' arrival: these events come after it
        box.repair(); // the baseline

        LocalDateTime at = LocalDateTime.now().plusDays(4).withHour(9).withMinute(0).withSecond(0).withNano(0);
        Event ours = new Event();
        ours.setSubject("Ours " + run);
        ours.setStart(WorkerMailbox.london(at));
        ours.setEnd(WorkerMailbox.london(at.plusHours(1)));
        // ids as the worker sees them: it asks Graph for immutable ids everywhere
        Event written = graph.users().byUserId(mailbox).events().post(ours, rc -> rc.headers.add("Prefer", IMMUTABLE));
        // what the writer records the moment its $batch answers, long before the wave records the link
        writtenChanges.remember(io.docketsync.contracts.UserKey.of(firm, user), List.of(
                new io.docketsync.sync.domain.WrittenEvent(written.getId(), written.getICalUId(), written.getChangeKey())));
        Event outlook = new Event();
        outlook.setSubject("Outlook " + run);
        outlook.setStart(WorkerMailbox.london(at.plusHours(2)));
        outlook.setEnd(WorkerMailbox.london(at.plusHours(3)));
        String outlookId = graph.users().byUserId(mailbox).events().post(outlook,
                rc -> rc.headers.add("Prefer", IMMUTABLE)).getId();
        box.repair();

        var records = TopicProbe.readUntil(bootstrap, Topics.ACTIVITY_COMMANDS, Duration.ofSeconds(60), r -> r.stream()
                .anyMatch(x -> x.value().contains("Outlook " + run)));
        List<ActivityCommand> creates = records.stream().map(r -> EventCodec.fromJson(r.value(), ActivityCommand.class).data)
                .filter(c -> user.equals(c.userId()) && c.type() == ActivityCommand.Type.CREATE_FROM_OFFICE).toList();
        assertTrue(creates.stream().anyMatch(c -> outlookId.equals(c.link().eventId())),
                "the event made in Outlook became an activity: " + creates);
        assertTrue(creates.stream().noneMatch(c -> written.getId().equals(c.link().eventId())),
                "our own unlinked event came back as an activity: " + creates);
    }

    /**
     * A user drags a linked event through another calendar folder and back: its regular id changes, its immutable
     * id (the one the worker asks for everywhere) does not. The event stays linked: a delta round and the move's
     * notification delete nothing and make nothing, and the next change in the app updates that same event.
     */
    @Test
    void aLinkedEventMovedInOutlookStaysLinked() throws Exception {
        // two-way sync on, no prefix: a notified new event would become an activity, a baseline must not
        GraphServiceClient graph = box.connect(new Office365Settings(true, false, false, true, ""), Permission.ANY,
                Permission.ANY);
        LocalDateTime start = LocalDateTime.now().plusDays(5).withHour(9).withMinute(0).withSecond(0).withNano(0);
        box.send(Topics.ACTIVITY_CHANGES, activityId, change(1, "Moved " + run, start));
        String linkedId = box.linkedEvent(activityId, 1);
        box.repair(); // the baseline

        var moved = EventCodec.mapper().readTree(SimulatorTestResource.admin("POST", "/_sim/users/" + mailbox
                + "/events/" + linkedId + "/move-and-back", null));
        assertEquals(linkedId, moved.path("immutableId").asText(), "the worker holds the immutable id");
        assertTrue(!moved.path("id").asText().equals(moved.path("previousId").asText()), "the regular id changed");
        // what an immutable-id subscription notifies, then a delta round
        box.send(Topics.GRAPH_NOTIFICATIONS, user, EventEnvelope.of("/test", GraphNotification.TYPE, user, firm,
                Origin.system(), new GraphNotification(GraphNotification.Kind.CHANGE, user, firm, mailbox, null,
                        "updated", null, null, linkedId, null, Instant.now())));
        box.repair();

        box.send(Topics.ACTIVITY_CHANGES, activityId, change(2, "Moved " + run + " (v2)", start));
        assertEquals(linkedId, box.linkedEvent(activityId, 2), "the next change updates the same event");
        var commands = TopicProbe.readUntil(bootstrap, Topics.ACTIVITY_COMMANDS, Duration.ofSeconds(5), r -> false);
        assertTrue(commands.stream().map(r -> EventCodec.fromJson(r.value(), ActivityCommand.class).data)
                .filter(c -> user.equals(c.userId())).noneMatch(c -> c.type() == ActivityCommand.Type.DELETE
                        || c.type() == ActivityCommand.Type.CREATE_FROM_OFFICE), "the move deleted or made an activity");
        long copies = graph.users().byUserId(mailbox).events().get().getValue().stream()
                .filter(e -> e.getSubject() != null && e.getSubject().startsWith("Moved " + run)).count();
        assertEquals(1, copies, "one event in the mailbox");
    }

    private EventEnvelope<ActivityChanged> change(long version, String subject, LocalDateTime start) {
        var activity = new ActivitySnapshot(activityId, firm, ActivityKind.APPOINTMENT, subject, null, null, start,
                start.plusHours(1), false, null, null, "Europe/London", List.of(user), null, user, true, version,
                Instant.now());
        return EventEnvelope.of("/test", ActivityChanged.TYPE, activityId, firm, Origin.app(user), new ActivityChanged(
                version == 1 ? ActivityChanged.ChangeType.CREATED : ActivityChanged.ChangeType.UPDATED, activity,
                List.of()));
    }

}
