package io.docketsync.sync;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.docketsync.contracts.ConnectionChanged;
import io.docketsync.contracts.ConnectionState;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.Topics;
import io.docketsync.testsupport.PlatformTestResource;
import io.docketsync.testsupport.TestPlatform;
import io.docketsync.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class ConnectionsProjectionTest {
    private final String user = "u-" + UUID.randomUUID().toString().substring(0, 8);

    private void publish(ConnectionState state, Instant since) {
        var event = EventEnvelope.of("/test", ConnectionChanged.TYPE, user, "hale-marsh", Origin.system(),
                new ConnectionChanged(user, "hale-marsh", state, user + "@halemarsh.test", since, null));
        TopicProbe.send(TestPlatform.kafka().bootstrapServers(), Topics.CONNECTIONS, user, EventCodec.toJson(event));
    }

    @Test
    void theWorkerKnowsConnectionsFromTheTopicAndIgnoresStaleOnes() {
        given().when().get("/sync/mailboxes/" + user).then().statusCode(404);
        Instant t0 = Instant.now();

        publish(ConnectionState.CONNECTED, t0);
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when()
                .get("/sync/mailboxes/" + user).then().statusCode(200).body("state", equalTo("CONNECTED"))
                .body("mailbox", equalTo(user + "@halemarsh.test")));

        publish(ConnectionState.NEEDS_REAUTH, t0.plusSeconds(10));
        publish(ConnectionState.DISCONNECTED, t0.plusSeconds(5)); // older than what the worker has: ignored
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when()
                .get("/sync/mailboxes/" + user).then().statusCode(200).body("state", equalTo("NEEDS_REAUTH")));
    }
}
