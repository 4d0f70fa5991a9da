package io.docketsync.settings;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
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
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class Office365SettingsResourceTest {
    private final String firm = "firm-" + UUID.randomUUID().toString().substring(0, 8);

    private String token(String user, String... roles) {
        return TestPlatform.tokens().token(user, firm, List.of(roles));
    }

    @Test
    void aFirmWithoutSavedSettingsReadsTheDefaults() {
        given().auth().oauth2(token("bob"))
                .when().get("/settings/office365")
                .then().statusCode(200)
                .body("alwaysPushAppointments", equalTo(true))
                .body("alwaysPushTasks", equalTo(false))
                .body("useOrganizerForActivities", equalTo(false))
                .body("createNewFromOffice", equalTo(false))
                .body("createNewPrefix", equalTo(""));
    }

    @Test
    void withoutATokenTheApiAnswers401() {
        given().when().get("/settings/office365").then().statusCode(401);
    }

    @Test
    void onlyAnAdministratorChangesSettings() {
        given().auth().oauth2(token("bob")).contentType(ContentType.JSON)
                .body("{\"alwaysPushAppointments\":false,\"alwaysPushTasks\":true,\"useOrganizerForActivities\":true,"
                        + "\"createNewFromOffice\":true,\"createNewPrefix\":\"CB:\"}")
                .when().put("/settings/office365")
                .then().statusCode(403);
    }

    @Test
    void aSavedChangeIsReadBackAndPublishedOnTheCompactedTopicKeyedByFirm() {
        given().auth().oauth2(token("alice", "admin")).contentType(ContentType.JSON)
                .body("{\"alwaysPushAppointments\":false,\"alwaysPushTasks\":true,\"useOrganizerForActivities\":true,"
                        + "\"createNewFromOffice\":true,\"createNewPrefix\":\"  CB: \"}")
                .when().put("/settings/office365")
                .then().statusCode(200).body("createNewPrefix", equalTo("CB:"));

        given().auth().oauth2(token("carol")).when().get("/settings/office365")
                .then().statusCode(200).body("alwaysPushTasks", equalTo(true)).body("createNewPrefix", equalTo("CB:"));

        var records = TopicProbe.readUntil(TestPlatform.kafka().bootstrapServers(), Topics.SETTINGS_CHANGES,
                Duration.ofSeconds(30), r -> r.stream().anyMatch(x -> firm.equals(x.key())));
        var record = records.stream().filter(x -> firm.equals(x.key())).findFirst().orElseThrow();
        var event = EventCodec.fromJson(record.value(), SettingsChanged.class);
        assertEquals(firm, event.firmId);
        assertEquals(Origin.app("alice"), event.origin());
        assertEquals("CB:", event.data.settings().createNewPrefix());
        assertEquals(true, event.data.settings().useOrganizerForActivities());
    }
}
