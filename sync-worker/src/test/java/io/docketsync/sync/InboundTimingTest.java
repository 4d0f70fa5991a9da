package io.docketsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.graph.models.DateTimeTimeZone;
import com.microsoft.graph.models.Event;
import com.microsoft.graph.models.SingleValueLegacyExtendedProperty;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.docketsync.contracts.UserKey;
import io.docketsync.contracts.ActivityChanged;
import io.docketsync.contracts.ActivityCommand;
import io.docketsync.contracts.ActivityKind;
import io.docketsync.contracts.ActivitySnapshot;
import io.docketsync.contracts.ConnectionChanged;
import io.docketsync.contracts.ConnectionState;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.EventContent;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.FirmUser;
import io.docketsync.contracts.GraphNotification;
import io.docketsync.contracts.Office365Settings;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.Permission;
import io.docketsync.contracts.SettingsChanged;
import io.docketsync.contracts.Topics;
import io.docketsync.sync.domain.CalendarWrite;
import io.docketsync.sync.graph.GraphCalendarClient;
import io.docketsync.sync.graph.MailboxWriter;
import io.docketsync.sync.graph.WritesInFlight;
import io.docketsync.sync.persistence.WrittenChanges;
import io.docketsync.sync.domain.WrittenEvent;
import io.docketsync.testsupport.PlatformTestResource;
import io.docketsync.testsupport.TestPlatform;
import io.docketsync.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * When a notification is read decides nothing: an event made in Outlook while two-way sync was off stays there
 * when its notification is judged after two-way was turned on; and an event holding a write of ours the worker
 * never recorded (Graph applied it, we saw it fail) is judged as it stands once the worker stops waiting for that
 * record, so the user's edit in Outlook is not swallowed as an echo; and a notified event whose read is throttled
 * is read once the throttling ends, not given up.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SimulatorTestResource.class, restrictToAnnotatedClass = false)
class InboundTimingTest {
    private final String bootstrap = TestPlatform.kafka().bootstrapServers();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String firm = "timing-" + run;
    private final String user = "timing-" + run;
    private final String mailbox = "timing" + run + "@halemarsh.test";
    @Inject
    MailboxWriter writer;
    @Inject
    WritesInFlight inFlight;
    @Inject
    WrittenChanges written;

    @Test
    void twoWayCountsFromWhenItWasTurnedOn() throws Exception {
        GraphServiceClient graph = connect(false);
        String madeWhileOff = create(graph, "Made while off " + run).getId();
        settings(true, 2); // two-way on: after the event above was made
        RestAssured.given().get("/sync/firms/" + firm).then().statusCode(200)
                .body("createNewFromOfficeSince", Matchers.notNullValue());
        String madeAfter = create(graph, "Made after " + run).getId();
        notifyChange(madeWhileOff);
        notifyChange(madeAfter);

        var records = TopicProbe.readUntil(bootstrap, Topics.ACTIVITY_COMMANDS, Duration.ofSeconds(60), r -> r.stream()
                .anyMatch(x -> x.value().contains("Made after " + run)));
        List<ActivityCommand> mine = records.stream().map(r -> EventCodec.fromJson(r.value(), ActivityCommand.class).data)
                .filter(c -> user.equals(c.userId())).toList();
        assertEquals(1, mine.stream().filter(c -> c.type() == ActivityCommand.Type.CREATE_FROM_OFFICE).count(),
                "only the event made after two-way was turned on comes over: " + mine);
        assertTrue(mine.stream().noneMatch(c -> c.fields() != null
                && ("Made while off " + run).equals(c.fields().subject())), "the earlier event came over: " + mine);
    }

    @Test
    void anEditOnTopOfAnUnrecordedWriteOfOursStillComesOver() throws Exception {
        GraphServiceClient graph = connect(false);
        String activityId = "timing-act-" + run;
        LocalDateTime start = LocalDateTime.now().plusDays(3).withHour(9).withMinute(0).withSecond(0).withNano(0);
        var activity = new ActivitySnapshot(activityId, firm, ActivityKind.APPOINTMENT, "Hearing " + run, null, null,
                start, start.plusHours(1), false, null, null, "UTC", List.of(user), null, user, true, 1, Instant.now());
        send(Topics.ACTIVITY_CHANGES, activityId, EventEnvelope.of("/test", ActivityChanged.TYPE, activityId, firm,
                Origin.app(user), new ActivityChanged(ActivityChanged.ChangeType.CREATED, activity, List.of())));
        TopicProbe.readUntil(bootstrap, Topics.SYNC_STATUS, Duration.ofSeconds(60), r -> r.stream()
                .anyMatch(x -> activityId.equals(x.key()) && x.value().contains("\"LINKED\"")));
        String eventId = graph.users().byUserId(mailbox).events().get().getValue().stream()
                .filter(e -> ("Hearing " + run).equals(e.getSubject())).findFirst().orElseThrow().getId();

        // the event says version 7 was written, the worker recorded 1: as if our write of 7 were still in flight
        Event edit = new Event();
        edit.setSubject("Hearing " + run + " (moved to court 3)");
        SingleValueLegacyExtendedProperty stamp = new SingleValueLegacyExtendedProperty();
        stamp.setId(GraphCalendarClient.ACTIVITY_PROPERTY_ID);
        stamp.setValue(activityId + ":7");
        edit.setSingleValueExtendedProperties(List.of(stamp));
        graph.users().byUserId(mailbox).events().byEventId(eventId).patch(edit);
        notifyChange(eventId);

        var records = TopicProbe.readUntil(bootstrap, Topics.ACTIVITY_COMMANDS, Duration.ofSeconds(60), r -> r.stream()
                .anyMatch(x -> activityId.equals(x.key()) && x.value().contains("court 3")));
        ActivityCommand update = records.stream().filter(x -> activityId.equals(x.key()))
                .map(r -> EventCodec.fromJson(r.value(), ActivityCommand.class).data).findFirst().orElseThrow();
        assertEquals(ActivityCommand.Type.UPDATE_FIELDS, update.type());
        assertEquals("Hearing " + run + " (moved to court 3)", update.fields().subject());
    }

    /**
     * A notification judged again while it waits for our write to be recorded looks at the change keys first: once
     * that write's change key is recorded (its batch answered, perhaps in another instance), the event is not read
     * again; it used to be read at every retry.
     */
    @Test
    void aNotificationWaitingForOurWriteIsNotReadAgainOnceItsChangeKeyIsRecorded() throws Exception {
        GraphServiceClient graph = connect(true);
        String activityId = "timing-recorded-" + run;
        LocalDateTime start = LocalDateTime.now().plusDays(8).withHour(9).withMinute(0).withSecond(0).withNano(0);
        String eventId = pushedHearing(graph, activityId, start);

        // our write of version 2, as Graph applied it: the worker has recorded neither its link nor its change key
        Event ours = new Event();
        ours.setSubject("Hearing " + run + " v2");
        SingleValueLegacyExtendedProperty stamp = new SingleValueLegacyExtendedProperty();
        stamp.setId(GraphCalendarClient.ACTIVITY_PROPERTY_ID);
        stamp.setValue(activityId + ":2");
        ours.setSingleValueExtendedProperties(List.of(stamp));
        Event ourWrite = graph.users().byUserId(mailbox).events().byEventId(eventId).patch(ours);
        long before = readsOf(eventId);
        notifyChange(eventId, ourWrite.getChangeKey());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> readsOf(eventId) > before);
        // the batch's answer is recorded now, while the notification waits to be judged again
        written.remember(UserKey.of(firm, user), List.of(new WrittenEvent(eventId, ourWrite.getICalUId(),
                ourWrite.getChangeKey())));
        long readsWhenRecorded = readsOf(eventId);
        var records = commandsUntilOutlookEvent(graph, "Made in Outlook after our write " + run);
        assertTrue(records.stream().noneMatch(r -> activityId.equals(r.key())),
                "our own write came back as a change");
        assertEquals(readsWhenRecorded, readsOf(eventId), "read again after its change key was recorded");
    }

    @Test
    void ourOwnEventReadBeforeItsLinkIsRecordedNeverBecomesANewActivity() throws Exception {
        GraphServiceClient graph = connect(true);
        // as the writer leaves it until its wave is recorded: our property on the event, no link yet
        notifyChange(stamped(graph, "Pushed, not linked yet " + run, 4, "timing-pushed-" + run + ":1").getId());
        // judged after the one above (same mailbox, same partition, in order): two-way is on, so it comes over
        var records = commandsUntilOutlookEvent(graph, "Made in Outlook " + run);
        List<ActivityCommand> mine = records.stream().map(r -> EventCodec.fromJson(r.value(), ActivityCommand.class).data)
                .filter(c -> user.equals(c.userId())).toList();
        assertTrue(mine.stream().noneMatch(c -> c.fields() != null
                && ("Pushed, not linked yet " + run).equals(c.fields().subject())),
                "docketsync's own event came back as a new activity: " + mine);
        assertEquals(1, mine.stream().filter(c -> c.type() == ActivityCommand.Type.CREATE_FROM_OFFICE).count(), mine
                .toString());
    }

    @Test
    void theEchoOfAWriteWhoseWaveIsNotRecordedYetIsKnownWithoutReadingTheEvent() throws Exception {
        GraphServiceClient graph = connect(true);
        // the writer's $batch has answered; no wave records a link here at all (the write stage is bypassed)
        LocalDateTime start = LocalDateTime.now().plusDays(5).withNano(0);
        var content = new EventContent("Echo before its link " + run, null, null, start, start.plusHours(1), false,
                "UTC", List.of());
        WrittenEvent written = writer.write(UserKey.of(firm, user), List.of(new CalendarWrite("w-" + run, CalendarWrite.Kind.CREATE,
                mailbox, null, UUID.randomUUID().toString(), "timing-echo-" + run + ":1", content)))
                .get("w-" + run).written();
        notifyChange(written.eventId(), written.changeKey());
        var records = commandsUntilOutlookEvent(graph, "Made in Outlook after the echo " + run);
        assertTrue(records.stream().noneMatch(r -> r.value().contains("Echo before its link " + run)),
                "our own write came back as a change");
        assertEquals(0, readsOf(written.eventId()), "the echo was recognised by its change key, without reading the "
                + "event back");
    }

    /**
     * Graph notifies an event a $batch made while the batch still runs its other requests, before the batch's answer
     * has brought the event's change key: the notification waits for the answer (the batch is out to this mailbox,
     * in this instance), and is then known as our echo by its change key, without reading the event back.
     */
    @Test
    void theEchoOfABatchStillOutIsKnownOnceTheBatchAnswersWithoutReadingTheEvent() throws Exception {
        GraphServiceClient graph = connect(true);
        UserKey key = UserKey.of(firm, user);
        // as the batch's first request leaves it: our property on the event, which Graph has already notified
        Event made = stamped(graph, "Made by a batch still out " + run, 7, "timing-batch-" + run + ":1");

        CountDownLatch answer = new CountDownLatch(1);
        CompletableFuture<Void> batch = CompletableFuture.runAsync(() -> inFlight.during(key, () -> {
            try {
                answer.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            written.remember(key, List.of(new WrittenEvent(made.getId(), made.getICalUId(), made.getChangeKey())));
            return null;
        }));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> inFlight.settled(key) != null);
        notifyChange(made.getId(), made.getChangeKey());
        Thread.sleep(1500); // the notification is judged meanwhile, up to where it waits for the batch
        answer.countDown();
        batch.get(10, TimeUnit.SECONDS);
        // judged after the one above (same mailbox, in order): two-way is on, so it comes over
        var records = commandsUntilOutlookEvent(graph, "Made in Outlook after the batch " + run);
        assertTrue(records.stream().noneMatch(r -> r.value().contains("Made by a batch still out " + run)),
                "our own write came back as a change");
        assertEquals(0, readsOf(made.getId()), "the echo was known by its change key once the batch answered, "
                + "without a read");
    }

    /**
     * Found by the full chaos run (a stale copy): an Outlook edit won, but a write of the app's older edit, planned
     * before the Outlook edit was read, landed on top of it in that user's calendar; the version made from the
     * Outlook edit was not written back there (it came from there), so that calendar kept the app's edit.
     */
    @Test
    void anOutlookEditOverwrittenByOurEarlierWriteIsPutBack() throws Exception {
        GraphServiceClient graph = connect(false);
        String activityId = "timing-overwritten-" + run;
        LocalDateTime start = LocalDateTime.now().plusDays(6).withHour(9).withMinute(0).withSecond(0).withNano(0);
        String eventId = pushedHearing(graph, activityId, start);

        // the user edits the event in Outlook; the worker reads it and the edit wins (ANY)
        Event edit = new Event();
        edit.setSubject("Hearing " + run + " (Outlook)");
        String outlookChange = graph.users().byUserId(mailbox).events().byEventId(eventId).patch(edit).getChangeKey();
        notifyChange(eventId);
        TopicProbe.readUntil(bootstrap, Topics.ACTIVITY_COMMANDS, Duration.ofSeconds(60), r -> r.stream()
                .anyMatch(x -> activityId.equals(x.key()) && x.value().contains("(Outlook)")));
        // meanwhile the app's edit, planned before that read, is written over the user's edit
        changed(activityId, ActivityChanged.ChangeType.UPDATED, 2, "Hearing " + run + " (app)", start,
                Origin.app(user));
        awaitLinked(activityId, 2);
        // activity-service applies the Outlook edit: version 3, from this very mailbox
        changed(activityId, ActivityChanged.ChangeType.UPDATED, 3, "Hearing " + run + " (Outlook)", start,
                Origin.office365(user, mailbox, outlookChange));

        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(
                "Hearing " + run + " (Outlook)", graph.users().byUserId(mailbox).events().byEventId(eventId).get()
                        .getSubject(), "the calendar holds what the activity holds"));
    }

    /**
     * Found by the full chaos run (seed 42, a lost event): the user deleted the event we had just made while our
     * write stage had not recorded its link yet. The deletion was judged "not linked" and ignored; the link recorded
     * afterwards named a deleted event, and the activity's next write was refused (404). Now the deletion waits for
     * the link of our create and is judged as the user's.
     */
    @Test
    void anOutlookDeletionOfOurEventBeforeItsLinkIsRecordedIsJudgedOnceItIs() throws Exception {
        GraphServiceClient graph = connect(false);
        String activityId = "timing-deleted-early-" + run;
        LocalDateTime start = LocalDateTime.now().plusDays(7).withHour(9).withMinute(0).withSecond(0).withNano(0);
        changed(activityId, ActivityChanged.ChangeType.CREATED, 1, "Hearing " + run, start, Origin.app(user));
        awaitLinked(activityId, 1);
        // as the write stage leaves it while its wave is still being written: Graph made the event, no link yet
        java.util.Map<String, Object> link = takeLink(activityId);
        String eventId = (String) link.get("event_id"); // immutable, as notifications name it
        graph.users().byUserId(mailbox).events().byEventId(eventId).delete();
        send(Topics.GRAPH_NOTIFICATIONS, user, EventEnvelope.of("/test", GraphNotification.TYPE, user, firm,
                Origin.system(), new GraphNotification(GraphNotification.Kind.CHANGE, user, firm, mailbox, null,
                        "deleted", null, null, eventId, null, Instant.now())));
        Thread.sleep(1500); // the notification is read meanwhile
        putBack(link);

        var records = TopicProbe.readUntil(bootstrap, Topics.ACTIVITY_COMMANDS, Duration.ofSeconds(60), r -> r.stream()
                .anyMatch(x -> activityId.equals(x.key())));
        List<ActivityCommand> commands = records.stream().filter(x -> activityId.equals(x.key()))
                .map(r -> EventCodec.fromJson(r.value(), ActivityCommand.class).data).toList();
        assertEquals(List.of(ActivityCommand.Type.DELETE), commands.stream().map(ActivityCommand::type).toList(),
                "the user's deletion deletes the activity (they may delete ANY)");
    }

    @Inject
    javax.sql.DataSource jdbc;

    private java.util.Map<String, Object> takeLink(String activityId) throws Exception {
        try (var c = jdbc.getConnection(); var delete = c.prepareStatement(
                "DELETE FROM event_link WHERE activity_id = ? RETURNING *")) {
            delete.setString(1, activityId);
            try (var rows = delete.executeQuery()) {
                assertTrue(rows.next(), "the link of " + activityId);
                java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    row.put(rows.getMetaData().getColumnName(i), rows.getObject(i));
                }
                return row;
            }
        }
    }

    private void putBack(java.util.Map<String, Object> link) throws Exception {
        String columns = String.join(", ", link.keySet());
        String marks = String.join(", ", java.util.Collections.nCopies(link.size(), "?"));
        try (var c = jdbc.getConnection(); var insert = c.prepareStatement(
                "INSERT INTO event_link (" + columns + ") VALUES (" + marks + ")")) {
            int i = 1;
            for (Object value : link.values()) {
                insert.setObject(i++, value);
            }
            insert.executeUpdate();
        }
    }

    private void changed(String activityId, ActivityChanged.ChangeType type, long version, String subject,
            LocalDateTime start, Origin origin) {
        var activity = new ActivitySnapshot(activityId, firm, ActivityKind.APPOINTMENT, subject, null, null, start,
                start.plusHours(1), false, null, null, "UTC", List.of(user), null, user, true, version, Instant.now());
        send(Topics.ACTIVITY_CHANGES, activityId, EventEnvelope.of("/test", ActivityChanged.TYPE, activityId, firm,
                origin, new ActivityChanged(type, activity, List.of())));
    }

    private void awaitLinked(String activityId, long version) {
        java.util.function.Predicate<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> linked = x ->
                activityId.equals(x.key()) && x.value().contains("\"LINKED\"")
                        && x.value().contains("\"activityVersion\":" + version);
        assertTrue(TopicProbe.readUntil(bootstrap, Topics.SYNC_STATUS, Duration.ofSeconds(60),
                r -> r.stream().anyMatch(linked)).stream().anyMatch(linked), activityId + " v" + version + " linked");
    }

    @Test
    void aThrottledReadOfANotifiedEventIsWaitedOut() throws Exception {
        GraphServiceClient graph = connect(true);
        String eventId = create(graph, "Read while throttled " + run).getId();
        // every request to the mailbox answers 429 for a while: the worker waits it out instead of giving up
        SimulatorTestResource.admin("PUT", "/_sim/faults/" + mailbox,
                "{\"throttledRate\":1.0,\"unavailableRate\":0,\"slowRate\":0,\"retryAfterSeconds\":1,\"seed\":3}");
        try {
            notifyChange(eventId);
            Thread.sleep(2500);
        } finally {
            SimulatorTestResource.admin("DELETE", "/_sim/faults/" + mailbox, null);
        }
        var records = TopicProbe.readUntil(bootstrap, Topics.ACTIVITY_COMMANDS, Duration.ofSeconds(60), r -> r.stream()
                .anyMatch(x -> x.value().contains("Read while throttled " + run)));
        assertTrue(records.stream().map(r -> EventCodec.fromJson(r.value(), ActivityCommand.class).data)
                .anyMatch(c -> c.type() == ActivityCommand.Type.CREATE_FROM_OFFICE && user.equals(c.userId())),
                "the event comes over once the throttling ends");
    }

    /** The user, connected, in a firm whose two-way setting is as given (settings version 1). */
    private GraphServiceClient connect(boolean twoWay) throws Exception {
        SimulatorTestResource.admin("POST", "/_sim/users", "{\"userPrincipalName\":\"" + mailbox
                + "\",\"displayName\":\"Timing\"}");
        settings(twoWay, 1);
        send(Topics.CONNECTIONS, user, EventEnvelope.of("/test", ConnectionChanged.TYPE, user, firm, Origin.system(),
                new ConnectionChanged(user, firm, ConnectionState.CONNECTED, mailbox, Instant.now(), null)));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> RestAssured.given()
                .get("/sync/firms/" + firm + "/mailboxes/" + user).then().statusCode(200).body("state", Matchers.equalTo("CONNECTED")));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> RestAssured.given()
                .get("/sync/firms/" + firm).then().statusCode(200).body("version", Matchers.equalTo(1)));
        return SimulatorTestResource.graphAs(mailbox);
    }

    private void settings(boolean twoWay, long version) {
        send(Topics.SETTINGS_CHANGES, firm, EventEnvelope.of("/test", SettingsChanged.TYPE, firm, firm, Origin.system(),
                new SettingsChanged(firm, new Office365Settings(true, false, false, twoWay, ""), List.of(new FirmUser(
                        user, "Timing", mailbox, false, Permission.ANY, Permission.ANY, true)), version)));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> RestAssured.given()
                .get("/sync/firms/" + firm).then().statusCode(200).body("version", Matchers.equalTo((int) version)));
    }

    /** An event as our writer makes it: our property ({@code activity:version}) on it, in {@code days} days. */
    private Event stamped(GraphServiceClient graph, String subject, int days, String activityVersion) {
        Event ours = new Event();
        ours.setSubject(subject);
        LocalDateTime start = LocalDateTime.now().plusDays(days).withNano(0);
        ours.setStart(time(start));
        ours.setEnd(time(start.plusHours(1)));
        SingleValueLegacyExtendedProperty stamp = new SingleValueLegacyExtendedProperty();
        stamp.setId(GraphCalendarClient.ACTIVITY_PROPERTY_ID);
        stamp.setValue(activityVersion);
        ours.setSingleValueExtendedProperties(List.of(stamp));
        return graph.users().byUserId(mailbox).events().post(ours);
    }

    private Event create(GraphServiceClient graph, String subject) {
        Event e = new Event();
        e.setSubject(subject);
        LocalDateTime start = LocalDateTime.now().plusDays(2).withNano(0);
        e.setStart(time(start));
        e.setEnd(time(start.plusHours(1)));
        return graph.users().byUserId(mailbox).events().post(e);
    }

    /**
     * An event made in Outlook and notified, and the commands sent until it came over: notifications of a mailbox are
     * judged in order, so every one notified before it has been judged by then (two-way must be on).
     */
    private List<ConsumerRecord<String, String>> commandsUntilOutlookEvent(GraphServiceClient graph, String subject) {
        notifyChange(create(graph, subject).getId());
        return TopicProbe.readUntil(bootstrap, Topics.ACTIVITY_COMMANDS, Duration.ofSeconds(60), r -> r.stream()
                .anyMatch(x -> x.value().contains(subject)));
    }

    /** The activity "Hearing {run}" saved in the app and written to the user's mailbox: its event's id there. */
    private String pushedHearing(GraphServiceClient graph, String activityId, LocalDateTime start) {
        changed(activityId, ActivityChanged.ChangeType.CREATED, 1, "Hearing " + run, start, Origin.app(user));
        awaitLinked(activityId, 1);
        return graph.users().byUserId(mailbox).events().get().getValue().stream()
                .filter(e -> ("Hearing " + run).equals(e.getSubject())).findFirst().orElseThrow().getId();
    }

    /** How many times the simulator's request log shows the event read. */
    private static long readsOf(String eventId) throws Exception {
        JsonNode log = EventCodec.mapper().readTree(SimulatorTestResource.admin("GET", "/_sim/requests", null));
        long reads = 0;
        for (JsonNode entry : log) {
            reads += entry.path("method").asText().equals("GET")
                    && entry.path("path").asText().contains("/events/" + eventId) ? 1 : 0;
        }
        return reads;
    }

    private void notifyChange(String eventId) {
        notifyChange(eventId, null);
    }

    /** As connector-service passes Graph's notification on: the change key from resourceData's etag, when given. */
    private void notifyChange(String eventId, String changeKey) {
        send(Topics.GRAPH_NOTIFICATIONS, user, EventEnvelope.of("/test", GraphNotification.TYPE, user, firm,
                Origin.system(), new GraphNotification(GraphNotification.Kind.CHANGE, user, firm, mailbox, null,
                        "updated", null, null, eventId, changeKey, Instant.now())));
    }

    private void send(String topic, String key, EventEnvelope<?> event) {
        TopicProbe.send(bootstrap, topic, key, EventCodec.toJson(event));
    }

    private static DateTimeTimeZone time(LocalDateTime t) {
        DateTimeTimeZone z = new DateTimeTimeZone();
        z.setDateTime(t.toString());
        z.setTimeZone("UTC");
        return z;
    }
}
