package io.docketsync.sync;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.docketsync.contracts.ConnectionChanged;
import io.docketsync.contracts.ConnectionState;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.Topics;
import io.docketsync.contracts.UserKey;
import io.docketsync.testsupport.PlatformTestResource;
import io.docketsync.testsupport.TestPlatform;
import io.docketsync.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class ConnectionsProjectionTest {
    private final String user = "u-" + UUID.randomUUID().toString().substring(0, 8);

    private void publish(ConnectionState state, Instant since) {
        publish("hale-marsh", state, since, user + "@halemarsh.test");
    }

    private void publish(String firm, ConnectionState state, Instant since, String mailbox) {
        var event = EventEnvelope.of("/test", ConnectionChanged.TYPE, user, firm, Origin.system(),
                new ConnectionChanged(user, firm, state, mailbox, since, null));
        TopicProbe.send(TestPlatform.kafka().bootstrapServers(), Topics.CONNECTIONS, UserKey.of(firm, user).kafkaKey(),
                EventCodec.toJson(event));
    }

    @Test
    void theWorkerKnowsConnectionsFromTheTopicAndIgnoresStaleOnes() {
        given().when().get("/sync/firms/hale-marsh/mailboxes/" + user).then().statusCode(404);
        Instant t0 = Instant.now();

        publish(ConnectionState.CONNECTED, t0);
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when()
                .get("/sync/firms/hale-marsh/mailboxes/" + user).then().statusCode(200).body("state", equalTo("CONNECTED"))
                .body("mailbox", equalTo(user + "@halemarsh.test")));

        publish(ConnectionState.NEEDS_REAUTH, t0.plusSeconds(10));
        publish(ConnectionState.DISCONNECTED, t0.plusSeconds(5)); // older than what the worker has: ignored
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when()
                .get("/sync/firms/hale-marsh/mailboxes/" + user).then().statusCode(200).body("state", equalTo("NEEDS_REAUTH")));
    }

    @Test
    void theSameUserIdInAnotherFirmIsAnotherMailbox() {
        Instant t0 = Instant.now();
        publish("hale-marsh", ConnectionState.CONNECTED, t0, "alice@halemarsh.test");
        publish("other-firm", ConnectionState.CONNECTED, t0.plusSeconds(1), "alice@other.test");
        publish("other-firm", ConnectionState.DISCONNECTED, t0.plusSeconds(2), "alice@other.test");
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when()
                .get("/sync/firms/other-firm/mailboxes/" + user).then().statusCode(200)
                .body("state", equalTo("DISCONNECTED")).body("firmId", equalTo("other-firm")));
        // keyed per firm and user, the two firms' records may sit in different partitions: no order between them
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when()
                .get("/sync/firms/hale-marsh/mailboxes/" + user).then().statusCode(200)
                .body("state", equalTo("CONNECTED")).body("mailbox", equalTo("alice@halemarsh.test")));
        given().queryParam("firm", "other-firm").when().get("/sync/mailboxes").then().statusCode(200)
                .body("findAll { it.userId == '" + user + "' }.mailbox", org.hamcrest.Matchers.contains(
                        "alice@other.test"));
    }

    @Test
    void theOperatorApiNeedsABearerTokenWithTheOperatorRole() {
        String firmAdmin = TestPlatform.tokens().token("alice", "hale-marsh", List.of("admin"));
        given().auth().none().when().get("/sync/mailboxes").then().statusCode(401);
        given().auth().none().auth().oauth2(firmAdmin).when().get("/sync/mailboxes").then().statusCode(403);
        given().auth().none().auth().oauth2(firmAdmin).when().get("/sync/firms/hale-marsh").then().statusCode(403);
        given().auth().none().auth().oauth2(SimulatorTestResource.operatorToken()).when().get("/sync/mailboxes").then()
                .statusCode(200);
    }
}
