package io.docketsync.connector;

import static io.docketsync.connector.Harness.appToken;
import static io.docketsync.connector.Harness.internalToken;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docketsync.contracts.ConnectionChanged;
import io.docketsync.contracts.ConnectionState;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.Topics;
import io.docketsync.contracts.UserKey;
import io.docketsync.testsupport.TestPlatform;
import io.docketsync.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A user id is unique only inside its firm (DESIGN.md section 1): the same user id in two firms is two users, each
 * with their own connection, tokens, subscription and topic key. Before, firm B's "alice" saw, replaced and
 * disconnected firm A's.
 */
@QuarkusTest
class TenantIsolationTest {
    private static final String OTHER_FIRM = "other-firm";

    @Test
    void theSameUserIdInTwoFirmsHasTwoConnectionsEachOnItsOwnMailbox() {
        String user = Harness.newUser();
        Harness.connectOk(user, "alice@halemarsh.test");

        // firm B's user of the same id sees nothing of firm A's connection
        given().auth().oauth2(appToken(OTHER_FIRM, user)).when().get("/connections/office365").then().statusCode(200)
                .body("state", equalTo("DISCONNECTED")).body("firmId", equalTo(OTHER_FIRM));

        // connecting firm B's user to another mailbox leaves firm A's connection and tokens as they were
        var landing = Harness.connect(OTHER_FIRM, user, "bob@halemarsh.test");
        assertEquals("connected", Harness.query(landing.uri()).get("office365"), landing.body());
        given().auth().oauth2(appToken(user)).when().get("/connections/office365").then()
                .body("state", equalTo("CONNECTED")).body("mailbox", equalTo("alice@halemarsh.test"));
        given().auth().oauth2(appToken(OTHER_FIRM, user)).when().get("/connections/office365").then()
                .body("state", equalTo("CONNECTED")).body("mailbox", equalTo("bob@halemarsh.test"));
        internalToken(user).then().statusCode(200).body("mailbox", equalTo("alice@halemarsh.test"))
                .body("firmId", equalTo(Harness.FIRM));
        internalToken(OTHER_FIRM, user).then().statusCode(200).body("mailbox", equalTo("bob@halemarsh.test"))
                .body("firmId", equalTo(OTHER_FIRM));
        assertEquals("2", Harness.sql("SELECT count(*) FROM graph_subscription WHERE user_id = ?", user));

        // firm B's user disconnects: firm A's stays connected, with its token
        given().auth().oauth2(appToken(OTHER_FIRM, user)).when().delete("/connections/office365").then()
                .statusCode(200).body("state", equalTo("DISCONNECTED"));
        given().auth().oauth2(appToken(user)).when().get("/connections/office365").then()
                .body("state", equalTo("CONNECTED")).body("mailbox", equalTo("alice@halemarsh.test"));
        internalToken(user).then().statusCode(200);
        internalToken(OTHER_FIRM, user).then().statusCode(404);

        // each state is published under its own key, naming its own firm
        String keyB = UserKey.of(OTHER_FIRM, user).kafkaKey();
        var records = TopicProbe.readUntil(TestPlatform.kafka().bootstrapServers(), Topics.CONNECTIONS,
                Duration.ofSeconds(30), r -> r.stream().anyMatch(x -> keyB.equals(x.key())
                        && EventCodec.fromJson(x.value(), ConnectionChanged.class).data.state()
                                == ConnectionState.DISCONNECTED));
        records.stream().filter(x -> keyB.equals(x.key())).forEach(x -> assertEquals(OTHER_FIRM,
                EventCodec.fromJson(x.value(), ConnectionChanged.class).data.firmId()));
        records.stream().filter(x -> UserKey.of(Harness.FIRM, user).kafkaKey().equals(x.key())).forEach(x ->
                assertEquals(ConnectionState.CONNECTED, EventCodec.fromJson(x.value(), ConnectionChanged.class)
                        .data.state()));
    }

    @Test
    void theInternalTokenApiNamesTheFirm() {
        String user = "u-" + UUID.randomUUID().toString().substring(0, 8);
        Harness.connectOk(user, "alice@halemarsh.test");
        internalToken("no-such-firm", user).then().statusCode(404);
        given().header("Authorization", "Bearer " + Harness.INTERNAL_CREDENTIAL)
                .when().get("/internal/users/" + user + "/graph-token").then().statusCode(404);
    }
}
