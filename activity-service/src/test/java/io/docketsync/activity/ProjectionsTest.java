package io.docketsync.activity;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.docketsync.contracts.ConnectionChanged;
import io.docketsync.contracts.ConnectionState;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.SyncState;
import io.docketsync.contracts.SyncStatusChanged;
import io.docketsync.contracts.Topics;
import io.docketsync.testsupport.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The green check and the sync status come from the connector's and the sync-worker's topics. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class ProjectionsTest {
    private TestFirm firm;

    @BeforeEach
    void newFirm() {
        firm = TestFirm.seeded();
    }

    @Test
    void connectedUsersGetTheGreenCheckAndAConnectedCreatorOrganizes() {
        String id = firm.create("alice", TestFirm.appointment("alice", "bob", "carol"));
        Instant t = Instant.now();
        connection("bob", ConnectionState.CONNECTED, t);
        connection("alice", ConnectionState.CONNECTED, t);
        connection("carol", ConnectionState.NEEDS_REAUTH, t);
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> firm.as("alice").get("/activities/" + id)
                .then().body("scheduledFor.connected", contains(true, true, false)));

        firm.as("alice").body(TestFirm.appointment("alice", "bob")).when().post("/activities")
                .then().statusCode(201).body("organizerId", equalTo("alice"));
        firm.as("alice").when().get("/me").then().body("connected", equalTo(true)).body("edit", equalTo("ANY"));

        // an older state read after a newer one (a replay) changes nothing; a newer one does
        connection("bob", ConnectionState.DISCONNECTED, t.minusSeconds(60));
        connection("alice", ConnectionState.DISCONNECTED, t.plusSeconds(60));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> firm.as("alice").get("/activities/" + id)
                .then().body("scheduledFor.connected", contains(false, true, false)));
    }

    @Test
    void eachUsersSyncStatusIsShownWithTheReason() {
        String id = firm.create("alice", TestFirm.appointment("alice", "bob", "dave"));
        Instant t = Instant.now();
        status(id, "alice", SyncState.LINKED, null, t);
        status(id, "bob", SyncState.PENDING, "waiting for bob to reconnect", t);
        status(id, "dave", SyncState.FAILED, "mailbox not supported: on-premises Exchange", t);
        status(id, "alice", SyncState.FAILED, "an older report", t.minusSeconds(5));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> firm.as("bob").get("/activities/" + id)
                .then().body("scheduledFor.syncStatus", contains("LINKED", "PENDING", "FAILED"))
                .body("scheduledFor.syncReason", contains(null, "waiting for bob to reconnect",
                        "mailbox not supported: on-premises Exchange")));
    }

    @Test
    void aFailureAndTheRecoveryFromItAreLinesOfTheActivitysHistory() {
        String id = firm.create("alice", TestFirm.appointment("alice", "bob"));
        Instant t = Instant.now();
        status(id, "bob", SyncState.LINKED, null, t);
        status(id, "bob", SyncState.FAILED, "Office 365 refused UPDATE for bob: ErrorItemNotFound", t.plusSeconds(1));
        status(id, "bob", SyncState.FAILED, "the same failure reported again", t.plusSeconds(2));
        status(id, "bob", SyncState.LINKED, null, t.plusSeconds(3));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> firm.as("bob")
                .get("/activities/" + id + "/history").then().statusCode(200)
                .body("action", contains("created", "SYNC_FAILED", "SYNC_RECOVERED"))
                .body("find { it.action == 'SYNC_FAILED' }.detail",
                        equalTo("Office 365 refused UPDATE for bob: ErrorItemNotFound"))
                .body("find { it.action == 'SYNC_FAILED' }.outcome", equalTo("FAILED"))
                .body("find { it.action == 'SYNC_FAILED' }.userId", equalTo("bob")));
    }

    private void connection(String user, ConnectionState state, Instant since) {
        firm.send(Topics.CONNECTIONS, user, ConnectionChanged.TYPE, Origin.system(),
                new ConnectionChanged(user, firm.id, state, user + "@halemarsh.test", since, null));
    }

    private void status(String activityId, String user, SyncState state, String reason, Instant at) {
        firm.send(Topics.SYNC_STATUS, activityId, SyncStatusChanged.TYPE, Origin.system(),
                new SyncStatusChanged(activityId, user, state, reason, "evt-" + user, 0, at));
    }
}
