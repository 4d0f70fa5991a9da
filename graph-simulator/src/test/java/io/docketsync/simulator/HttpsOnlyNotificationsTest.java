package io.docketsync.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.microsoft.graph.models.Subscription;
import com.microsoft.graph.models.odataerrors.ODataError;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The simulator as it starts by default: like Graph, it refuses http:// notification URLs, loopback ones too. */
@QuarkusTest
@TestProfile(HttpsOnlyNotificationsTest.HttpsOnly.class)
class HttpsOnlyNotificationsTest extends SimulatorTest {

    public static class HttpsOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("docketsync.simulator.subscriptions.allow-http-loopback-notifications", "false");
        }
    }

    @Test
    void aLoopbackHttpNotificationUrlIsRefusedByDefault() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            Subscription s = new Subscription();
            s.setChangeType("created,updated,deleted");
            s.setNotificationUrl(receiver.url("/notify"));
            s.setResource("/me/events");
            s.setExpirationDateTime(OffsetDateTime.now().plusHours(1));
            s.setClientState("docketsync-secret");
            ODataError refused = assertThrows(ODataError.class, () -> graph(ALICE).subscriptions().post(s));
            assertEquals(400, refused.getResponseStatusCode());
            assertEquals("InvalidRequest", refused.getError().getCode());
            assertEquals("NotificationUrl scheme='http' is not supported.", refused.getError().getMessage());
        }
    }
}
