package io.docketsync.settings;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.SettingsChanged;
import io.docketsync.contracts.Topics;
import io.docketsync.testsupport.PlatformTestResource;
import io.docketsync.testsupport.TestPlatform;
import io.docketsync.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class Office365SettingsResourceTest {
    static final String SETTINGS = "{\"alwaysPushAppointments\":false,\"alwaysPushTasks\":true,"
            + "\"useOrganizerForActivities\":true,\"createNewFromOffice\":true,\"createNewPrefix\":\"  CB: \"}";
    private final String firm = "firm-" + UUID.randomUUID().toString().substring(0, 8);

    private RequestSpecification as(String user, String... roles) {
        return given().auth().oauth2(TestPlatform.tokens().token(user, firm, List.of(roles))).contentType(ContentType.JSON);
    }

    @Test
    void aFirmWithoutSavedSettingsReadsTheDefaults() {
        as("bob").when().get("/settings/office365")
                .then().statusCode(200).header("ETag", equalTo("\"defaults\""))
                .body("alwaysPushAppointments", equalTo(true))
                .body("alwaysPushTasks", equalTo(false))
                .body("useOrganizerForActivities", equalTo(false))
                .body("createNewFromOffice", equalTo(false))
                .body("createNewPrefix", equalTo(""))
                .body("whenDeleting", equalTo("REMOVE_FROM_SCHEDULED_FOR"))
                .body("whenEditing", equalTo("CREATE_EDITED_COPY"))
                .body("massDeleteThreshold", equalTo(20))
                .body("massDeleteWindowMinutes", equalTo(10));
    }

    @Test
    void theDeletionBurstValveIsAdjustedKeptWhenLeftOutAndPublished() {
        as("alice", "admin").body(SETTINGS.replace("}", ",\"massDeleteThreshold\":5,\"massDeleteWindowMinutes\":30}"))
                .when().put("/settings/office365").then().statusCode(200)
                .body("massDeleteThreshold", equalTo(5)).body("massDeleteWindowMinutes", equalTo(30));
        as("alice", "admin").body(SETTINGS).when().put("/settings/office365").then().statusCode(200)
                .body("massDeleteThreshold", equalTo(5)).body("massDeleteWindowMinutes", equalTo(30));
        var records = TopicProbe.readUntil(TestPlatform.kafka().bootstrapServers(), Topics.SETTINGS_CHANGES,
                Duration.ofSeconds(30), r -> r.stream().anyMatch(x -> firm.equals(x.key()) && EventCodec.fromJson(
                        x.value(), SettingsChanged.class).data.settings().massDeleteThreshold() == 5));
        assertEquals(30, EventCodec.fromJson(records.stream().filter(x -> firm.equals(x.key())).reduce((a, b) -> b)
                .orElseThrow().value(), SettingsChanged.class).data.settings().massDeleteWindowMinutes());
    }

    @Test
    void aDeletionBurstValveOutOfBoundsIsRefusedNamingEachField() {
        as("alice", "admin").body(SETTINGS.replace("}", ",\"massDeleteThreshold\":-1,\"massDeleteWindowMinutes\":0}"))
                .when().put("/settings/office365").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("massDeleteThreshold", "massDeleteWindowMinutes"));
        as("alice", "admin").body(SETTINGS.replace("}", ",\"massDeleteThreshold\":\"many\"}"))
                .when().put("/settings/office365").then().statusCode(400).body(containsString("massDeleteThreshold"));
    }

    @Test
    void whenDeletingAndWhenEditingAreAdjustedAndKeptWhenAFrontEndLeavesThemOut() {
        String restore = SETTINGS.replace("}", ",\"whenDeleting\":\"RESTORE_EVENT\",\"whenEditing\":\"RESTORE_EVENT\"}");
        as("alice", "admin").body(restore).when().put("/settings/office365").then().statusCode(200)
                .body("whenDeleting", equalTo("RESTORE_EVENT")).body("whenEditing", equalTo("RESTORE_EVENT"));
        // a front end that knows only the five switches does not reset them
        as("alice", "admin").body(SETTINGS).when().put("/settings/office365").then().statusCode(200)
                .body("whenDeleting", equalTo("RESTORE_EVENT")).body("whenEditing", equalTo("RESTORE_EVENT"));
        as("bob").when().get("/settings/office365").then().statusCode(200)
                .body("whenDeleting", equalTo("RESTORE_EVENT")).body("whenEditing", equalTo("RESTORE_EVENT"));
        String seeds = SETTINGS.replace("}", ",\"whenDeleting\":\"REMOVE_FROM_SCHEDULED_FOR\"}");
        as("alice", "admin").body(seeds).when().put("/settings/office365").then().statusCode(200)
                .body("whenDeleting", equalTo("REMOVE_FROM_SCHEDULED_FOR")).body("whenEditing", equalTo("RESTORE_EVENT"));

        // published for the services, with both
        var records = TopicProbe.readUntil(TestPlatform.kafka().bootstrapServers(), Topics.SETTINGS_CHANGES,
                Duration.ofSeconds(30), r -> r.stream().anyMatch(x -> firm.equals(x.key()) && EventCodec.fromJson(
                        x.value(), SettingsChanged.class).data.settings().whenDeleting()
                        == io.docketsync.contracts.Office365Settings.WhenDeleting.REMOVE_FROM_SCHEDULED_FOR));
        assertEquals(io.docketsync.contracts.Office365Settings.WhenEditing.RESTORE_EVENT, EventCodec.fromJson(records
                .stream().filter(x -> firm.equals(x.key())).reduce((a, b) -> b).orElseThrow().value(),
                SettingsChanged.class).data.settings().whenEditing());
    }

    @Test
    void anUnknownWhenDeletingValueIsRefusedNamingTheField() {
        as("alice", "admin").body(SETTINGS.replace("}", ",\"whenDeleting\":\"SHRUG\"}")).when()
                .put("/settings/office365").then().statusCode(400).contentType("application/problem+json")
                .body(containsString("whenDeleting"));
    }

    @Test
    void withoutATokenTheApiAnswers401() {
        given().when().get("/settings/office365").then().statusCode(401);
    }

    @Test
    void onlyAnAdministratorChangesSettings() {
        as("bob").body(SETTINGS).when().put("/settings/office365")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", equalTo("only a firm administrator may change the Office 365 settings"));
    }

    @Test
    void aSavedChangeIsReadBackAndPublishedOnTheCompactedTopicKeyedByFirm() {
        as("alice", "admin").body(SETTINGS).when().put("/settings/office365")
                .then().statusCode(200).header("ETag", equalTo("\"0\"")).body("createNewPrefix", equalTo("CB:"));

        as("carol").when().get("/settings/office365")
                .then().statusCode(200).header("ETag", equalTo("\"0\""))
                .body("alwaysPushTasks", equalTo(true)).body("createNewPrefix", equalTo("CB:"));

        var records = TopicProbe.readUntil(TestPlatform.kafka().bootstrapServers(), Topics.SETTINGS_CHANGES,
                Duration.ofSeconds(30), r -> r.stream().anyMatch(x -> firm.equals(x.key())));
        var record = records.stream().filter(x -> firm.equals(x.key())).findFirst().orElseThrow();
        var event = EventCodec.fromJson(record.value(), SettingsChanged.class);
        assertEquals(firm, event.firmId);
        assertEquals(Origin.app("alice"), event.origin());
        assertEquals("CB:", event.data.settings().createNewPrefix());
        assertEquals(true, event.data.settings().useOrganizerForActivities());
        assertEquals(0, event.data.version());
    }

    @Test
    void aStaleIfMatchIsRefusedWith412() {
        as("alice", "admin").header("If-Match", "\"defaults\"").body(SETTINGS).when().put("/settings/office365")
                .then().statusCode(200).header("ETag", equalTo("\"0\""));
        as("alice", "admin").header("If-Match", "\"defaults\"").body(SETTINGS).when().put("/settings/office365")
                .then().statusCode(412).contentType("application/problem+json").body("detail", containsString("version 0"));
        as("alice", "admin").header("If-Match", "\"0\"").body(SETTINGS.replace("\"alwaysPushTasks\":true",
                "\"alwaysPushTasks\":false")).when().put("/settings/office365")
                .then().statusCode(200).header("ETag", equalTo("\"1\"")).body("alwaysPushTasks", equalTo(false));
        as("alice", "admin").header("If-Match", "\"0\"").body(SETTINGS).when().put("/settings/office365")
                .then().statusCode(412);
    }

    @Test
    void badInputIsA400ProblemNamingTheField() {
        as("alice", "admin").body("{\"alwaysPushAppointments\":tru").when().put("/settings/office365")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", startsWith("malformed JSON"));
        as("alice", "admin").body("{\"alwaysPushAppointments\":true}").when().put("/settings/office365")
                .then().statusCode(400)
                .body("errors.field", contains("alwaysPushTasks", "useOrganizerForActivities", "createNewFromOffice"));
        as("alice", "admin").body(SETTINGS.replace("\"alwaysPushTasks\":true", "\"alwaysPushTasks\":\"yes\""))
                .when().put("/settings/office365")
                .then().statusCode(400).body("errors[0].field", equalTo("alwaysPushTasks"))
                .body("errors[0].message", containsString("true or false"));
        as("alice", "admin").body(SETTINGS.replace("CB: ", "p".repeat(51))).when().put("/settings/office365")
                .then().statusCode(400).body("errors[0].field", equalTo("createNewPrefix"));
        as("alice", "admin").body(SETTINGS.replace("}", ",\"syncEmail\":true}")).when().put("/settings/office365")
                .then().statusCode(400).body("errors[0].message", equalTo("unknown field 'syncEmail'"));
        as("alice", "admin").body("").when().put("/settings/office365").then().statusCode(400);
        as("alice", "admin").when().get("/settings/office365").then().header("ETag", equalTo("\"defaults\""));
    }

    @Test
    void theOpenApiDocumentDescribesTheOperations() {
        given().accept(ContentType.JSON).when().get("/q/openapi").then().statusCode(200)
                .body("paths.'/settings/office365'.put.summary", containsString("administrators only"))
                .body("paths.'/users/{id}'.put.summary", containsString("administrators only"))
                .body("paths.'/users'.get.summary", containsString("users"));
    }
}
