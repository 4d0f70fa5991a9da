package io.docketsync.connector;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.docketsync.testsupport.PlatformTestResource;
import io.docketsync.testsupport.TestPlatform;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Issue 13 §§ 3-4 for connector-service: its errors have the shape of every other service's. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ConnectorTestResource.class, restrictToAnnotatedClass = false)
class ApiProblemsTest {
    static final String PROBLEMS = "https://docketsync.io/problems/";

    private String claims(String extra) {
        long now = Instant.now().getEpochSecond();
        return "{\"iss\":\"" + TestPlatform.tokens().issuer() + "\",\"upn\":\"alice\",\"groups\":[],\"iat\":" + now
                + ",\"exp\":" + (now + 600) + extra + "}";
    }

    @Test
    void signedTokensWithoutAUsableFirmOrSubjectAreUnauthenticated() {
        for (String extra : new String[] { ",\"sub\":\"alice\",\"firm\":3", ",\"sub\":\"alice\",\"firm\":[\"hale-marsh\"]",
                ",\"sub\":\"alice\"", ",\"firm\":\"hale-marsh\"" }) {
            String token = TestPlatform.tokens().signed(claims(extra));
            given().auth().oauth2(token).when().get("/connections/office365").then().statusCode(401)
                    .contentType("application/problem+json").header("WWW-Authenticate", startsWith("Bearer"))
                    .body("type", equalTo(PROBLEMS + "unauthenticated")).body("detail", startsWith("the bearer token"));
            given().auth().oauth2(token).when().delete("/connections/office365").then().statusCode(401)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void controlCharactersInPathIdsAreRefusedNamingTheParameter() {
        given().header("Authorization", "Bearer " + Harness.INTERNAL_CREDENTIAL).urlEncodingEnabled(false)
                .when().get("/internal/firms/" + Harness.FIRM + "/users/al%00ice/graph-token").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "invalid-input"))
                .body("errors.field", hasItem("userId"));
    }

    @Test
    void overlongUrlsAndUnknownPathsAreProblems() {
        given().queryParam("x", "y".repeat(9000)).when().get("/connections/office365/finished").then().statusCode(414)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "uri-too-long"));
        given().auth().oauth2(Harness.appToken("alice")).when().put("/connections/office365").then().statusCode(405)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "method-not-allowed"));
    }
}
