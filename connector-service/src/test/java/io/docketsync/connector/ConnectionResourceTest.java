package io.docketsync.connector;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docketsync.contracts.ConnectionChanged;
import io.docketsync.contracts.ConnectionState;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.Topics;
import io.docketsync.contracts.UserKey;
import io.docketsync.testsupport.PlatformTestResource;
import io.docketsync.testsupport.TestPlatform;
import io.docketsync.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class ConnectionResourceTest {
    private final String user = "u-" + UUID.randomUUID().toString().substring(0, 8);

    private String token() {
        return TestPlatform.tokens().token(user, "hale-marsh", List.of());
    }

    @Test
    void aUserWhoNeverConnectedIsDisconnected() {
        given().auth().oauth2(token()).when().get("/connections/office365")
                .then().statusCode(200).body("state", equalTo("DISCONNECTED")).body("userId", equalTo(user));
    }

    @Test
    void disconnectingIsStoredAndPublishedOnTheConnectionsTopic() {
        given().auth().oauth2(token()).when().delete("/connections/office365")
                .then().statusCode(200).body("state", equalTo("DISCONNECTED"));

        var records = TopicProbe.readUntil(TestPlatform.kafka().bootstrapServers(), Topics.CONNECTIONS,
                Duration.ofSeconds(30), r -> r.stream().anyMatch(x -> UserKey.of("hale-marsh", user).kafkaKey().equals(x.key())));
        var event = EventCodec.fromJson(records.stream().filter(x -> UserKey.of("hale-marsh", user).kafkaKey().equals(x.key())).findFirst().orElseThrow()
                .value(), ConnectionChanged.class);
        assertEquals(ConnectionState.DISCONNECTED, event.data.state());
        assertEquals("hale-marsh", event.firmId);
    }

    @Test
    void withoutATokenTheApiAnswers401() {
        given().when().get("/connections/office365").then().statusCode(401);
    }
}
