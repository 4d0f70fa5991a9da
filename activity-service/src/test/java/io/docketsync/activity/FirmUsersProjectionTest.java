package io.docketsync.activity;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.docketsync.contracts.FirmUser;
import io.docketsync.contracts.Office365Settings;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.Permission;
import io.docketsync.contracts.SettingsChanged;
import io.docketsync.contracts.Topics;
import io.docketsync.testsupport.PlatformTestResource;
import io.docketsync.testsupport.SqlStatementLog;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A settings record lists the firm's users whole; activity-service makes its users what the record lists (added,
 * changed, removed) and writes only the rows that changed, against the real database and topic.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class FirmUsersProjectionTest {
    @Inject
    Pool pool;

    @Test
    void aSettingsRecordWritesOnlyTheUsersItChanged() throws Throwable {
        TestFirm firm = TestFirm.seeded(); // alice, bob, carol, dave, erin
        Map<String, String> rowsBefore = rowVersions(firm.id);
        List<FirmUser> users = new ArrayList<>(TestFirm.USERS);
        users.set(1, new FirmUser("bob", "Bob Marsh", "bob@halemarsh.test", false, Permission.ANY, Permission.OWN,
                true));
        users.removeIf(u -> u.userId().equals("carol"));
        users.add(new FirmUser("frank", "Frank Lowe", "frank@halemarsh.test", false, Permission.OWN, Permission.NONE,
                true));

        List<String> written;
        try (SqlStatementLog log = SqlStatementLog.open("org.hibernate.SQL")) {
            firm.send(Topics.SETTINGS_CHANGES, firm.id, SettingsChanged.TYPE, Origin.system(),
                    new SettingsChanged(firm.id, Office365Settings.defaults(), users, 2));
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> firm.as("alice").get("/me")
                    .then().statusCode(200).body("firmSettingsVersion", equalTo(2)));
            written = log.statements().stream().map(q -> q.toLowerCase(Locale.ROOT))
                    .filter(q -> q.contains("firm_user") && !q.startsWith("select")).toList();
        }

        firm.as("bob").get("/me").then().statusCode(200).body("known", equalTo(true)).body("edit", equalTo("ANY"));
        firm.as("carol").get("/me").then().statusCode(200).body("known", equalTo(false));
        firm.as("frank").get("/me").then().statusCode(200).body("known", equalTo(true))
                .body("displayName", equalTo("Frank Lowe")).body("delete", equalTo("NONE"));
        firm.as("alice").get("/me").then().statusCode(200).body("known", equalTo(true)).body("admin", equalTo(true));

        // bob updated, carol deleted, frank inserted; alice, dave and erin untouched. Hibernate logs a batch of inserts
        // as one statement, so the rows' versions (xmin: the transaction that wrote each) say which rows were written.
        Map<String, String> rowsAfter = rowVersions(firm.id);
        assertEquals(Set.of("alice", "bob", "dave", "erin", "frank"), rowsAfter.keySet());
        for (String untouched : List.of("alice", "dave", "erin")) {
            assertEquals(rowsBefore.get(untouched), rowsAfter.get(untouched), untouched + "'s row was written again");
        }
        assertNotEquals(rowsBefore.get("bob"), rowsAfter.get("bob"), "bob's row was not updated");
        assertEquals(1, written.stream().filter(s -> s.startsWith("insert")).count(), written::toString);
        assertEquals(1, written.stream().filter(s -> s.startsWith("update")).count(), written::toString);
        assertEquals(1, written.stream().filter(s -> s.startsWith("delete")).count(), written::toString);
        assertEquals(3, written.size(), written::toString);
    }

    /** Each of the firm's user rows by user id, with the transaction that last wrote it. */
    private Map<String, String> rowVersions(String firmId) throws Throwable {
        RowSet<Row> rows = VertxContextSupport.subscribeAndAwait(() -> pool
                .preparedQuery("SELECT user_id, xmin::text FROM firm_user WHERE firm_id = $1")
                .execute(Tuple.of(firmId)));
        Map<String, String> byUser = new HashMap<>();
        rows.forEach(r -> byUser.put(r.getString(0), r.getString(1)));
        return byUser;
    }
}
