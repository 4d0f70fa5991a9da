package io.docketsync.settings;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.docketsync.testsupport.PlatformTestResource;
import io.docketsync.testsupport.TestPlatform;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Issue 13 § 3 for settings-service: bad input is a 4xx problem naming what is wrong, never a 500. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class BadInputTest {
    static final String PROBLEMS = "https://docketsync.io/problems/";
    private final String firm = "firm-" + UUID.randomUUID().toString().substring(0, 8);

    private RequestSpecification admin() {
        return given().auth().oauth2(TestPlatform.tokens().token("alice", firm, List.of("admin")))
                .contentType(ContentType.JSON);
    }

    private static String user(String displayName) {
        return "{\"displayName\":\"" + displayName + "\",\"email\":\"bob@halemarsh.test\",\"admin\":false,"
                + "\"edit\":\"OWN\",\"delete\":\"OWN\",\"active\":true}";
    }

    private static String settings(String prefix) {
        return "{\"alwaysPushAppointments\":true,\"alwaysPushTasks\":false,\"useOrganizerForActivities\":false,"
                + "\"createNewFromOffice\":true,\"createNewPrefix\":\"" + prefix + "\"}";
    }

    static ValidatableResponse invalid(ValidatableResponse r, String field) {
        return r.statusCode(400).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "invalid-input")).body("errors.field", hasItem(field));
    }

    @Test
    void nulCharactersAreRefusedNamingTheField() {
        invalid(admin().body(user("Bo\\u0000b")).when().put("/users/bob").then(), "displayName");
        invalid(admin().body(settings("CB\\u0000")).when().put("/settings/office365").then(), "createNewPrefix");
        invalid(admin().urlEncodingEnabled(false).body(user("Bob")).when().put("/users/bo%00b").then(), "id");
        invalid(admin().urlEncodingEnabled(false).when().get("/users/bo%00b").then(), "id");
        // nothing was saved
        admin().when().get("/users").then().statusCode(200).body("size()", equalTo(0));
        admin().when().get("/settings/office365").then().statusCode(200).body("createNewPrefix", equalTo(""));
    }

    private String claims(String extra) {
        long now = Instant.now().getEpochSecond();
        return "{\"iss\":\"" + TestPlatform.tokens().issuer() + "\",\"upn\":\"alice\",\"groups\":[\"admin\"],\"iat\":"
                + now + ",\"exp\":" + (now + 600) + extra + "}";
    }

    @Test
    void signedTokensWithoutAUsableFirmOrSubjectAreUnauthenticated() {
        for (String extra : new String[] { ",\"sub\":\"alice\",\"firm\":7", ",\"sub\":\"alice\",\"firm\":[\"a\"]",
                ",\"sub\":\"alice\"", ",\"firm\":\"" + firm + "\"" }) {
            given().auth().oauth2(TestPlatform.tokens().signed(claims(extra))).when().get("/settings/office365").then()
                    .statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", startsWith("Bearer"))
                    .body("type", equalTo(PROBLEMS + "unauthenticated"))
                    .body("detail", startsWith("the bearer token"));
        }
        given().when().get("/users").then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "unauthenticated"));
    }

    @Test
    void theLocationOfANewUserIsRelativeWhateverTheHost() {
        admin().header("Host", "evil.example").body(user("Bob")).when().put("/users/bob").then().statusCode(201)
                .header("Location", equalTo("/users/bob"));
    }

    @Test
    void bodiesOverTheLimitAndOverlongUrlsAreProblems() {
        admin().body(user("b".repeat(70_000))).when().put("/users/bob").then().statusCode(413)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "payload-too-large"))
                .body("detail", containsString("at most"));
        admin().when().get("/users/" + "b".repeat(9000)).then().statusCode(414)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "uri-too-long"));
    }

    @Test
    void aDeactivatedAdministratorChangesNothing() {
        admin().body(user("Dan").replace("\"active\":true", "\"active\":false")).when().put("/users/dan").then()
                .statusCode(201).body("active", equalTo(false));
        var dan = given().auth().oauth2(TestPlatform.tokens().token("dan", firm, List.of("admin")))
                .contentType(ContentType.JSON);
        dan.body(settings("CB:")).when().put("/settings/office365").then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "user-deactivated"))
                .body("detail", containsString("'dan' is deactivated"));
        dan.body(user("Dan")).when().put("/users/dan").then().statusCode(403)
                .body("type", equalTo(PROBLEMS + "user-deactivated"));
        admin().when().get("/users/dan").then().statusCode(200).body("active", equalTo(false));
        admin().when().get("/settings/office365").then().statusCode(200).body("createNewPrefix", equalTo(""));
    }

    @Test
    void anAdministratorOnlyActionNamesWhy() {
        given().auth().oauth2(TestPlatform.tokens().token("carol", firm, List.of())).contentType(ContentType.JSON)
                .body(settings("")).when().put("/settings/office365").then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "forbidden"));
    }
}
