package io.docketsync.connector;

import static io.docketsync.connector.Harness.connectOk;
import static io.docketsync.connector.Harness.eventually;
import static io.docketsync.connector.Harness.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docketsync.connector.graph.SubscriptionMaintenance;
import io.docketsync.contracts.GraphNotification;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Subscriptions live 15 s in these tests and are renewed 10 s before they expire (ConnectorTestResource). */
@QuarkusTest
class SubscriptionLifecycleTest {
    @Inject
    SubscriptionMaintenance maintenance;

    private static Instant expiresAt(String user) {
        return OffsetDateTime.parse(sql("SELECT to_char(expires_at AT TIME ZONE 'UTC', "
                + "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') FROM graph_subscription WHERE user_id = ?", user)).toInstant();
    }

    private static int renewals(String user) {
        return Integer.parseInt(sql("SELECT renewals FROM graph_subscription WHERE user_id = ?", user));
    }

    @Test
    void renewalsKeepNotificationsFlowingPastTheFirstExpiry() {
        String user = Harness.newUser();
        connectOk(user, "bob@halemarsh.test");
        String subscriptionId = sql("SELECT subscription_id FROM graph_subscription WHERE user_id = ?", user);
        Instant firstExpiry = expiresAt(user);

        eventually("the subscription was renewed and its first expiry has passed",
                () -> renewals(user) >= 2 && Instant.now().isAfter(firstExpiry));
        assertEquals(subscriptionId, sql("SELECT subscription_id FROM graph_subscription WHERE user_id = ?", user),
                "renewed, not recreated");
        assertTrue(expiresAt(user).isAfter(firstExpiry));
        String sim = Harness.simAdmin("GET", "/_sim/subscriptions", null).body();
        assertTrue(sim.contains(subscriptionId), sim);

        String eventId = Harness.createEvent(user, "After the first expiry");
        List<GraphNotification> notes = Harness.notificationsUntil(user, n -> eventId.equals(n.eventId()));
        assertTrue(notes.stream().anyMatch(n -> eventId.equals(n.eventId()) && "created".equals(n.changeType())));
    }

    @Test
    void aRemovedSubscriptionIsRecreatedAndTheMailboxRepairedByDelta() {
        String user = Harness.newUser();
        connectOk(user, "alice@halemarsh.test");
        String removed = sql("SELECT subscription_id FROM graph_subscription WHERE user_id = ?", user);
        assertEquals(202, Harness.simAdmin("POST", "/_sim/subscriptions/" + removed + "/lifecycle",
                "{\"lifecycleEvent\":\"subscriptionRemoved\"}").statusCode());

        List<GraphNotification> notes = Harness.notificationsUntil(user,
                n -> n.kind() == GraphNotification.Kind.DELTA_REPAIR);
        assertTrue(notes.stream().anyMatch(n -> n.kind() == GraphNotification.Kind.LIFECYCLE
                && "subscriptionRemoved".equals(n.lifecycleEvent()) && removed.equals(n.subscriptionId())));
        GraphNotification repair = notes.stream().filter(n -> n.kind() == GraphNotification.Kind.DELTA_REPAIR)
                .findFirst().orElseThrow();
        assertEquals("alice@halemarsh.test", repair.mailbox());
        String recreated = sql("SELECT subscription_id FROM graph_subscription WHERE user_id = ?", user);
        assertNotEquals(removed, recreated);
        assertEquals(recreated, repair.subscriptionId());

        // the new subscription delivers
        String eventId = Harness.createEvent(user, "After recreation");
        Harness.notificationsUntil(user, n -> eventId.equals(n.eventId()));
    }

    @Test
    void aMissedNotificationAsksForADeltaRepair() {
        String user = Harness.newUser();
        connectOk(user, "bob@halemarsh.test");
        String id = sql("SELECT subscription_id FROM graph_subscription WHERE user_id = ?", user);
        assertEquals(202, Harness.simAdmin("POST", "/_sim/subscriptions/" + id + "/lifecycle",
                "{\"lifecycleEvent\":\"missed\"}").statusCode());
        List<GraphNotification> notes = Harness.notificationsUntil(user,
                n -> n.kind() == GraphNotification.Kind.DELTA_REPAIR && "missed".equals(n.lifecycleEvent()));
        assertTrue(notes.stream().anyMatch(n -> n.kind() == GraphNotification.Kind.DELTA_REPAIR));
    }

    @Test
    void reauthorizationRequiredIsReauthorizedAtGraph() {
        String user = Harness.newUser();
        connectOk(user, "alice@halemarsh.test");
        String id = sql("SELECT subscription_id FROM graph_subscription WHERE user_id = ?", user);
        int before = renewals(user);
        assertEquals(202, Harness.simAdmin("POST", "/_sim/subscriptions/" + id + "/lifecycle",
                "{\"lifecycleEvent\":\"reauthorizationRequired\"}").statusCode());
        Harness.notificationsUntil(user, n -> "reauthorizationRequired".equals(n.lifecycleEvent()));
        eventually("the reauthorization was done", () -> sql(
                "SELECT pending_action FROM graph_subscription WHERE user_id = ?", user) == null && renewals(user) > before);
        assertTrue(Harness.simAdmin("GET", "/_sim/requests", null).body().contains("/subscriptions/" + id + "/reauthorize"));
    }

    @Test
    void aSubscriptionAnotherInstanceIsWorkingOnIsSkippedNotWaitedForAndWorkedOnOnce() throws Exception {
        String user = Harness.newUser();
        connectOk(user, "bob@halemarsh.test");
        String id = sql("SELECT subscription_id FROM graph_subscription WHERE user_id = ?", user);
        try (Connection otherInstance = Harness.jdbc()) {
            otherInstance.setAutoCommit(false);
            // another instance works on this user: it holds the connection row
            try (var lock = otherInstance.prepareStatement("SELECT user_id FROM connection WHERE user_id = ? FOR UPDATE")) {
                lock.setString(1, user);
                lock.executeQuery().close();
            }
            // meanwhile a lifecycle event makes the subscription due at once
            try (Connection c = Harness.jdbc(); var due = c.prepareStatement(
                    "UPDATE graph_subscription SET pending_action = 'REAUTHORIZE' WHERE user_id = ?")) {
                due.setString(1, user);
                assertEquals(1, due.executeUpdate());
            }
            // this instance's run passes it by (SKIP LOCKED) instead of blocking on it; the bound only keeps a
            // broken build from hanging
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return VertxContextSupport.subscribeAndAwait(() -> maintenance.runOnce());
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
            });
            run.get(60, TimeUnit.SECONDS);
            assertEquals("REAUTHORIZE", sql("SELECT pending_action FROM graph_subscription WHERE user_id = ?", user));
            otherInstance.rollback();
        }
        eventually("the reauthorization was done after the other instance let go",
                () -> sql("SELECT pending_action FROM graph_subscription WHERE user_id = ?", user) == null);
        String log = Harness.simAdmin("GET", "/_sim/requests", null).body();
        assertEquals(1, log.split(java.util.regex.Pattern.quote("/subscriptions/" + id + "/reauthorize"), -1).length - 1,
                "reauthorized exactly once");
    }
}
