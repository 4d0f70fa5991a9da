package io.docketsync.activity;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docketsync.contracts.FirmUser;
import io.docketsync.contracts.Office365Settings;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.Permission;
import io.docketsync.contracts.SettingsChanged;
import io.docketsync.contracts.Topics;
import io.docketsync.testsupport.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A settings record lists the firm's users whole; activity-service makes its users what the record lists (added,
 * changed, removed) and writes only the rows that changed, against the real database and topic.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class FirmUsersProjectionTest {
    private static final Logger HIBERNATE_SQL = Logger.getLogger("org.hibernate.SQL");

    @Test
    void aSettingsRecordWritesOnlyTheUsersItChanged() {
        TestFirm firm = TestFirm.seeded(); // alice, bob, carol, dave, erin
        List<FirmUser> users = new ArrayList<>(TestFirm.USERS);
        users.set(1, new FirmUser("bob", "Bob Marsh", "bob@halemarsh.test", false, Permission.ANY, Permission.OWN, true));
        users.removeIf(u -> u.userId().equals("carol"));
        users.add(new FirmUser("frank", "Frank Lowe", "frank@halemarsh.test", false, Permission.OWN, Permission.NONE,
                true));

        List<String> written = Collections.synchronizedList(new ArrayList<>());
        Handler counter = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String sql = String.valueOf(record.getMessage()).toLowerCase(Locale.ROOT);
                if (sql.contains("firm_user") && !sql.startsWith("select")) {
                    written.add(sql);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level before = HIBERNATE_SQL.getLevel();
        HIBERNATE_SQL.setLevel(Level.FINE);
        HIBERNATE_SQL.addHandler(counter);
        try {
            firm.send(Topics.SETTINGS_CHANGES, firm.id, SettingsChanged.TYPE, Origin.system(),
                    new SettingsChanged(firm.id, Office365Settings.defaults(), users, 2));
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> firm.as("alice").get("/me")
                    .then().statusCode(200).body("firmSettingsVersion", equalTo(2)));
        } finally {
            HIBERNATE_SQL.removeHandler(counter);
            HIBERNATE_SQL.setLevel(before);
        }

        firm.as("bob").get("/me").then().statusCode(200).body("known", equalTo(true)).body("edit", equalTo("ANY"));
        firm.as("carol").get("/me").then().statusCode(200).body("known", equalTo(false));
        firm.as("frank").get("/me").then().statusCode(200).body("known", equalTo(true))
                .body("displayName", equalTo("Frank Lowe")).body("delete", equalTo("NONE"));
        firm.as("alice").get("/me").then().statusCode(200).body("known", equalTo(true)).body("admin", equalTo(true));

        // bob updated, carol deleted, frank inserted; alice, dave and erin untouched
        assertEquals(1, written.stream().filter(s -> s.startsWith("insert")).count(), written::toString);
        assertEquals(1, written.stream().filter(s -> s.startsWith("update")).count(), written::toString);
        assertEquals(1, written.stream().filter(s -> s.startsWith("delete")).count(), written::toString);
        assertEquals(3, written.size(), written::toString);
    }
}
