package io.docketsync.sync;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.graph.models.Event;
import com.microsoft.graph.models.SingleValueLegacyExtendedProperty;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.docketsync.contracts.ActivityChanged;
import io.docketsync.contracts.ActivityCommand;
import io.docketsync.contracts.ActivityKind;
import io.docketsync.contracts.ActivitySnapshot;
import io.docketsync.contracts.ConnectionChanged;
import io.docketsync.contracts.ConnectionState;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.GraphNotification;
import io.docketsync.contracts.JobKind;
import io.docketsync.contracts.JobProgress;
import io.docketsync.contracts.JobRequested;
import io.docketsync.contracts.Office365Settings;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.Permission;
import io.docketsync.contracts.Topics;
import io.docketsync.sync.graph.GraphCalendarClient;
import io.docketsync.testsupport.PlatformTestResource;
import io.docketsync.testsupport.TestPlatform;
import io.docketsync.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The safety valves (issue 18) against the simulator: a burst of Outlook deletions beyond the firm's threshold is
 * held (listed with its activities, shown on the connection, counted), then applied or rejected; a user who connects
 * another mailbox leaves the old one's events alone and gets future writes in the new one; connecting the old one
 * again relinks its events; Push my calendar links an event that carries our property instead of making it twice.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SimulatorTestResource.class, restrictToAnnotatedClass = false)
class SafetyValvesTest {
    private final WorkerMailbox box = new WorkerMailbox("valve");
    private final String firm = box.firm;
    private final String user = box.user;
    private final String mailbox = box.mailbox;
    private final String run = box.run;

    private RequestSpecification as(String who, String... roles) {
        return given().auth().none().auth().oauth2(TestPlatform.tokens().token(who, firm, List.of(roles)));
    }

    @Test
    void deletionsBeyondTheThresholdAreHeldUntilAnAdministratorAppliesOrRejectsThem() throws Exception {
        GraphServiceClient graph = box.connect(new Office365Settings(true, false, false, false, "", null, null, 2, 10),
                Permission.ANY, Permission.ANY);
        LocalDateTime start = LocalDateTime.now().plusDays(3).withHour(9).withMinute(0).withSecond(0).withNano(0);
        List<String> activities = new ArrayList<>();
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String id = "valve-" + i + "-" + run;
            activities.add(id);
            box.send(Topics.ACTIVITY_CHANGES, id, change(id, 1, "Held " + i + " " + run, start.plusHours(i), user));
        }
        for (String id : activities) {
            events.add(box.linkedEvent(id, 1));
        }
        // the user wipes the four events in Outlook; Graph notifies each deletion
        for (String eventId : events) {
            graph.users().byUserId(mailbox).events().byEventId(eventId).delete();
            notifyDeleted(eventId);
        }

        // the first two are applied (the threshold), the other two held
        var records = TopicProbe.readUntil(box.bootstrap, Topics.ACTIVITY_COMMANDS, Duration.ofSeconds(60),
                r -> deletes(r).size() >= 2);
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as("boss", "admin")
                .get("/office365/held-changes").then().statusCode(200).body("$", hasSize(2)));
        // (commands are keyed by activity: their order across partitions is not the deletions')
        assertEquals(List.of(activities.get(0), activities.get(1)), deletes(records).stream().sorted().toList());
        as("boss", "admin").get("/office365/held-changes").then().statusCode(200)
                .body("activity.id", equalTo(List.of(activities.get(2), activities.get(3))))
                .body("activity.subject", equalTo(List.of("Held 2 " + run, "Held 3 " + run)))
                .body("kind", equalTo(List.of("DELETE_ACTIVITY", "DELETE_ACTIVITY")))
                .body("state", equalTo(List.of("HELD", "HELD")))
                .body("userId", equalTo(List.of(user, user)));
        // the user sees their own; another user of the firm may not look at them; bad input is named
        as(user).get("/office365/held-changes").then().statusCode(200).body("$", hasSize(2));
        as("mallory").queryParam("user", user).get("/office365/held-changes").then().statusCode(403);
        as("mallory").get("/office365/held-changes").then().statusCode(200).body("$", hasSize(0));
        as("boss", "admin").queryParam("state", "MAYBE").get("/office365/held-changes").then().statusCode(400)
                .contentType("application/problem+json").body(containsString("state"));
        given().auth().none().get("/office365/held-changes").then().statusCode(401);
        // the connection shows the hold, and the metrics count it
        given().get("/sync/firms/" + firm + "/mailboxes/" + user).then().statusCode(200)
                .body("heldDeletions", equalTo(2)).body("holdSince", notNullValue());
        given().get("/q/metrics").then().statusCode(200).body(containsString("docketsync_sync_deletions_held_total"))
                .body(containsString("docketsync_sync_deletions_waiting"));

        // a later edit of a held activity in the app still syncs (to every Scheduled For calendar, the user's too)
        box.send(Topics.ACTIVITY_CHANGES, activities.get(2), change(activities.get(2), 2, "Held 2 " + run + " (moved)",
                start.plusHours(5), user));
        box.linkedEvent(activities.get(2), 2);

        List<String> ids = as("boss", "admin").get("/office365/held-changes").jsonPath().getList("id");
        // the user may not decide about an activity they did not create: here they did, so they may; a stranger not
        as("mallory").post("/office365/held-changes/" + ids.get(0) + "/apply").then().statusCode(403);
        as("boss", "admin").post("/office365/held-changes/nope/apply").then().statusCode(404);
        // applied: the activity's deletion is sent now
        as("boss", "admin").post("/office365/held-changes/" + ids.get(0) + "/apply").then().statusCode(200)
                .body("state", equalTo("APPLIED")).body("decidedBy", equalTo("boss"));
        TopicProbe.readUntil(box.bootstrap, Topics.ACTIVITY_COMMANDS, Duration.ofSeconds(60),
                r -> deletes(r).contains(activities.get(2)));
        // rejected by the user themself: the event is written back to their calendar
        as(user).post("/office365/held-changes/" + ids.get(1) + "/reject").then().statusCode(200)
                .body("state", equalTo("REJECTED"));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> graph.users().byUserId(mailbox).events().get()
                .getValue().stream().anyMatch(e -> ("Held 3 " + run).equals(e.getSubject())));
        // decided once: the same decision again answers it, the other one is a conflict
        as("boss", "admin").post("/office365/held-changes/" + ids.get(0) + "/apply").then().statusCode(200);
        as("boss", "admin").post("/office365/held-changes/" + ids.get(0) + "/reject").then().statusCode(409);
        as("boss", "admin").get("/office365/held-changes").then().statusCode(200).body("$", hasSize(0));
        as("boss", "admin").queryParam("state", "ALL").get("/office365/held-changes").then().statusCode(200)
                .body("state", equalTo(List.of("APPLIED", "REJECTED")));
        given().get("/sync/firms/" + firm + "/mailboxes/" + user).then().statusCode(200)
                .body("heldDeletions", equalTo(0));
        assertEquals(List.of(activities.get(0), activities.get(1), activities.get(2)), deletes(TopicProbe.readUntil(
                box.bootstrap, Topics.ACTIVITY_COMMANDS, Duration.ofSeconds(5), r -> false)).stream().sorted().toList(),
                "the rejected deletion was never applied");
    }

    @Test
    void anotherMailboxRetiresTheOldLinksAndTheOldMailboxComesBackRelinked() throws Exception {
        GraphServiceClient first = box.connect(Office365Settings.defaults(), Permission.ANY, Permission.ANY);
        LocalDateTime start = LocalDateTime.now().plusDays(4).withHour(10).withMinute(0).withSecond(0).withNano(0);
        String id = "moving-" + run;
        box.send(Topics.ACTIVITY_CHANGES, id, change(id, 1, "Moving " + run, start, user));
        String inFirst = box.linkedEvent(id, 1);

        // the user disconnects (nothing changes anywhere) and connects another mailbox holding an event of its own
        String other = "valveb" + run + "@halemarsh.test";
        SimulatorTestResource.admin("POST", "/_sim/users", "{\"userPrincipalName\":\"" + other
                + "\",\"displayName\":\"" + user + " (new)\"}");
        GraphServiceClient second = SimulatorTestResource.graphAs(other);
        Event own = new Event();
        own.setSubject("Already there " + run);
        own.setStart(WorkerMailbox.london(start.plusDays(1)));
        own.setEnd(WorkerMailbox.london(start.plusDays(1).plusHours(1)));
        second.users().byUserId(other).events().post(own);
        Instant t = Instant.now();
        connection(ConnectionState.DISCONNECTED, null, t);
        connection(ConnectionState.CONNECTED, other, t.plusSeconds(1));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .get("/sync/firms/" + firm + "/mailboxes/" + user).then().body("mailbox", equalTo(other)));

        // future changes go to the new mailbox; the old event is left as it was; nothing was deleted
        box.send(Topics.ACTIVITY_CHANGES, id, change(id, 2, "Moving " + run + " v2", start, user));
        String inSecond = box.linkedEvent(id, 2);
        assertTrue(!inSecond.equals(inFirst), "written to the new mailbox");
        assertEquals(List.of("Already there " + run, "Moving " + run + " v2"), subjects(second, other));
        assertEquals(List.of("Moving " + run), subjects(first, mailbox));

        // back to the first mailbox: its event is linked again and brought up to date, never made twice
        connection(ConnectionState.CONNECTED, mailbox, t.plusSeconds(2));
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(
                List.of("Moving " + run + " v2"), subjects(first, mailbox)));
        box.send(Topics.ACTIVITY_CHANGES, id, change(id, 3, "Moving " + run + " v3", start, user));
        assertEquals(inFirst, box.linkedEvent(id, 3), "the same event, relinked");
        assertEquals(List.of("Moving " + run + " v3"), subjects(first, mailbox));
        // the second mailbox keeps what it had
        assertEquals(List.of("Already there " + run, "Moving " + run + " v2"), subjects(second, other));
        var commands = TopicProbe.readUntil(box.bootstrap, Topics.ACTIVITY_COMMANDS, Duration.ofSeconds(3), r -> false);
        assertTrue(deletes(commands).stream().noneMatch(id::equals), "reconnecting deleted the activity");
    }

    @Test
    void pushMyCalendarLinksAnEventCarryingOurPropertyInsteadOfMakingItTwice() throws Exception {
        box.connect(Office365Settings.defaults(), Permission.ANY, Permission.ANY);
        LocalDateTime start = LocalDateTime.now().plusDays(6).withHour(11).withMinute(0).withSecond(0).withNano(0);
        String id = "stamped-" + run;
        box.send(Topics.ACTIVITY_CHANGES, id, change(id, 1, "Stamped " + run, start, user));
        box.linkedEvent(id, 1);

        // a mailbox the user used long ago (the worker holds no link to it) still has our event of that activity
        String old = "valvec" + run + "@halemarsh.test";
        SimulatorTestResource.admin("POST", "/_sim/users", "{\"userPrincipalName\":\"" + old
                + "\",\"displayName\":\"" + user + " (old)\"}");
        GraphServiceClient graph = SimulatorTestResource.graphAs(old);
        Event earlier = new Event();
        earlier.setSubject("Stamped " + run + " (as it was)");
        earlier.setStart(WorkerMailbox.london(start));
        earlier.setEnd(WorkerMailbox.london(start.plusHours(1)));
        SingleValueLegacyExtendedProperty property = new SingleValueLegacyExtendedProperty();
        property.setId(GraphCalendarClient.ACTIVITY_PROPERTY_ID);
        property.setValue(id + ":0");
        earlier.setSingleValueExtendedProperties(List.of(property));
        String there = graph.users().byUserId(old).events().post(earlier,
                rc -> rc.headers.add("Prefer", WorkerMailbox.IMMUTABLE)).getId();

        // the user connects that mailbox; Push my calendar fills it: the event there is linked and brought up to date
        connection(ConnectionState.CONNECTED, old, Instant.now());
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .get("/sync/firms/" + firm + "/mailboxes/" + user).then().body("mailbox", equalTo(old)));
        String jobId = "job-" + UUID.randomUUID();
        box.send(Topics.SYNC_JOBS, user, EventEnvelope.of("/test", JobRequested.TYPE, jobId, firm, Origin.app(user),
                new JobRequested(jobId, JobKind.PUSH_MY_CALENDAR, user, firm, null, null, null)));
        TopicProbe.readUntil(box.bootstrap, Topics.SYNC_STATUS, Duration.ofSeconds(120), r -> r.stream()
                .filter(x -> jobId.equals(x.key())).map(x -> EventCodec.fromJson(x.value(), JobProgress.class).data)
                .anyMatch(p -> p.state() == JobProgress.State.COMPLETED));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(
                List.of("Stamped " + run), subjects(graph, old)));
        assertEquals(there, graph.users().byUserId(old).events().get(rc -> rc.headers.add("Prefer",
                WorkerMailbox.IMMUTABLE)).getValue().get(0).getId(), "the event already there, not a new one");
    }

    /** DELETE commands of the user, in order, by activity. */
    private List<String> deletes(List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> EventCodec.fromJson(r.value(), ActivityCommand.class).data)
                .filter(c -> c.type() == ActivityCommand.Type.DELETE && user.equals(c.userId())
                        && c.activityId() != null && c.activityId().endsWith(run))
                .map(ActivityCommand::activityId).distinct().toList();
    }

    private static List<String> subjects(GraphServiceClient graph, String upn) {
        return graph.users().byUserId(upn).events().get().getValue().stream().map(Event::getSubject).sorted().toList();
    }

    private void notifyDeleted(String eventId) {
        box.send(Topics.GRAPH_NOTIFICATIONS, user, EventEnvelope.of("/test", GraphNotification.TYPE, user, firm,
                Origin.system(), new GraphNotification(GraphNotification.Kind.CHANGE, user, firm, mailbox, null,
                        "deleted", null, null, eventId, null, Instant.now())));
    }

    private void connection(ConnectionState state, String address, Instant since) {
        box.send(Topics.CONNECTIONS, user, EventEnvelope.of("/test", ConnectionChanged.TYPE, user, firm,
                Origin.system(), new ConnectionChanged(user, firm, state, address, since, null)));
    }

    private EventEnvelope<ActivityChanged> change(String id, long version, String subject, LocalDateTime start,
            String who) {
        var activity = new ActivitySnapshot(id, firm, ActivityKind.APPOINTMENT, subject, null, null, start,
                start.plusHours(1), false, null, null, "Europe/London", List.of(who), null, who, true, version,
                Instant.now());
        return EventEnvelope.of("/test", ActivityChanged.TYPE, id, firm, Origin.app(who), new ActivityChanged(
                version == 1 ? ActivityChanged.ChangeType.CREATED : ActivityChanged.ChangeType.UPDATED, activity,
                List.of()));
    }
}
