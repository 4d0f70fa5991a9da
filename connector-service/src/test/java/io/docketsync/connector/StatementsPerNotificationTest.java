package io.docketsync.connector;

import static io.docketsync.connector.Harness.connectOk;
import static io.docketsync.connector.Harness.sql;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docketsync.connector.domain.Secrets;
import io.docketsync.contracts.GraphNotification;
import io.docketsync.outbox.Sql;
import io.docketsync.testsupport.SqlStatementLog;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the webhook costs the database: the SQL statements sent for one post of Graph change notifications (counted
 * from the statement logs: the SQL client's, {@link Sql#LOG_CATEGORY}, and Hibernate's). Before issue 19 a post of n
 * notifications cost 2 + n (two lookups, an INSERT per notification) between a BEGIN and a COMMIT; then 3 whatever n
 * (two lookups, one INSERT into the outbox); now 2, on the SQL client without a transaction: the subscriptions named
 * joined with their owners' connections, and one INSERT.
 */
@QuarkusTest
class StatementsPerNotificationTest {

    @Test
    void aPostOfTenNotificationsIsOneLookupAndOneInsert() throws Exception {
        String user = Harness.newUser();
        connectOk(user, "alice@halemarsh.test");
        String subscriptionId = sql("SELECT subscription_id FROM graph_subscription WHERE user_id = ?", user);
        try (Connection c = Harness.jdbc(); PreparedStatement ps = c.prepareStatement(
                "UPDATE graph_subscription SET client_state_hash = ? WHERE user_id = ?")) {
            ps.setString(1, Secrets.hash("known-client-state"));
            ps.setString(2, user);
            assertEquals(1, ps.executeUpdate());
        }
        StringBuilder body = new StringBuilder("{\"value\":[");
        for (int i = 0; i < 10; i++) {
            body.append(i == 0 ? "" : ",").append("{\"subscriptionId\":\"").append(subscriptionId)
                    .append("\",\"clientState\":\"known-client-state\",\"changeType\":\"updated\",")
                    .append("\"resource\":\"Users/x/Events/counted-").append(i)
                    .append("\",\"resourceData\":{\"id\":\"counted-").append(i).append("\"}}");
        }
        body.append("]}");

        List<String> statements;
        try (SqlStatementLog log = SqlStatementLog.open(Sql.LOG_CATEGORY, "org.hibernate.SQL")) {
            given().contentType("application/json").body(body.toString()).when().post("/graph/notifications")
                    .then().statusCode(202);
            statements = log.statements();
        }
        System.out.println("statements for a post of 10 notifications: " + statements.size() + "\n  "
                + String.join("\n  ", statements));
        // the subscription maintenance may run meanwhile: count the post's own (the lookup by subscription ids, the
        // outbox's INSERT)
        List<String> own = statements.stream().filter(q -> q.contains("outbox_event")
                || q.contains("subscription_id = ANY")).toList();
        assertEquals(2, own.size(), statements.toString());
        List<GraphNotification> published = Harness.notificationsUntil(user, n -> "counted-9".equals(n.eventId()));
        assertEquals(10, published.stream().filter(n -> n.eventId() != null && n.eventId().startsWith("counted-"))
                .count(), "all ten published");
    }
}
