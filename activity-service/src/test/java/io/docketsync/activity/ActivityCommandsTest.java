package io.docketsync.activity;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docketsync.contracts.ActivityChanged;
import io.docketsync.contracts.ActivityCommand;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.Topics;
import io.docketsync.testsupport.PlatformTestResource;
import io.docketsync.testsupport.TestPlatform;
import io.docketsync.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Changes that came from Office 365, as the sync-worker sends them on activity.commands.v1. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class ActivityCommandsTest {
    private static final LocalDateTime TEN = LocalDateTime.parse("2026-12-01T10:00");
    private TestFirm firm;

    @BeforeEach
    void newFirm() {
        firm = TestFirm.seeded();
    }

    @Test
    void anEditInOfficeIsAppliedOnceAndPublishedAsComingFromTheMailbox() {
        String id = firm.create("alice", TestFirm.appointment("alice", "bob"));
        ActivityCommand edit = update(id, "bob", "Moved in Outlook", Instant.now().plusSeconds(5));
        send(edit);
        send(edit); // redelivered: must not be applied twice
        send(update(id, "bob", "Moved again", Instant.now().plusSeconds(6)));
        awaitSubject(id, "Moved again");
        firm.as("alice").when().get("/activities/" + id).then()
                .body("version", equalTo(2)).body("start", equalTo("2026-12-01T10:00:00"));
        firm.as("alice").when().get("/activities/" + id + "/history").then()
                .body("action", contains("created", "UPDATE_FIELDS", "UPDATE_FIELDS"))
                .body("source", contains("APP", "OFFICE365", "OFFICE365"))
                .body("mailbox", contains(null, "bob@halemarsh.test", "bob@halemarsh.test"));

        var event = EventCodec.fromJson(ActivityResourceTest.recordsOf(id, 2).get(1), ActivityChanged.class);
        assertEquals(Origin.office365("bob", "bob@halemarsh.test", "ck-Moved in Outlook"), event.origin());
        assertEquals("Moved in Outlook", event.data.activity().subject());
    }

    @Test
    void anOfficeEditOlderThanTheLastAppChangeIsOverwrittenAndRecorded() {
        String id = firm.create("alice", TestFirm.appointment("alice", "bob"));
        send(update(id, "bob", "Stale Outlook edit", Instant.now().minusSeconds(60)));
        send(remove(id, "carol")); // marker: commands on one activity are applied in order
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> firm.as("alice")
                .get("/activities/" + id + "/history").then()
                .body("action", contains("created", "UPDATE_FIELDS", "REMOVE_SCHEDULED_USER"))
                .body("outcome", contains("APPLIED", "OVERWRITTEN", "IGNORED")));
        firm.as("alice").when().get("/activities/" + id).then().body("subject", equalTo("Deposition"))
                .body("version", equalTo(0));
    }

    @Test
    void scheduledUsersAreRemovedAddedAndTheirResponsesKept() {
        String id = firm.create("alice", TestFirm.appointment("alice", "bob"));
        send(remove(id, "bob"));
        send(command(ActivityCommand.Type.ADD_SCHEDULED_USER, id, null, "carol", null, null));
        send(command(ActivityCommand.Type.SET_RESPONSE_STATUS, id, null, "carol", null, "tentativelyAccepted"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> firm.as("alice").get("/activities/" + id)
                .then().body("scheduledFor.userId", contains("alice", "carol"))
                .body("scheduledFor.responseStatus", contains("NONE", "TENTATIVE"))
                .body("version", equalTo(3)));
    }

    @Test
    void aDeletionInOfficeDeletesTheActivity() {
        String id = firm.create("alice", TestFirm.appointment("alice", "bob"));
        send(command(ActivityCommand.Type.DELETE, id, null, "alice", null, null));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> firm.as("alice").get("/activities/" + id)
                .then().statusCode(404));
        var deleted = EventCodec.fromJson(ActivityResourceTest.recordsOf(id, 2).get(1), ActivityChanged.class);
        assertEquals(ActivityChanged.ChangeType.DELETED, deleted.data.changeType());
        assertEquals(Origin.Kind.OFFICE365, deleted.origin().kind());
    }

    @Test
    void newEventsFromOfficeBecomeActivitiesForTheirUserOnce() {
        String fromOffice = UUID.randomUUID().toString();
        String forUser = UUID.randomUUID().toString();
        ActivityCommand create = command(ActivityCommand.Type.CREATE_FROM_OFFICE, null, fromOffice, "carol",
                fields("Client call"), null);
        send(create);
        send(create);
        send(command(ActivityCommand.Type.CREATE_FOR_USER, null, forUser, "bob", fields("Bob's version"), null));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> firm.as("bob").get("/activities/" + forUser)
                .then().statusCode(200).body("scheduledFor.userId", contains("bob")).body("createdBy", equalTo("bob")));
        firm.as("carol").when().get("/activities/" + fromOffice).then().statusCode(200)
                .body("subject", equalTo("Client call")).body("kind", equalTo("APPOINTMENT"))
                .body("scheduledFor.userId", contains("carol")).body("pushToOffice365", equalTo(true))
                .body("version", equalTo(0));
        var created = EventCodec.fromJson(ActivityResourceTest.recordsOf(fromOffice, 1).get(0), ActivityChanged.class);
        assertEquals(ActivityChanged.ChangeType.CREATED, created.data.changeType());
        assertEquals(Origin.office365("carol", "carol@halemarsh.test", "ck-Client call"), created.origin());
        firm.as("carol").when().get("/activities/" + fromOffice + "/history").then().body("action",
                contains("CREATE_FROM_OFFICE"));
    }

    @Test
    void theOnlyScheduledUserLeavingInOutlookLeavesAnUnscheduledActivityItsCreatorSeesAndEdits() {
        // carol (NONE) was its only Scheduled For user and edited or deleted it in Outlook
        String id = firm.create("alice", TestFirm.appointment("carol"));
        send(remove(id, "carol"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> firm.as("alice").get("/activities/" + id)
                .then().statusCode(200).body("scheduledFor", equalTo(List.of())));
        // listed for its creator (it is in nobody's calendar), not for carol
        firm.as("alice").get("/activities").then().statusCode(200).body("items.id", hasItem(id));
        firm.as("carol").get("/activities").then().statusCode(200).body("items.id", not(hasItem(id)));
        // and as editable through the API as any: it can be scheduled again, or stay unscheduled
        firm.as("alice").contentType("application/merge-patch+json").body("{\"subject\":\"Still unscheduled\"}")
                .patch("/activities/" + id).then().statusCode(200).body("subject", equalTo("Still unscheduled"));
        firm.as("alice").contentType("application/merge-patch+json").body("{\"scheduledFor\":[\"bob\"]}")
                .patch("/activities/" + id).then().statusCode(200).body("scheduledFor.userId", contains("bob"));
        // an activity may be created unscheduled too: the API and the sync agree
        firm.as("alice").body(TestFirm.appointment()).post("/activities").then().statusCode(201)
                .body("scheduledFor", equalTo(List.of()));
    }

    @Test
    void aCommandNamingAnotherFirmsActivityChangesNothing() {
        String id = firm.create("alice", TestFirm.appointment("alice", "bob"));
        TestFirm other = new TestFirm();
        other.send(Topics.ACTIVITY_COMMANDS, id, ActivityCommand.TYPE, Origin.office365("bob", "bob@elsewhere.test", null),
                command(ActivityCommand.Type.DELETE, id, null, "bob", null, null));
        send(remove(id, "carol")); // marker, after the other firm's command on the same key
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> firm.as("alice")
                .get("/activities/" + id + "/history").then().body("action", contains("created", "REMOVE_SCHEDULED_USER")));
        firm.as("alice").when().get("/activities/" + id).then().statusCode(200).body("version", equalTo(0));
    }

    @Test
    void anUnreadableCommandGoesToTheDeadLetterTopicInsteadOfBeingDropped() {
        String key = UUID.randomUUID().toString();
        TopicProbe.send(TestPlatform.kafka().bootstrapServers(), Topics.ACTIVITY_COMMANDS, key, "{\"type\": not json");
        var dead = TopicProbe.readUntil(TestPlatform.kafka().bootstrapServers(), Topics.dlq(Topics.ACTIVITY_COMMANDS),
                Duration.ofSeconds(30), r -> r.stream().anyMatch(x -> key.equals(x.key())));
        var record = dead.stream().filter(x -> key.equals(x.key())).findFirst().orElseThrow();
        var reason = record.headers().lastHeader("dead-letter-reason");
        org.junit.jupiter.api.Assertions.assertNotNull(reason, "the DLQ record says why");
        org.hamcrest.MatcherAssert.assertThat(new String(reason.value(), java.nio.charset.StandardCharsets.UTF_8),
                org.hamcrest.Matchers.containsString("not a ActivityCommand event"));
    }

    private void awaitSubject(String id, String subject) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> firm.as("alice").get("/activities/" + id)
                .then().body("subject", equalTo(subject)));
    }

    private void send(ActivityCommand c) {
        String key = c.activityId() != null ? c.activityId() : c.newActivityId();
        firm.send(Topics.ACTIVITY_COMMANDS, key, ActivityCommand.TYPE, Origin.office365(c.userId(),
                c.userId() + "@halemarsh.test", null), c);
    }

    private static ActivityCommand update(String id, String user, String subject, Instant modifiedAt) {
        return new ActivityCommand(UUID.randomUUID().toString(), ActivityCommand.Type.UPDATE_FIELDS, id, null, user,
                fields(subject), null, link(user, subject), modifiedAt);
    }

    private static ActivityCommand remove(String id, String user) {
        return command(ActivityCommand.Type.REMOVE_SCHEDULED_USER, id, null, user, null, null);
    }

    private static ActivityCommand command(ActivityCommand.Type type, String id, String newId, String user,
            ActivityCommand.Fields fields, String response) {
        return new ActivityCommand(UUID.randomUUID().toString(), type, id, newId, user, fields, response,
                link(user, fields == null ? "x" : fields.subject()), Instant.now());
    }

    private static ActivityCommand.Fields fields(String subject) {
        return new ActivityCommand.Fields(subject, "from Outlook", "Teams", TEN, TEN.plusHours(1), false, "Europe/London");
    }

    private static ActivityCommand.GraphLink link(String user, String subject) {
        return new ActivityCommand.GraphLink(user + "@halemarsh.test", "evt-" + user, "ical-1", "ck-" + subject);
    }
}
