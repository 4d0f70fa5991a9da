package io.docketsync.connector;

import static io.docketsync.connector.Harness.FIRM;
import static io.docketsync.connector.Harness.appToken;
import static io.docketsync.connector.Harness.connect;
import static io.docketsync.connector.Harness.connectOk;
import static io.docketsync.connector.Harness.query;
import static io.docketsync.connector.Harness.sql;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docketsync.contracts.ConnectionChanged;
import io.docketsync.contracts.ConnectionState;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.GraphNotification;
import io.docketsync.contracts.Topics;
import io.docketsync.testsupport.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ConnectorTestResource.class, restrictToAnnotatedClass = false)
class ConnectFlowTest {

    @Test
    void connectingFollowsEntraThroughTheCallbackToTheFrontEndAndEndsConnectedAndPublished() {
        String user = Harness.newUser();
        String url = Harness.authorizationUrl(user, "alice@halemarsh.test");
        Map<String, String> asked = query(URI.create(url));
        assertTrue(url.startsWith(ConnectorTestResource.simulator.authority() + "/organizations/oauth2/v2.0/authorize"), url);
        assertEquals("code", asked.get("response_type"));
        assertEquals("S256", asked.get("code_challenge_method"));
        assertEquals("offline_access Calendars.ReadWrite User.Read", asked.get("scope"));
        assertEquals("alice@halemarsh.test", asked.get("login_hint"));
        assertEquals("http://localhost:" + ConnectorTestResource.port + "/connections/office365/callback",
                asked.get("redirect_uri"));
        assertNotNull(asked.get("state"));

        var landing = Harness.browse(url);
        assertEquals(200, landing.statusCode(), landing.body());
        assertEquals("connected", query(landing.uri()).get("office365"));
        assertTrue(landing.body().contains("Office 365: connected"), landing.body());

        given().auth().oauth2(appToken(user)).when().get("/connections/office365").then().statusCode(200)
                .body("state", equalTo("CONNECTED")).body("mailbox", equalTo("alice@halemarsh.test"))
                .body("since", notNullValue()).body("lastError", nullValue());

        List<EventEnvelope<ConnectionChanged>> published = Harness.eventsUntil(Topics.CONNECTIONS, user,
                ConnectionChanged.class, c -> c.state() == ConnectionState.CONNECTED);
        EventEnvelope<ConnectionChanged> connected = published.stream()
                .filter(e -> e.data.state() == ConnectionState.CONNECTED).findFirst().orElseThrow();
        assertEquals("alice@halemarsh.test", connected.data.mailbox());
        assertEquals(FIRM, connected.firmId);

        // the subscription exists at Graph and its notifications reach the topic, keyed by the user
        String subscriptionId = sql("SELECT subscription_id FROM graph_subscription WHERE user_id = ?", user);
        assertNotNull(subscriptionId);
        assertTrue(Harness.simAdmin("GET", "/_sim/subscriptions", null).body().contains(subscriptionId));
        // the event's immutable id: only a subscription made with Prefer IdType="ImmutableId" notifies by it
        String eventId = Harness.createEvent(user, "Hearing prep");
        List<GraphNotification> notes = Harness.notificationsUntil(user, n -> eventId.equals(n.eventId()));
        GraphNotification created = notes.stream().filter(n -> eventId.equals(n.eventId())).findFirst().orElseThrow();
        assertEquals(GraphNotification.Kind.CHANGE, created.kind());
        assertEquals("created", created.changeType());
        assertEquals("alice@halemarsh.test", created.mailbox());
        assertEquals(FIRM, created.firmId());
    }

    @Test
    void anOnPremisesMailboxIsRefusedWithAReasonAndNoTokensAreKept() {
        String user = Harness.newUser();
        var landing = connect(user, "dave@halemarsh.test");
        Map<String, String> outcome = query(landing.uri());
        assertEquals("refused", outcome.get("office365"), landing.uri().toString());
        assertTrue(outcome.get("reason").contains("on-premises"), outcome.get("reason"));

        given().auth().oauth2(appToken(user)).when().get("/connections/office365").then().statusCode(200)
                .body("state", equalTo("REFUSED")).body("mailbox", equalTo("dave@halemarsh.test"))
                .body("lastError", containsString("not hosted by Microsoft"));
        assertNull(sql("SELECT user_id FROM credential WHERE user_id = ?", user));
        assertNull(sql("SELECT user_id FROM graph_subscription WHERE user_id = ?", user));
        Harness.eventsUntil(Topics.CONNECTIONS, user, ConnectionChanged.class, c -> c.state() == ConnectionState.REFUSED);
        // the sync-worker is told why it gets no token
        Harness.internalToken(user).then().statusCode(424).contentType("application/problem+json")
                .body("title", equalTo("Mailbox not supported"));
    }

    @Test
    void theStateIsSingleUse() {
        String user = Harness.newUser();
        String callback = Harness.location(Harness.authorizationUrl(user, "bob@halemarsh.test"));
        assertTrue(callback.contains("/connections/office365/callback?"), callback);
        var first = Harness.browse(callback);
        assertEquals("connected", query(first.uri()).get("office365"));
        var replay = Harness.browse(callback);
        assertEquals("failed", query(replay.uri()).get("office365"));
        assertTrue(query(replay.uri()).get("reason").contains("already used"));
    }

    @Test
    void anUnknownOrMissingStateAndADeniedSignInEndAtTheFrontEndAsFailed() {
        var forged = Harness.browse("http://localhost:" + ConnectorTestResource.port
                + "/connections/office365/callback?code=abc&state=forged");
        assertEquals("failed", query(forged.uri()).get("office365"));
        var missing = Harness.browse("http://localhost:" + ConnectorTestResource.port + "/connections/office365/callback");
        assertEquals("failed", query(missing.uri()).get("office365"));

        // Entra answers an unknown login_hint with login_required: the flow ends failed, nothing is connected
        String user = Harness.newUser();
        var denied = connect(user, "nobody@halemarsh.test");
        assertEquals("failed", query(denied.uri()).get("office365"));
        assertTrue(query(denied.uri()).get("reason").contains("did not sign you in"));
        given().auth().oauth2(appToken(user)).when().get("/connections/office365").then()
                .body("state", equalTo("DISCONNECTED"));
    }

    @Test
    void badConnectRequestsAreProblemsNot500s() {
        String user = Harness.newUser();
        given().auth().oauth2(appToken(user)).contentType("application/json").body("{\"loginHint\":\"no address\"}")
                .when().post("/connections/office365").then().statusCode(400)
                .contentType("application/problem+json").body("title", equalTo("Invalid login hint"));
        given().auth().oauth2(appToken(user)).contentType("application/json").body("{not json")
                .when().post("/connections/office365").then().statusCode(400)
                .contentType("application/problem+json");
        given().contentType("application/json").body("{}").when().post("/connections/office365").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        given().auth().oauth2("not-a-jwt").when().get("/connections/office365").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void connectNeedsNoBody() {
        String url = given().auth().oauth2(appToken(Harness.newUser())).when().post("/connections/office365")
                .then().statusCode(200).body("expiresAt", notNullValue()).extract().path("authorizationUrl");
        assertFalse(url.contains("login_hint"));
    }

    @Test
    void disconnectingDeletesTheSubscriptionAtGraphErasesTheTokensAndPublishes() {
        String user = Harness.newUser();
        connectOk(user, "bob@halemarsh.test");
        String subscriptionId = sql("SELECT subscription_id FROM graph_subscription WHERE user_id = ?", user);
        assertNotNull(sql("SELECT user_id FROM credential WHERE user_id = ?", user));

        given().auth().oauth2(appToken(user)).when().delete("/connections/office365").then().statusCode(200)
                .body("state", equalTo("DISCONNECTED"));

        assertFalse(Harness.simAdmin("GET", "/_sim/subscriptions", null).body().contains(subscriptionId));
        assertNull(sql("SELECT user_id FROM credential WHERE user_id = ?", user));
        assertNull(sql("SELECT user_id FROM graph_subscription WHERE user_id = ?", user));
        Harness.eventsUntil(Topics.CONNECTIONS, user, ConnectionChanged.class,
                c -> c.state() == ConnectionState.DISCONNECTED);
        Harness.internalToken(user).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aConnectedUserWhoConnectsAnOnPremisesMailboxLosesTheOldConnectionCleanly() {
        String user = Harness.newUser();
        connectOk(user, "bob@halemarsh.test");
        String oldSubscription = sql("SELECT subscription_id FROM graph_subscription WHERE user_id = ?", user);

        var landing = connect(user, "dave@halemarsh.test");
        assertEquals("refused", query(landing.uri()).get("office365"));
        assertFalse(Harness.simAdmin("GET", "/_sim/subscriptions", null).body().contains(oldSubscription),
                "the old subscription is deleted at Graph");
        assertNull(sql("SELECT user_id FROM credential WHERE user_id = ?", user));
        assertNull(sql("SELECT user_id FROM graph_subscription WHERE user_id = ?", user));
        given().auth().oauth2(appToken(user)).when().get("/connections/office365").then()
                .body("state", equalTo("REFUSED")).body("mailbox", equalTo("dave@halemarsh.test"));
    }

    /**
     * A firm going live: its users press Connect within the same moment, each with a mailbox of their own. Every
     * callback answers (within a minute each, where one browser would wait for good) and every user ends connected.
     */
    @Test
    void usersConnectingAtTheSameMomentAllEndConnected() throws Exception {
        int users = 8;
        Map<String, String> mailboxes = new LinkedHashMap<>(); // user → their own mailbox
        for (int i = 0; i < users; i++) {
            String user = Harness.newUser();
            mailboxes.put(user, Harness.ownMailbox(user));
        }
        ExecutorService browsers = Executors.newFixedThreadPool(users);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Map<String, Future<HttpResponse<String>>> landings = new LinkedHashMap<>();
            mailboxes.forEach((user, mailbox) -> landings.put(user, browsers.submit(() -> {
                String url = Harness.authorizationUrl(user, mailbox);
                start.await();
                return Harness.browse(url);
            })));
            start.countDown();
            for (var landing : landings.entrySet()) {
                URI end = landing.getValue().get(60, TimeUnit.SECONDS).uri();
                assertEquals("connected", query(end).get("office365"), landing.getKey() + ": " + end);
            }
        } finally {
            browsers.shutdownNow();
        }
        for (var user : mailboxes.entrySet()) {
            given().auth().oauth2(appToken(user.getKey())).when().get("/connections/office365").then().statusCode(200)
                    .body("state", equalTo("CONNECTED")).body("mailbox", equalTo(user.getValue()));
            assertNotNull(sql("SELECT subscription_id FROM graph_subscription WHERE user_id = ?", user.getKey()));
        }
    }
}
