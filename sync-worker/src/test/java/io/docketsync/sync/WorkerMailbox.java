package io.docketsync.sync;

import com.microsoft.graph.models.DateTimeTimeZone;
import com.microsoft.graph.serviceclient.GraphServiceClient;
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
import io.docketsync.contracts.SyncStatusChanged;
import io.docketsync.contracts.Topics;
import io.docketsync.testsupport.TestPlatform;
import io.docketsync.testsupport.TopicProbe;
import io.restassured.RestAssured;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.hamcrest.Matchers;

/**
 * One firm with one user and their mailbox in the simulator, as the worker's Kafka-level tests drive it: settings
 * and the connection published as the other services would, delta rounds asked for, LINKED statuses awaited.
 */
final class WorkerMailbox {
    /** What the worker asks Graph for everywhere: ids that survive a move. */
    static final String IMMUTABLE = "IdType=\"ImmutableId\"";

    final String bootstrap = TestPlatform.kafka().bootstrapServers();
    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String firm;
    final String user;
    final String mailbox;

    WorkerMailbox(String prefix) {
        firm = prefix + "-" + run;
        user = prefix + "-" + run;
        mailbox = prefix + run + "@halemarsh.test";
    }

    void send(String topic, String key, EventEnvelope<?> event) {
        TopicProbe.send(bootstrap, topic, key, EventCodec.toJson(event));
    }

    /** The mailbox made, the firm's settings (version 1) and the user's connection published; a Graph client as the user. */
    GraphServiceClient connect(Office365Settings settings, Permission edit, Permission delete) throws Exception {
        SimulatorTestResource.admin("POST", "/_sim/users", "{\"userPrincipalName\":\"" + mailbox
                + "\",\"displayName\":\"" + user + "\"}");
        settings(settings, edit, delete, 1);
        send(Topics.CONNECTIONS, user, EventEnvelope.of("/test", ConnectionChanged.TYPE, user, firm, Origin.system(),
                new ConnectionChanged(user, firm, ConnectionState.CONNECTED, mailbox, Instant.now(), null)));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> RestAssured.given()
                .get("/sync/firms/" + firm + "/mailboxes/" + user).then().statusCode(200)
                .body("state", Matchers.equalTo("CONNECTED")));
        return SimulatorTestResource.graphAs(mailbox);
    }

    void settings(Office365Settings settings, Permission edit, Permission delete, long version) {
        send(Topics.SETTINGS_CHANGES, firm, EventEnvelope.of("/test", SettingsChanged.TYPE, firm, firm, Origin.system(),
                new SettingsChanged(firm, settings, List.of(new FirmUser(user, user, mailbox, false, edit, delete, true)),
                        version)));
    }

    /** One repair round, done when the worker reports a delta round newer than before. */
    void repair() {
        var before = RestAssured.given().get("/sync/firms/" + firm + "/mailboxes/" + user + "/delta");
        String previous = before.statusCode() == 200 ? before.jsonPath().getString("lastRepairAt") : "";
        send(Topics.GRAPH_NOTIFICATIONS, user, EventEnvelope.of("/test", GraphNotification.TYPE, user, firm,
                Origin.system(), new GraphNotification(GraphNotification.Kind.DELTA_REPAIR, user, firm, mailbox, null,
                        null, "missed", null, null, null, Instant.now())));
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> RestAssured.given()
                .get("/sync/firms/" + firm + "/mailboxes/" + user + "/delta").then().statusCode(200)
                .body("lastRepairAt", Matchers.not(Matchers.equalTo(previous))));
    }

    /** The event the worker reports the activity's version LINKED to. */
    String linkedEvent(String activityId, long version) {
        var records = TopicProbe.readUntil(bootstrap, Topics.SYNC_STATUS, Duration.ofSeconds(60), r -> r.stream()
                .anyMatch(x -> activityId.equals(x.key()) && x.value().contains("\"LINKED\"")
                        && EventCodec.fromJson(x.value(), SyncStatusChanged.class).data.activityVersion() == version));
        return records.stream().filter(x -> activityId.equals(x.key()) && x.value().contains("\"LINKED\""))
                .map(x -> EventCodec.fromJson(x.value(), SyncStatusChanged.class).data)
                .filter(st -> st.activityVersion() == version).findFirst()
                .orElseThrow(() -> new AssertionError("version " + version + " of " + activityId + " never LINKED"))
                .eventId();
    }

    /** A wall-clock time in London, as Graph takes it. */
    static DateTimeTimeZone london(LocalDateTime t) {
        DateTimeTimeZone z = new DateTimeTimeZone();
        z.setDateTime(t.toString());
        z.setTimeZone("Europe/London");
        return z;
    }
}
