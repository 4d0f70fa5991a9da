package io.docketsync.activity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docketsync.api.VerifiedTokens;
import io.docketsync.testsupport.PlatformTestResource;
import io.docketsync.testsupport.TestPlatform;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 13 § 3: bad input gets a clear 4xx problem naming what is wrong, never a 500 or silent corruption. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class BadInputTest {
    static final String PROBLEMS = "https://docketsync.io/problems/";
    private TestFirm firm;
    @Inject
    VerifiedTokens verifiedTokens;

    @BeforeEach
    void newFirm() {
        firm = TestFirm.seeded();
    }

    static ValidatableResponse invalid(ValidatableResponse r, String field) {
        return r.statusCode(400).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "invalid-input"))
                .body("errors.field", hasItem(field));
    }

    @Test
    void datesPostgresqlCannotHoldAreRefusedNotChanged() {
        for (String start : new String[] { "+300000-01-01T09:00:00", "-5000-01-01T09:00:00", "+999999999-12-31T09:00:00",
                "1899-12-31T09:00:00", "3000-01-01T09:00:00" }) {
            invalid(firm.as("alice").body(TestFirm.appointmentAt("Far", start, "2026-12-01T10:00:00", "alice"))
                    .when().post("/activities").then(), "start")
                    .body("errors.find { it.field == 'start' }.message", containsString("years 1900 to 2999"));
        }
        invalid(firm.as("alice").body(TestFirm.appointmentAt("Far", "2026-12-01T09:00:00", "+300000-01-01T10:00:00",
                "alice")).when().post("/activities").then(), "end");
        invalid(firm.as("alice").body(TestFirm.task("-5000-01-01", "alice")).when().post("/activities").then(),
                "dueDate");
        // the edges are kept as given
        firm.as("alice").body(TestFirm.appointmentAt("Edge", "1900-01-01T00:00:00", "2999-12-31T23:00:00", "alice"))
                .when().post("/activities").then().statusCode(201)
                .body("start", equalTo("1900-01-01T00:00:00")).body("end", equalTo("2999-12-31T23:00:00"));
    }

    @Test
    void aChangeToAnUnsupportedDateIsRefusedToo() {
        String id = firm.create("alice", TestFirm.task("2026-12-03", "alice"));
        invalid(firm.as("alice").contentType("application/merge-patch+json").body("{\"dueDate\":\"+300000-01-01\"}")
                .when().patch("/activities/" + id).then(), "dueDate");
        firm.as("alice").when().get("/activities/" + id).then().statusCode(200).body("dueDate", equalTo("2026-12-03"));
    }

    @Test
    void jobRangesAndListRangesOutsideTheSupportedYearsAreRefused() {
        invalid(firm.as("alice").body("{\"from\":\"+300000-01-01\",\"to\":\"+300000-01-02\"}")
                .when().post("/office365/import-jobs").then(), "from").body("errors.field", hasItem("to"));
        invalid(firm.as("alice").body("{\"from\":\"-5000-01-01\"}").when().post("/office365/push-jobs").then(), "from");
        invalid(firm.as("alice").body("{\"from\":\"2026-01-01\",\"to\":\"+999999999-12-31\"}")
                .when().post("/office365/push-jobs").then(), "to");
        invalid(firm.as("alice").queryParam("to", "+999999999-12-31").when().get("/activities").then(), "to");
        invalid(firm.as("alice").queryParam("from", "-5000-01-01").when().get("/activities").then(), "from");
    }

    @Test
    void nulCharactersAreRefusedNamingTheField() {
        String nul = "\\u0000";
        invalid(firm.as("alice").body(TestFirm.appointment("alice").replace("Deposition", "Depo" + nul))
                .when().post("/activities").then(), "subject");
        invalid(firm.as("alice").body(TestFirm.appointment("alice").replace("Room 4", "Room" + nul))
                .when().post("/activities").then(), "location");
        invalid(firm.as("alice").body(TestFirm.appointment("alice").replace("Bring the file", nul))
                .when().post("/activities").then(), "body");
        invalid(firm.as("alice").body("{\"from\":\"2026-01-01\",\"to\":\"2026-01-31\",\"prefix\":\"CB" + nul + "\"}")
                .when().post("/office365/import-jobs").then(), "prefix");
        String id = firm.create("alice", TestFirm.appointment("alice"));
        invalid(firm.as("alice").contentType("application/merge-patch+json").body("{\"subject\":\"x" + nul + "\"}")
                .when().patch("/activities/" + id).then(), "subject");
    }

    @Test
    void nulCharactersInPathIdsAndQueriesAreRefusedNamingTheParameter() {
        invalid(firm.as("alice").urlEncodingEnabled(false).when().get("/activities/abc%00def").then(), "id");
        invalid(firm.as("alice").urlEncodingEnabled(false).when().delete("/activities/abc%00def").then(), "id");
        invalid(firm.as("alice").urlEncodingEnabled(false).when().get("/activities/abc%0Adef/history").then(), "id");
        invalid(firm.as("alice").urlEncodingEnabled(false).when().get("/office365/push-jobs/x%00").then(), "id");
        invalid(firm.as("alice").urlEncodingEnabled(false).when().get("/activities?user=al%00ice").then(), "user");
    }

    @Test
    void pagesPastWhatTheDatabaseCanCountAreRefusedNotA500() {
        invalid(firm.as("alice").queryParam("page", "2147483647").when().get("/activities").then(), "page");
        invalid(firm.as("alice").queryParam("page", "2147483647").queryParam("size", "1").when().get("/activities")
                .then(), "page");
        invalid(firm.as("alice").queryParam("size", "2147483647").when().get("/activities").then(), "size");
        invalid(firm.as("alice").queryParam("page", "99999999999").when().get("/activities").then(), "page");
        // the last page the database can reach is still answered (empty)
        firm.as("alice").queryParam("page", String.valueOf(Integer.MAX_VALUE / 200 - 1)).queryParam("size", "200")
                .when().get("/activities").then().statusCode(200).body("items.size()", equalTo(0));
    }

    String claims(String extra) {
        long now = Instant.now().getEpochSecond();
        return "{\"iss\":\"" + TestPlatform.tokens().issuer() + "\",\"upn\":\"alice\",\"groups\":[],\"iat\":" + now
                + ",\"exp\":" + (now + 600) + extra + "}";
    }

    ValidatableResponse withToken(String token) {
        return given().auth().oauth2(token).when().get("/activities").then();
    }

    static ValidatableResponse unauthenticated(ValidatableResponse r) {
        return r.statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo(PROBLEMS + "unauthenticated")).body("detail", startsWith("the bearer token"));
    }

    @Test
    void signedTokensWithoutAUsableFirmOrSubjectAreUnauthenticated() {
        var tokens = TestPlatform.tokens();
        unauthenticated(withToken(tokens.signed(claims(",\"sub\":\"alice\",\"firm\":42"))))
                .body("detail", containsString("'firm'"));
        unauthenticated(withToken(tokens.signed(claims(",\"sub\":\"alice\",\"firm\":[\"" + firm.id + "\",\"x\"]"))))
                .body("detail", containsString("'firm'"));
        unauthenticated(withToken(tokens.signed(claims(",\"sub\":\"alice\""))))
                .body("detail", containsString("no 'firm' claim"));
        unauthenticated(withToken(tokens.signed(claims(",\"firm\":\"" + firm.id + "\""))))
                .body("detail", containsString("no 'sub' claim"));
        unauthenticated(withToken(tokens.signed(claims(",\"sub\":\"al\\u0000ice\",\"firm\":\"" + firm.id + "\""))))
                .body("detail", containsString("'sub'"));
        // writes too: the firm is read before anything is saved
        unauthenticated(given().auth().oauth2(tokens.signed(claims(",\"sub\":\"alice\",\"firm\":42")))
                .contentType(ContentType.JSON).body(TestFirm.appointment("alice")).when().post("/activities").then());
    }

    @Test
    void missingAndForgedTokensAreUnauthenticatedProblemsToo() {
        unauthenticated(given().when().get("/activities").then());
        String token = firm.token("alice");
        unauthenticated(given().auth().oauth2(token.substring(0, token.length() - 4) + "AAAA").when().get("/activities")
                .then());
    }

    @Test
    void aTokenIsVerifiedOnceWhileValidAndAForgeryOfItIsStillRefused() {
        String token = firm.token("alice");
        long before = verifiedTokens.verifications();
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).when().get("/activities").then().statusCode(200);
        }
        assertEquals(1, verifiedTokens.verifications() - before, "the token's signature checked once, not per request");
        // the same claims with the signature's end altered: not the token that was verified
        unauthenticated(given().auth().oauth2(token.substring(0, token.length() - 4) + "AAAA").when().get("/activities")
                .then());
        // what is checked on the claims still runs per request: a kept token whose user is a stranger is still refused
        String stranger = firm.token("zed");
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(stranger).contentType(ContentType.JSON).body(TestFirm.appointment("alice"))
                    .when().post("/activities").then().statusCode(403)
                    .body("type", equalTo(PROBLEMS + "not-a-firm-user"));
        }
    }

    @Test
    void deactivatedUsersAndStrangersMayNotChangeActivities() {
        String id = firm.create("alice", TestFirm.appointment("alice"));
        firm.as("erin").body(TestFirm.appointment("alice")).when().post("/activities").then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "user-deactivated"))
                .body("detail", containsString("'erin' is deactivated"));
        firm.as("erin").body(TestFirm.appointment("alice")).when().put("/activities/" + id).then().statusCode(403)
                .body("type", equalTo(PROBLEMS + "user-deactivated"));
        firm.as("erin").contentType("application/merge-patch+json").body("{\"subject\":\"x\"}")
                .when().patch("/activities/" + id).then().statusCode(403).body("type", equalTo(PROBLEMS + "user-deactivated"));
        firm.as("erin").when().delete("/activities/" + id).then().statusCode(403)
                .body("type", equalTo(PROBLEMS + "user-deactivated"));
        firm.as("erin").body("{}").when().post("/office365/push-jobs").then().statusCode(403)
                .body("type", equalTo(PROBLEMS + "user-deactivated"));

        firm.as("zed").body(TestFirm.appointment("alice")).when().post("/activities").then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "not-a-firm-user"))
                .body("detail", containsString("'zed' is not a user of this firm"));
        firm.as("zed").when().delete("/activities/" + id).then().statusCode(403)
                .body("type", equalTo(PROBLEMS + "not-a-firm-user"));
        firm.as("alice").when().get("/activities/" + id).then().statusCode(200).body("subject", equalTo("Deposition"));
    }

    @Test
    void locationsNeverEchoTheHostHeader() {
        firm.as("alice").header("Host", "evil.example").body(TestFirm.appointment("alice")).when().post("/activities")
                .then().statusCode(201).header("Location", startsWith("/activities/"));
        firm.as("alice").header("Host", "evil.example").body("{}").when().post("/office365/push-jobs")
                .then().statusCode(202).header("Location", startsWith("/office365/push-jobs/"));
        firm.as("alice").header("Host", "evil.example").body("{\"from\":\"2026-01-01\",\"to\":\"2026-01-31\"}")
                .when().post("/office365/import-jobs").then().statusCode(202)
                .header("Location", startsWith("/office365/import-jobs/"));
    }

    @Test
    void bodiesOverTheLimitAndOverlongUrlsAreProblems() {
        String huge = TestFirm.appointment("alice").replace("Bring the file", "b".repeat(1_100_000));
        firm.as("alice").body(huge).when().post("/activities").then().statusCode(413)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "payload-too-large"));
        // without a Content-Length (chunked) the limit is met while reading
        firm.as("alice").body(new java.io.ByteArrayInputStream(huge.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .when().post("/activities").then().statusCode(413)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "payload-too-large"));
        firm.as("alice").queryParam("user", "a".repeat(9000)).when().get("/activities").then().statusCode(414)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "uri-too-long"));
    }

    @Test
    void unknownPathsAndMethodsAreProblems() {
        firm.as("alice").when().get("/activities/x/nothing-here").then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "not-found"));
        given().when().get("/nothing-here").then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "not-found"));
        firm.as("alice").when().delete("/activities").then().statusCode(405)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "method-not-allowed"));
        firm.as("alice").contentType(ContentType.TEXT).body("x").when().post("/activities").then().statusCode(415)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "unsupported-media-type"));
    }
}
