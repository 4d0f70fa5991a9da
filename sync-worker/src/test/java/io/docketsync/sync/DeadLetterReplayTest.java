package io.docketsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.docketsync.contracts.SyncState;
import io.docketsync.contracts.SyncStatusChanged;
import io.docketsync.contracts.Topics;
import io.docketsync.contracts.UserKey;
import io.docketsync.testsupport.PlatformTestResource;
import io.docketsync.testsupport.TestPlatform;
import io.docketsync.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * Nothing is dead-lettered in silence (DESIGN.md section 2): a notification of a linked event that cannot be read
 * (Office 365 unavailable beyond the read's patience) is dead-lettered; the operator lists it, the activity's user
 * shows FAILED with the reason; once Office 365 answers again the operator replays it: the Outlook edit comes over,
 * the user is LINKED again, and a second replay sends nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SimulatorTestResource.class, restrictToAnnotatedClass = false)
class DeadLetterReplayTest {
    private final String bootstrap = TestPlatform.kafka().bootstrapServers();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String firm = "dlq-" + run;
    private final String user = "dlq-" + run;
    private final String mailbox = "dlq" + run + "@halemarsh.test";
    private final String activityId = "dlq-act-" + run;

    @Test
    void aFailedNotificationShowsFailedAndItsReplayLinksAgain() throws Exception {
        GraphServiceClient graph = connect();
        LocalDateTime start = LocalDateTime.now().plusDays(3).withHour(9).withMinute(0).withSecond(0).withNano(0);
        var activity = new ActivitySnapshot(activityId, firm, ActivityKind.APPOINTMENT, "Hearing " + run, null, null,
                start, start.plusHours(1), false, null, null, "UTC", List.of(user), null, user, true, 1, Instant.now());
        send(Topics.ACTIVITY_CHANGES, activityId, EventEnvelope.of("/test", ActivityChanged.TYPE, activityId, firm,
                Origin.app(user), new ActivityChanged(ActivityChanged.ChangeType.CREATED, activity, List.of())));
        awaitStatus(SyncState.LINKED, 0);
        // the immutable id, as connector-service's subscription (Prefer IdType="ImmutableId") notifies it
        String eventId = graph.users().byUserId(mailbox).events()
                .get(rc -> rc.headers.add("Prefer", "IdType=\"ImmutableId\"")).getValue().stream()
                .filter(e -> ("Hearing " + run).equals(e.getSubject())).findFirst().orElseThrow().getId();
        Event edit = new Event();
        edit.setSubject("Hearing " + run + " (moved to court 3)");
        graph.users().byUserId(mailbox).events().byEventId(eventId).patch(edit);

        // Office 365 answers 503 to every request of the mailbox, asking for a wait longer than the read's patience
        SimulatorTestResource.admin("PUT", "/_sim/faults/" + mailbox,
                "{\"throttledRate\":0,\"unavailableRate\":1.0,\"slowRate\":0,\"retryAfterSeconds\":600,\"seed\":1}");
        EventEnvelope<GraphNotification> notification = EventEnvelope.of("/test", GraphNotification.TYPE, user, firm,
                Origin.system(), new GraphNotification(GraphNotification.Kind.CHANGE, user, firm, mailbox, null,
                        "updated", null, null, eventId, null, Instant.now()));
        String key = UserKey.of(firm, user).kafkaKey();
        JsonPath letter;
        try {
            send(Topics.GRAPH_NOTIFICATIONS, key, notification);
            letter = Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> RestAssured.given()
                    .queryParam("topic", Topics.GRAPH_NOTIFICATIONS).queryParam("firm", firm).get("/sync/dead-letters")
                    .then().statusCode(200).extract().jsonPath(), l -> l.getList("$").size() == 1);
            SyncStatusChanged failed = awaitStatus(SyncState.FAILED, 1);
            String reason = letter.getString("[0].reason");
            assertFalse(reason.isBlank(), "the dead letter says why");
            assertTrue(failed.reason().contains(reason), "the user's status gives the dead letter's reason: " + failed);
            assertEquals(user, failed.userId());
        } finally {
            SimulatorTestResource.admin("DELETE", "/_sim/faults/" + mailbox, null);
        }
        assertEquals(key, letter.getString("[0].key"));
        assertEquals(activityId, letter.getString("[0].activityId"), "the activity its event is linked to");
        assertEquals(user, letter.getString("[0].userId"));
        assertEquals(eventId, letter.getString("[0].eventId"));
        String id = letter.getString("[0].id");
        RestAssured.given().get("/q/metrics").then().statusCode(200).body(Matchers.containsString(
                "docketsync_sync_dead_letters_total{topic=\"" + Topics.GRAPH_NOTIFICATIONS + "\""));

        // the cause is gone: the operator replays the notification
        RestAssured.given().post("/sync/dead-letters/" + id + "/replay").then().statusCode(200)
                .body("replayed", Matchers.equalTo(true));
        awaitStatus(SyncState.LINKED, 2);
        var commands = TopicProbe.readUntil(bootstrap, Topics.ACTIVITY_COMMANDS, Duration.ofSeconds(60), r -> r.stream()
                .anyMatch(x -> activityId.equals(x.key()) && x.value().contains("court 3")));
        ActivityCommand update = commands.stream().filter(x -> activityId.equals(x.key()))
                .map(r -> EventCodec.fromJson(r.value(), ActivityCommand.class).data).findFirst().orElseThrow();
        assertEquals(ActivityCommand.Type.UPDATE_FIELDS, update.type());
        assertEquals("Hearing " + run + " (moved to court 3)", update.fields().subject());
        RestAssured.given().get("/sync/dead-letters/" + id).then().statusCode(200)
                .body("letter.replayedAt", Matchers.notNullValue())
                .body("letter.resolvedAt", Matchers.notNullValue())
                .body("payload", Matchers.equalTo(EventCodec.toJson(notification)));

        // a second replay sends nothing and says so
        RestAssured.given().post("/sync/dead-letters/" + id + "/replay").then().statusCode(200)
                .body("replayed", Matchers.equalTo(false))
                .body("message", Matchers.containsString("already replayed"));
        Thread.sleep(2000); // the outbox relay's turn, had anything been queued
        long published = TopicProbe.readUntil(bootstrap, Topics.GRAPH_NOTIFICATIONS, Duration.ofSeconds(5),
                r -> false).stream().filter(r -> r.value().contains(notification.id)).count();
        assertEquals(2, published, "the notification as sent, and one replay");
        RestAssured.given().post("/sync/dead-letters/" + UUID.randomUUID() + "/replay").then().statusCode(404);
    }

    @Test
    void onlyOperatorsSeeDeadLetters() {
        RestAssured.given().auth().none().get("/sync/dead-letters").then().statusCode(401);
        String alice = TestPlatform.tokens().token("alice", firm, List.of("admin"));
        RestAssured.given().auth().oauth2(alice).get("/sync/dead-letters").then().statusCode(403);
        RestAssured.given().auth().oauth2(alice).post("/sync/dead-letters/x/replay").then().statusCode(403);
    }

    /**
     * The user's statuses of the activity on sync.status.v1, in order; waits until the one at {@code index} is there
     * and has the state.
     */
    private SyncStatusChanged awaitStatus(SyncState state, int index) {
        var records = TopicProbe.readUntil(bootstrap, Topics.SYNC_STATUS, Duration.ofSeconds(60),
                r -> statuses(r).size() > index);
        List<SyncStatusChanged> mine = statuses(records);
        assertTrue(mine.size() > index, "no status " + index + " of " + activityId + ": " + mine);
        SyncStatusChanged s = mine.get(index);
        assertEquals(state, s.state(), "status " + index + " of " + mine);
        assertNotNull(s.at());
        return s;
    }

    private List<SyncStatusChanged> statuses(List<ConsumerRecord<String, String>> records) {
        return records.stream().filter(x -> activityId.equals(x.key()))
                .map(x -> EventCodec.fromJson(x.value(), SyncStatusChanged.class).data)
                .filter(s -> user.equals(s.userId())).toList();
    }

    private GraphServiceClient connect() throws Exception {
        SimulatorTestResource.admin("POST", "/_sim/users", "{\"userPrincipalName\":\"" + mailbox
                + "\",\"displayName\":\"Dead Letters\"}");
        send(Topics.SETTINGS_CHANGES, firm, EventEnvelope.of("/test", SettingsChanged.TYPE, firm, firm, Origin.system(),
                new SettingsChanged(firm, Office365Settings.defaults(), List.of(new FirmUser(user, "Dead Letters",
                        mailbox, false, Permission.ANY, Permission.ANY, true)), 1)));
        send(Topics.CONNECTIONS, UserKey.of(firm, user).kafkaKey(), EventEnvelope.of("/test", ConnectionChanged.TYPE,
                user, firm, Origin.system(), new ConnectionChanged(user, firm, ConnectionState.CONNECTED, mailbox,
                        Instant.now(), null)));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> RestAssured.given()
                .get("/sync/firms/" + firm + "/mailboxes/" + user).then().statusCode(200)
                .body("state", Matchers.equalTo("CONNECTED")));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> RestAssured.given()
                .get("/sync/firms/" + firm).then().statusCode(200).body("version", Matchers.equalTo(1)));
        return SimulatorTestResource.graphAs(mailbox);
    }

    private void send(String topic, String key, EventEnvelope<?> event) {
        TopicProbe.send(bootstrap, topic, key, EventCodec.toJson(event));
    }
}
