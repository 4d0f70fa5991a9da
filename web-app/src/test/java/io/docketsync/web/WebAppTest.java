package io.docketsync.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.empty;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The app as a deployment runs it: no demo sign-in, no simulator, the page and the proxy's refusals. */
@QuarkusTest
class WebAppTest {
    @Test
    void thePageIsServed() {
        given().get("/").then().statusCode(200).body(containsString("<script type=\"module\" src=\"/js/main.js\">"));
        given().get("/js/main.js").then().statusCode(200).body(containsString("renderCalendar"));
    }

    @Test
    void withoutTheLocalRunThereIsNoDemoSignInAndNoSimulator() {
        given().get("/web/config").then().statusCode(200).body("signIn", equalTo("none"))
                .body("demoUsers", empty()).body("simulator", equalTo(false));
        given().contentType("application/json").body("{\"user\":\"alice\"}").post("/web/demo-token")
                .then().statusCode(404).contentType("application/problem+json");
        given().get("/sim/calendars/alice/events").then().statusCode(404);
    }

    @Test
    void theProxyPassesOnlyPublicResources() {
        given().get("/api/connector/internal/tokens/alice").then().statusCode(404)
                .body("title", equalTo("Not a public API"));
        given().get("/api/sync/sync/mailboxes").then().statusCode(404);
    }

    @Test
    void theEndOfConnectLandsOnTheOffice365Page() {
        given().redirects().follow(false).get("/connections/office365/finished?office365=refused&reason=on-premises")
                .then().statusCode(303)
                .header("Location", containsString("/?office365=refused&reason=on-premises#/office365"));
    }
}
