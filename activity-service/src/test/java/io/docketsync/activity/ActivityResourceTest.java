package io.docketsync.activity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docketsync.contracts.ActivityChanged;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.Office365Settings;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.SettingsChanged;
import io.docketsync.contracts.Topics;
import io.docketsync.testsupport.PlatformTestResource;
import io.docketsync.testsupport.TestPlatform;
import io.docketsync.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class ActivityResourceTest {
    private final String firm = "firm-" + UUID.randomUUID().toString().substring(0, 8);

    private String token(String user) {
        return TestPlatform.tokens().token(user, firm, List.of());
    }

    private static final String APPOINTMENT = "{\"kind\":\"APPOINTMENT\",\"subject\":\"Deposition\",\"location\":\"Room 4\","
            + "\"start\":\"2026-12-01T09:00:00\",\"end\":\"2026-12-01T10:30:00\",\"timeZone\":\"Europe/London\","
            + "\"scheduledFor\":[\"alice\",\"bob\"]}";

    @Test
    void aCreatedAppointmentIsReadBackAndPublishedWithTheActingUser() {
        String id = given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(APPOINTMENT)
                .when().post("/activities")
                .then().statusCode(201).header("ETag", containsString("0"))
                .body("pushToOffice365", equalTo(true))
                .body("createdBy", equalTo("alice"))
                .extract().path("id");

        given().auth().oauth2(token("bob")).when().get("/activities/" + id)
                .then().statusCode(200).body("subject", equalTo("Deposition"))
                .body("scheduledFor", hasItems("alice", "bob")).body("timeZone", equalTo("Europe/London"));

        var records = TopicProbe.readUntil(TestPlatform.kafka().bootstrapServers(), Topics.ACTIVITY_CHANGES,
                Duration.ofSeconds(30), r -> r.stream().anyMatch(x -> id.equals(x.key())));
        var event = EventCodec.fromJson(records.stream().filter(x -> id.equals(x.key())).findFirst().orElseThrow()
                .value(), ActivityChanged.class);
        assertEquals(ActivityChanged.ChangeType.CREATED, event.data.changeType());
        assertEquals(Origin.app("alice"), event.origin());
        assertEquals("Room 4", event.data.activity().location());
    }

    @Test
    void anotherFirmsActivityDoesNotExistForTheCaller() {
        String id = given().auth().oauth2(token("alice")).contentType(ContentType.JSON).body(APPOINTMENT)
                .when().post("/activities").then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestPlatform.tokens().token("mallory", "other-firm", List.of()))
                .when().get("/activities/" + id).then().statusCode(404);
    }

    @Test
    void badTimesAreA400ProblemNamingTheFields() {
        given().auth().oauth2(token("alice")).contentType(ContentType.JSON)
                .body(APPOINTMENT.replace("2026-12-01T10:30:00", "2026-12-01T08:00:00").replace("Europe/London", "Mars/Base"))
                .when().post("/activities")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("end", "timeZone"));
    }

    @Test
    void tasksFollowTheFirmsPushDefaultFromTheSettingsTopic() {
        String task = "{\"kind\":\"TASK\",\"subject\":\"File brief\",\"dueDate\":\"2026-12-03\",\"timeZone\":\"UTC\","
                + "\"scheduledFor\":[\"bob\"]}";
        given().auth().oauth2(token("bob")).contentType(ContentType.JSON).body(task).when().post("/activities")
                .then().statusCode(201).body("pushToOffice365", equalTo(false));

        TopicProbe.send(TestPlatform.kafka().bootstrapServers(), Topics.SETTINGS_CHANGES, firm, EventCodec.toJson(
                EventEnvelope.of("/test", SettingsChanged.TYPE, firm, firm, Origin.system(), new SettingsChanged(firm,
                        new Office365Settings(true, true, false, false, ""), List.of(), 1))));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(token("bob"))
                .contentType(ContentType.JSON).body(task).when().post("/activities")
                .then().statusCode(201).body("pushToOffice365", equalTo(true)));
    }

    @Test
    void withoutATokenTheApiAnswers401() {
        given().contentType(ContentType.JSON).body(APPOINTMENT).when().post("/activities").then().statusCode(401);
    }
}
