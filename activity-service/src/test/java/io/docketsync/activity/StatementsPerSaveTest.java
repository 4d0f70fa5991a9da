package io.docketsync.activity;

import static org.hamcrest.Matchers.equalTo;

import io.docketsync.testsupport.PlatformTestResource;
import io.docketsync.testsupport.SqlStatementLog;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a save costs the database: the SQL statements sent for one create, replace and delete through the API
 * (counted from the statement logs of Hibernate Reactive, {@code org.hibernate.SQL}, and of the reactive SQL client,
 * {@code io.docketsync.sql}, which a create uses; each save is also one BEGIN and one COMMIT, not logged there). The
 * figures are printed for the README's "Cost per change"; the bounds keep them.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class StatementsPerSaveTest {
    private static final int SAVES = 5;
    private SqlStatementLog log;

    @BeforeEach
    void countStatements() {
        log = SqlStatementLog.open("org.hibernate.SQL", io.docketsync.outbox.Sql.LOG_CATEGORY);
    }

    @AfterEach
    void stopCounting() {
        log.close();
    }

    @Test
    void aSaveCostsAFewStatements() {
        TestFirm firm = TestFirm.seeded();
        firm.create("alice", TestFirm.appointment("alice", "bob")); // the firm's context is read once, whatever after

        List<String> ids = new ArrayList<>();
        double create = measure(() -> ids.add(firm.create("alice", TestFirm.appointment("alice", "bob"))));
        int[] i = {0};
        double replace = measure(() -> firm.as("alice").header("If-Match", "\"0\"")
                .body(TestFirm.appointmentAt("Moved", "2026-12-02T09:00:00", "2026-12-02T10:00:00", "alice", "bob"))
                .when().put("/activities/" + ids.get(i[0]++)).then().statusCode(200).body("subject", equalTo("Moved")));
        int[] j = {0};
        double delete = measure(() -> firm.as("alice").when().delete("/activities/" + ids.get(j[0]++))
                .then().statusCode(204));
        System.out.printf("statements per save (SQL, besides BEGIN and COMMIT): create %.1f, replace %.1f, delete %.1f%n",
                create, replace, delete);
        log.clear();
        firm.create("alice", TestFirm.appointment("alice", "bob"));
        System.out.println("one create's statements:\n  " + String.join("\n  ", log.statements()));
        // before issue 19: create 7, replace 8, delete 7 (the firm's settings, users and connections read each time,
        // the new activity's sync statuses read back). A create is the activity, its history line and its event.
        org.junit.jupiter.api.Assertions.assertTrue(create == 3 && replace <= 5 && delete <= 4,
                "create " + create + ", replace " + replace + ", delete " + delete);
    }

    private double measure(Runnable save) {
        log.clear();
        for (int n = 0; n < SAVES; n++) {
            save.run();
        }
        return log.statements().size() / (double) SAVES;
    }
}
