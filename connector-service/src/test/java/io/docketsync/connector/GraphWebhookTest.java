package io.docketsync.connector;

import static io.docketsync.connector.Harness.connectOk;
import static io.docketsync.connector.Harness.sql;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docketsync.connector.messaging.NotificationIntake;
import io.docketsync.contracts.GraphNotification;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GraphWebhookTest {
    @Inject
    MeterRegistry registry;

    private double rejected(String reason) {
        var counter = registry.find(NotificationIntake.REJECTED_COUNTER).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private static String notification(String subscriptionId, String clientState, String eventId) {
        return "{\"value\":[{\"subscriptionId\":\"" + subscriptionId + "\",\"clientState\":\"" + clientState
                + "\",\"changeType\":\"updated\",\"resource\":\"Users/x/Events/" + eventId
                + "\",\"resourceData\":{\"@odata.type\":\"#Microsoft.Graph.Event\",\"id\":\"" + eventId
                + "\"},\"tenantId\":\"t\"}]}";
    }

    @Test
    void theValidationHandshakeEchoesTheTokenAsPlainText() {
        String token = "Validation: Testing client application reachability for subscription Request-Id: 42";
        for (String path : List.of("/graph/notifications", "/graph/lifecycle")) {
            given().queryParam("validationToken", token).contentType("text/plain").when().post(path).then()
                    .statusCode(200).contentType(startsWith("text/plain")).body(equalTo(token));
        }
    }

    @Test
    void aForgedNotificationIsRejectedCountedAndNeverPublished() {
        String user = Harness.newUser();
        connectOk(user, "alice@halemarsh.test");
        String subscriptionId = sql("SELECT subscription_id FROM graph_subscription WHERE user_id = ?", user);
        double mismatchesBefore = rejected("client-state-mismatch");
        double unknownBefore = rejected("unknown-subscription");

        given().contentType("application/json").body(notification(subscriptionId, "forged-client-state", "forged-1"))
                .when().post("/graph/notifications").then().statusCode(202);
        given().contentType("application/json").body(notification("no-such-subscription", "x", "forged-2"))
                .when().post("/graph/notifications").then().statusCode(202);
        assertEquals(mismatchesBefore + 1, rejected("client-state-mismatch"));
        assertEquals(unknownBefore + 1, rejected("unknown-subscription"));

        // a genuine change made after the forgeries is published; the forgeries, queued before it, are not there
        String eventId = Harness.createEvent(user, "Real change");
        List<GraphNotification> published = Harness.notificationsUntil(user, n -> eventId.equals(n.eventId()));
        GraphNotification real = published.stream().filter(n -> eventId.equals(n.eventId())).findFirst().orElseThrow();
        // resourceData's @odata.etag is W/"<changeKey>": the worker gets the bare change key
        assertTrue(real.changeKey() != null && !real.changeKey().isBlank() && !real.changeKey().contains("\""),
                "the change key from the notification's etag: " + real);
        assertFalse(published.stream().anyMatch(n -> "forged-1".equals(n.eventId()) || "forged-2".equals(n.eventId())),
                published.toString());
    }

    @Test
    void malformedAndOversizedBodiesAreProblems() {
        given().contentType("application/json").body("{not json").when().post("/graph/notifications").then()
                .statusCode(400).contentType("application/problem+json").body("title", equalTo("Malformed JSON"));
        given().contentType("application/json").body("{\"value\":{}}").when().post("/graph/notifications").then()
                .statusCode(400).contentType("application/problem+json");
        given().contentType("application/json").body("[1,2]").when().post("/graph/lifecycle").then()
                .statusCode(400).contentType("application/problem+json");
        given().contentType("application/json").when().post("/graph/notifications").then().statusCode(400);
        String big = "{\"value\":[{\"subscriptionId\":\"" + "x".repeat(1024 * 1024) + "\"}]}";
        given().contentType("application/json").body(big).when().post("/graph/notifications").then()
                .statusCode(413).contentType("application/problem+json");
    }
}
