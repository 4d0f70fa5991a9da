package io.docketsync.activity;

import static org.hamcrest.Matchers.equalTo;

import io.docketsync.contracts.Office365Settings;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.SettingsApplied;
import io.docketsync.contracts.Topics;
import io.docketsync.testsupport.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** GET /me tells a front end which settings version each service applied, so it knows when a change is in effect. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class SettingsAppliedTest {

    @Test
    void meSaysWhichSettingsVersionTheSyncWorkerPlansWith() {
        TestFirm firm = TestFirm.seeded();
        firm.as("bob").get("/me").then().statusCode(200).body("firmSettingsVersion", equalTo(1))
                .body("syncWorkerSettingsVersion", equalTo(0));

        firm.settings(Office365Settings.defaults(), 2);
        firm.send(Topics.SYNC_STATUS, firm.id, SettingsApplied.TYPE, Origin.system(),
                new SettingsApplied(firm.id, 2, Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> firm.as("bob").get("/me").then()
                .statusCode(200).body("firmSettingsVersion", equalTo(2)).body("syncWorkerSettingsVersion", equalTo(2)));

        // a redelivered older report never moves it back
        firm.send(Topics.SYNC_STATUS, firm.id, SettingsApplied.TYPE, Origin.system(),
                new SettingsApplied(firm.id, 1, Instant.now()));
        firm.send(Topics.SYNC_STATUS, firm.id, SettingsApplied.TYPE, Origin.system(),
                new SettingsApplied(firm.id, 3, Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> firm.as("bob").get("/me").then()
                .body("syncWorkerSettingsVersion", equalTo(3)));
    }
}
