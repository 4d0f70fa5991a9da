package io.docketsync.activity;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docketsync.contracts.ActivityChanged;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.Office365Settings;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.Topics;
import io.docketsync.testsupport.PlatformTestResource;
import io.docketsync.testsupport.TestPlatform;
import io.docketsync.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class ActivityResourceTest {
    private TestFirm firm;

    @BeforeEach
    void newFirm() {
        firm = TestFirm.seeded();
    }

    @Test
    void aCreatedAppointmentIsReadBackWithItsScheduledUsersAndPublishedWithTheActingUser() {
        var created = firm.as("alice").body(TestFirm.appointment("alice", "bob")).when().post("/activities")
                .then().statusCode(201).header("ETag", equalTo("\"0\""))
                .header("Location", containsString("/activities/"))
                .body("pushToOffice365", equalTo(true))
                .body("createdBy", equalTo("alice"))
                .body("organizerId", nullValue())
                .body("canEdit", equalTo(true))
                .extract();
        String id = created.path("id");

        firm.as("bob").when().get("/activities/" + id)
                .then().statusCode(200).header("ETag", equalTo("\"0\""))
                .body("subject", equalTo("Deposition"))
                .body("timeZone", equalTo("Europe/London"))
                .body("start", equalTo("2026-12-01T09:00:00"))
                .body("scheduledFor.userId", contains("alice", "bob"))
                .body("scheduledFor.displayName", contains("Alice Hale", "Bob Marsh"))
                .body("scheduledFor.connected", contains(false, false))
                .body("scheduledFor.responseStatus", contains("NONE", "NONE"))
                .body("scheduledFor.syncStatus", contains(nullValue(), nullValue()))
                .body("canEdit", equalTo(false)).body("canDelete", equalTo(false));

        var event = EventCodec.fromJson(recordsOf(id, 1).get(0), ActivityChanged.class);
        assertEquals(ActivityChanged.ChangeType.CREATED, event.data.changeType());
        assertEquals(Origin.app("alice"), event.origin());
        assertEquals(firm.id, event.firmId);
        assertEquals("Room 4", event.data.activity().location());
        assertEquals(List.of("alice", "bob"), event.data.activity().scheduledFor());
    }

    @Test
    void tasksFollowTheFirmsPushDefaultAndTheUserMayOverrideIt() {
        firm.as("bob").body(TestFirm.task("2026-12-03", "bob")).when().post("/activities")
                .then().statusCode(201).body("pushToOffice365", equalTo(false)).body("dueDate", equalTo("2026-12-03"));
        firm.as("bob").body(TestFirm.task("2026-12-03", "bob").replace("}", ",\"pushToOffice365\":true}"))
                .when().post("/activities").then().statusCode(201).body("pushToOffice365", equalTo(true));

        firm.settings(new Office365Settings(false, true, false, false, ""), 2);
        firm.as("bob").body(TestFirm.task("2026-12-03", "bob")).when().post("/activities")
                .then().statusCode(201).body("pushToOffice365", equalTo(true));
        firm.as("bob").body(TestFirm.appointment("bob")).when().post("/activities")
                .then().statusCode(201).body("pushToOffice365", equalTo(false));
    }

    @Test
    void anotherFirmsActivityDoesNotExistForTheCaller() {
        String id = firm.create("alice", TestFirm.appointment("alice"));
        TestFirm other = TestFirm.seeded();
        other.as("alice").when().get("/activities/" + id).then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        other.as("alice").body(TestFirm.appointment("alice")).when().put("/activities/" + id).then().statusCode(404);
        other.as("alice").body("{\"subject\":\"x\"}").when().patch("/activities/" + id).then().statusCode(404);
        other.as("alice").when().delete("/activities/" + id).then().statusCode(404);
        other.as("alice").when().get("/activities/" + id + "/history").then().statusCode(404);
        other.as("alice").queryParam("user", "alice").when().get("/activities").then().statusCode(200)
                .body("total", equalTo(0));
        firm.as("alice").when().get("/activities/" + id).then().statusCode(200);
        firm.as("alice").when().get("/activities/" + java.util.UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aReplacementNeedsTheCurrentVersionWhenIfMatchIsGiven() {
        String id = firm.create("alice", TestFirm.appointment("alice", "bob"));
        String moved = TestFirm.appointmentAt("Moved", "2026-12-02T09:00:00", "2026-12-02T10:00:00", "alice", "carol");
        firm.as("alice").header("If-Match", "\"0\"").body(moved).when().put("/activities/" + id)
                .then().statusCode(200).header("ETag", equalTo("\"1\""))
                .body("subject", equalTo("Moved")).body("scheduledFor.userId", contains("alice", "carol"))
                .body("pushToOffice365", equalTo(true)).body("version", equalTo(1));
        firm.as("alice").header("If-Match", "\"0\"").body(moved).when().put("/activities/" + id)
                .then().statusCode(412).contentType("application/problem+json")
                .body("detail", containsString("version 1"));

        var changed = EventCodec.fromJson(recordsOf(id, 2).get(1), ActivityChanged.class);
        assertEquals(ActivityChanged.ChangeType.UPDATED, changed.data.changeType());
        assertEquals(List.of("alice", "bob"), changed.data.previousScheduledFor());
        assertEquals(1, changed.data.activity().version());
    }

    @Test
    void aMergePatchChangesOnlyWhatItNamesAndNullRemoves() {
        String id = firm.create("bob", TestFirm.appointment("bob"));
        firm.as("bob").contentType("application/merge-patch+json").header("If-Match", "W/\"0\"")
                .body("{\"location\":\"Court 2\",\"body\":null,\"pushToOffice365\":false}")
                .when().patch("/activities/" + id)
                .then().statusCode(200).header("ETag", equalTo("\"1\""))
                .body("location", equalTo("Court 2")).body("body", nullValue())
                .body("subject", equalTo("Deposition")).body("pushToOffice365", equalTo(false));
        firm.as("bob").contentType("application/merge-patch+json").header("If-Match", "\"0\"")
                .body("{\"location\":\"Court 3\"}").when().patch("/activities/" + id).then().statusCode(412);
        firm.as("bob").body("{\"end\":null}").when().patch("/activities/" + id)
                .then().statusCode(400).body("errors.field", hasItems("end"));
        firm.as("bob").body("{\"location\": ").when().patch("/activities/" + id)
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", startsWith("malformed JSON"));
        firm.as("bob").body("{\"kind\":\"MEETING\"}").when().patch("/activities/" + id)
                .then().statusCode(400).body("errors[0].field", equalTo("kind"))
                .body("errors[0].message", containsString("APPOINTMENT, TASK"));
    }

    @Test
    void aDeletedActivityIsGoneAndItsDeletionPublishedAfterItsChangesInOrder() {
        String id = firm.create("alice", TestFirm.appointment("alice"));
        firm.as("alice").body("{\"subject\":\"Renamed\"}").when().patch("/activities/" + id).then().statusCode(200);
        firm.as("alice").header("If-Match", "\"0\"").when().delete("/activities/" + id).then().statusCode(412);
        firm.as("alice").header("If-Match", "\"1\"").when().delete("/activities/" + id).then().statusCode(204);
        firm.as("alice").when().get("/activities/" + id).then().statusCode(404);
        firm.as("alice").when().delete("/activities/" + id).then().statusCode(404);

        var events = recordsOf(id, 3).stream().map(v -> EventCodec.fromJson(v, ActivityChanged.class).data).toList();
        assertEquals(List.of(ActivityChanged.ChangeType.CREATED, ActivityChanged.ChangeType.UPDATED,
                ActivityChanged.ChangeType.DELETED), events.stream().map(ActivityChanged::changeType).toList());
        assertEquals(List.of(0L, 1L, 2L), events.stream().map(e -> e.activity().version()).toList());

        firm.as("alice").when().get("/activities/" + id + "/history").then().statusCode(200)
                .body("action", contains("created", "patched", "deleted"))
                .body("source", contains("APP", "APP", "APP"))
                .body("outcome", contains("APPLIED", "APPLIED", "APPLIED"));
    }

    @Test
    void badTimesAreA400ProblemNamingTheFields() {
        firm.as("alice").body(TestFirm.appointment("alice").replace("2026-12-01T10:30:00", "2026-12-01T08:00:00")
                        .replace("Europe/London", "Mars/Base"))
                .when().post("/activities")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("errors.field", hasItems("end", "timeZone"));
    }

    @Test
    void emptyAndOversizeFieldsAreNamed() {
        firm.as("alice").body(TestFirm.appointment("alice").replace("Deposition", " ")).when().post("/activities")
                .then().statusCode(400).body("errors.field", contains("subject"));
        firm.as("alice").body(TestFirm.appointment("alice").replace("Deposition", "x".repeat(256)))
                .when().post("/activities")
                .then().statusCode(400).body("errors.field", contains("subject"))
                .body("errors[0].message", containsString("at most 255"));
        firm.as("alice").body(TestFirm.appointment("alice").replace("Bring the file", "b".repeat(32_001)))
                .when().post("/activities").then().statusCode(400).body("errors.field", contains("body"));
        // Scheduled For is required ([] is an unscheduled activity: see ActivityCommandsTest)
        firm.as("alice").body(TestFirm.appointment().replace(",\"scheduledFor\":[]", "")).when().post("/activities")
                .then().statusCode(400).body("errors.field", contains("scheduledFor"));
    }

    @Test
    void malformedJsonWrongTypesAndUnknownFieldsAre400sNeverA500() {
        firm.as("alice").body("{\"kind\":\"APPOINTMENT\",").when().post("/activities")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", startsWith("malformed JSON"));
        firm.as("alice").body(TestFirm.appointment("alice").replace("APPOINTMENT", "MEETING")).when().post("/activities")
                .then().statusCode(400).body("errors[0].field", equalTo("kind"))
                .body("errors[0].message", equalTo("'MEETING' is not one of APPOINTMENT, TASK"));
        firm.as("alice").body(TestFirm.appointment("alice").replace("\"2026-12-01T09:00:00\"", "\"tomorrow\""))
                .when().post("/activities")
                .then().statusCode(400).body("errors[0].field", equalTo("start"))
                .body("errors[0].message", containsString("date-time"));
        firm.as("alice").body(TestFirm.appointment("alice").replace("}", ",\"allDay\":\"yes\"}")).when().post("/activities")
                .then().statusCode(400).body("errors[0].field", equalTo("allDay"));
        firm.as("alice").body(TestFirm.appointment("alice").replace("[\"alice\"]", "\"alice\"")).when().post("/activities")
                .then().statusCode(400).body("errors[0].field", equalTo("scheduledFor"));
        firm.as("alice").body(TestFirm.appointment("alice").replace("}", ",\"colour\":\"red\"}")).when().post("/activities")
                .then().statusCode(400).body("errors[0].field", equalTo("colour"))
                .body("errors[0].message", equalTo("unknown field 'colour'"));
        firm.as("alice").body("").when().post("/activities").then().statusCode(400);
        firm.as("alice").body("[1,2]").when().post("/activities").then().statusCode(400);
        firm.as("alice").contentType(ContentType.TEXT).body("hello").when().post("/activities")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void unknownUsersAre422NamingThem() {
        firm.as("alice").body(TestFirm.appointment("alice", "zed", "bob", "yan")).when().post("/activities")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", contains("scheduledFor[1]", "scheduledFor[3]"))
                .body("detail", containsString("'zed' is not a user of this firm"))
                .body("detail", containsString("'yan'"));
        String id = firm.create("alice", TestFirm.appointment("alice"));
        firm.as("alice").body("{\"organizerId\":\"olga\"}").when().patch("/activities/" + id)
                .then().statusCode(422).body("errors.field", contains("organizerId"));
        firm.as("alice").body("{\"scheduledFor\":[\"alice\",\"erin\"]}").when().patch("/activities/" + id)
                .then().statusCode(422).body("errors[0].field", equalTo("scheduledFor[1]"))
                .body("errors[0].message", equalTo("'erin' is deactivated in this firm"));
    }

    @Test
    void aUsersActivitiesAreListedByDateRangeAndPage() {
        firm.create("alice", TestFirm.appointmentAt("Day 1", "2026-11-30T23:00:00", "2026-12-01T01:00:00", "carol"));
        firm.create("alice", TestFirm.appointmentAt("Day 2", "2026-12-02T09:00:00", "2026-12-02T10:00:00", "carol", "bob"));
        firm.create("alice", TestFirm.task("2026-12-03", "carol"));
        firm.create("alice", TestFirm.appointmentAt("Day 9", "2026-12-09T09:00:00", "2026-12-09T10:00:00", "carol"));
        firm.create("alice", TestFirm.appointmentAt("Bob only", "2026-12-02T11:00:00", "2026-12-02T12:00:00", "bob"));
        String deleted = firm.create("alice", TestFirm.appointmentAt("Gone", "2026-12-02T13:00:00", "2026-12-02T14:00:00", "carol"));
        firm.as("alice").when().delete("/activities/" + deleted).then().statusCode(204);

        firm.as("alice").queryParam("user", "carol").queryParam("from", "2026-12-01").queryParam("to", "2026-12-03")
                .queryParam("size", 2).when().get("/activities")
                .then().statusCode(200).body("total", equalTo(3)).body("page", equalTo(0)).body("size", equalTo(2))
                .body("items.subject", contains("Day 1", "Day 2"));
        firm.as("alice").queryParam("user", "carol").queryParam("from", "2026-12-01").queryParam("to", "2026-12-03")
                .queryParam("size", 2).queryParam("page", 1).when().get("/activities")
                .then().statusCode(200).body("items.subject", contains("File brief"));
        firm.as("carol").when().get("/activities").then().statusCode(200).body("total", equalTo(4));
        firm.as("bob").queryParam("from", "2026-12-02").queryParam("to", "2026-12-02").when().get("/activities")
                .then().statusCode(200).body("items.subject", contains("Day 2", "Bob only"));
        firm.as("alice").queryParam("user", "carol").queryParam("from", "2026-12-04").when().get("/activities")
                .then().statusCode(200).body("items.subject", contains("Day 9"));
    }

    @Test
    void badListParametersAreNamed() {
        firm.as("alice").queryParam("from", "yesterday").queryParam("to", "2026-13-01").queryParam("page", "-1")
                .queryParam("size", "1000").queryParam("user", "a b").when().get("/activities")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("user", "from", "to", "page", "size"));
        firm.as("alice").queryParam("from", "2026-12-02").queryParam("to", "2026-12-01").when().get("/activities")
                .then().statusCode(400).body("errors.field", contains("to"));
        firm.as("alice").queryParam("size", "ten").when().get("/activities")
                .then().statusCode(400).body("errors[0].message", containsString("whole number"));
    }

    @Test
    void withoutATokenTheApiAnswers401() {
        io.restassured.RestAssured.given().contentType(ContentType.JSON).body(TestFirm.appointment("alice"))
                .when().post("/activities").then().statusCode(401);
        io.restassured.RestAssured.given().when().get("/activities").then().statusCode(401);
    }

    @Test
    void theOpenApiDocumentDescribesEveryOperation() {
        io.restassured.RestAssured.given().accept(ContentType.JSON).when().get("/q/openapi").then().statusCode(200)
                .body("paths.'/activities'.post.summary", equalTo("Create an activity"))
                .body("paths.'/activities/{id}'.keySet()", hasItems("get", "put", "patch", "delete"))
                .body("paths.'/activities/{id}/history'.get.summary", containsString("history"))
                .body("paths.'/office365/push-jobs'.post.responses.'202'.description", equalTo("Accepted"))
                .body("paths.'/office365/import-jobs/{id}'.get.summary", containsString("import"))
                .body("components.schemas.Problem.properties.keySet()", hasItems("type", "title", "status", "detail", "errors"));
    }

    /** The values of the first {@code n} records of the activity on activity.changes.v1, in topic order (the test
     * may look at a prefix of what was published). */
    static List<String> recordsOf(String id, int n) {
        var records = TopicProbe.readUntil(TestPlatform.kafka().bootstrapServers(), Topics.ACTIVITY_CHANGES,
                Duration.ofSeconds(30), r -> r.stream().filter(x -> id.equals(x.key())).count() >= n);
        List<String> values = records.stream().filter(x -> id.equals(x.key())).map(x -> x.value()).toList();
        org.hamcrest.MatcherAssert.assertThat(values.size(), org.hamcrest.Matchers.greaterThanOrEqualTo(n));
        return values.subList(0, n);
    }
}
