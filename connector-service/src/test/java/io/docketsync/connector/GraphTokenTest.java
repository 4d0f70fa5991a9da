package io.docketsync.connector;

import static io.docketsync.connector.Harness.appToken;
import static io.docketsync.connector.Harness.connectOk;
import static io.docketsync.connector.Harness.internalToken;
import static io.docketsync.connector.Harness.sql;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docketsync.connector.domain.TokenCipher;
import io.docketsync.connector.persistence.CredentialEntity;
import io.docketsync.contracts.ConnectionChanged;
import io.docketsync.contracts.ConnectionState;
import io.docketsync.contracts.Topics;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GraphTokenTest {
    private static final TokenCipher TEST_KEYS = new TokenCipher(Map.of("old", ConnectorTestResource.OLD_KEY, "new",
            ConnectorTestResource.NEW_KEY), "old");

    @Test
    void theInternalApiNeedsTheServiceCredentialNotAnAppToken() {
        String user = Harness.newUser();
        given().when().get("/internal/firms/" + Harness.FIRM + "/users/" + user + "/graph-token").then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer wrong").when().get("/internal/firms/" + Harness.FIRM + "/users/" + user + "/graph-token")
                .then().statusCode(401);
        given().auth().oauth2(appToken(user)).when().get("/internal/firms/" + Harness.FIRM + "/users/" + user + "/graph-token").then()
                .statusCode(401);
        internalToken(user).then().statusCode(404).contentType("application/problem+json")
                .body("title", equalTo("Not connected"));
    }

    @Test
    void aShortLivedAccessTokenIsRefreshedAndTheRotatedRefreshTokenKept() {
        String user = Harness.newUser();
        connectOk(user, "alice@halemarsh.test");
        String storedBefore = sql("SELECT refresh_token FROM credential WHERE user_id = ?", user);

        var first = internalToken(user).then().statusCode(200).header("Cache-Control", "no-store")
                .body("mailbox", equalTo("alice@halemarsh.test")).extract();
        String firstToken = first.path("accessToken");
        Instant firstExpiry = Instant.parse(first.path("expiresAt"));
        assertTrue(firstExpiry.isAfter(Instant.now()));
        // tokens live 60 s and are refreshed 90 s before expiry: every request refreshes
        String secondToken = Harness.accessToken(user);
        assertNotEquals(firstToken, secondToken);
        String storedAfter = sql("SELECT refresh_token FROM credential WHERE user_id = ?", user);
        assertNotEquals(storedBefore, storedAfter, "the rotated refresh token replaced the spent one");
        assertEquals("alice@halemarsh.test", Harness.graph(secondToken).me().get().getUserPrincipalName());
    }

    @Test
    void concurrentRequestsRefreshOneAtATime() throws Exception {
        String user = Harness.newUser();
        connectOk(user, "alice@halemarsh.test");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> internalToken(user).statusCode());
            }
            // one refresh at a time per user (the connection row is locked): the others wait and find the new token
            for (Future<Integer> f : pool.invokeAll(calls)) {
                assertEquals(200, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        given().auth().oauth2(appToken(user)).when().get("/connections/office365").then()
                .body("state", equalTo("CONNECTED"));
    }

    @Test
    void aRevokedSignInMakesTheUserNeedReauthPublishedAndVisible() {
        String user = Harness.newUser();
        connectOk(user, "carol@halemarsh.test");
        assertEquals(204, Harness.simAdmin("POST", "/_sim/users/carol@halemarsh.test/revoke-refresh-tokens", null)
                .statusCode());

        internalToken(user).then().statusCode(409).contentType("application/problem+json")
                .body("title", equalTo("Reauthorization required")).body("detail", containsString("reconnect"));
        given().auth().oauth2(appToken(user)).when().get("/connections/office365").then().statusCode(200)
                .body("state", equalTo("NEEDS_REAUTH")).body("lastError", containsString("reconnect"));
        assertNull(sql("SELECT user_id FROM credential WHERE user_id = ?", user), "useless tokens are erased");
        Harness.eventsUntil(Topics.CONNECTIONS, user, ConnectionChanged.class,
                c -> c.state() == ConnectionState.NEEDS_REAUTH);
        // later requests answer the same without asking Entra again
        internalToken(user).then().statusCode(409);

        // reconnecting heals it
        connectOk(user, "carol@halemarsh.test");
        internalToken(user).then().statusCode(200);
    }

    /** Entra revoking many sign-ins at once (a tenant's password reset): each user's next token request says so. */
    @Test
    void signInsRevokedTogetherAllEndNeedingReauth() throws Exception {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String user = Harness.newUser();
            String mailbox = Harness.ownMailbox(user);
            connectOk(user, mailbox);
            assertEquals(204, Harness.simAdmin("POST", "/_sim/users/" + mailbox + "/revoke-refresh-tokens", null)
                    .statusCode());
            users.add(user);
        }
        ExecutorService pool = Executors.newFixedThreadPool(users.size());
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            users.forEach(user -> calls.add(() -> internalToken(user).statusCode()));
            List<Future<Integer>> answers = pool.invokeAll(calls, 60, TimeUnit.SECONDS);
            for (int i = 0; i < users.size(); i++) {
                assertEquals(409, answers.get(i).get(), users.get(i) + " is told to reconnect");
            }
        } finally {
            pool.shutdownNow();
        }
        for (String user : users) {
            given().auth().oauth2(appToken(user)).when().get("/connections/office365").then()
                    .body("state", equalTo("NEEDS_REAUTH"));
            assertNull(sql("SELECT user_id FROM credential WHERE user_id = ?", user), "useless tokens are erased");
        }
    }

    @Test
    void theDatabaseHoldsNoTokenInClear() {
        String user = Harness.newUser();
        connectOk(user, "bob@halemarsh.test");
        String accessToken = Harness.accessToken(user);
        String sealedRefresh = sql("SELECT refresh_token FROM credential WHERE user_id = ?", user);
        String refreshToken = TEST_KEYS.open(sealedRefresh, CredentialEntity.context(Harness.FIRM, user, "refresh"));
        assertTrue(refreshToken.startsWith("1.AQ"), "the simulator's refresh tokens look like Entra's");

        String everything = Harness.everythingStored();
        assertTrue(everything.contains(user), "the dump covers the user's rows");
        assertFalse(everything.contains(accessToken), "an access token is stored in clear");
        assertFalse(everything.contains(refreshToken), "a refresh token is stored in clear");
        // nor any recognisable piece of one (a JWT's header and claims)
        assertFalse(everything.contains(accessToken.substring(0, accessToken.indexOf('.'))));
    }

    @Test
    void valuesSealedWithARetiredKeyStillOpenAndAreResealedWithTheActiveKey() throws Exception {
        // also as before issue 13, when a sealed token was bound to the user id alone (legacy context): it still opens,
        // so the upgrade loses no connection, and is sealed again bound to firm and user
        String user = Harness.newUser();
        connectOk(user, "bob@halemarsh.test");
        String sealedRefresh = sql("SELECT refresh_token FROM credential WHERE user_id = ?", user);
        assertEquals("new", TokenCipher.keyIdOf(sealedRefresh));
        // as if the row had been written before the key rotation
        String refreshToken = TEST_KEYS.open(sealedRefresh, CredentialEntity.context(Harness.FIRM, user, "refresh"));
        String accessToken = TEST_KEYS.open(sql("SELECT access_token FROM credential WHERE user_id = ?", user),
                CredentialEntity.context(Harness.FIRM, user, "access"));
        try (var c = Harness.jdbc(); var s = c.prepareStatement(
                "UPDATE credential SET refresh_token = ?, access_token = ? WHERE user_id = ?")) {
            s.setString(1, TEST_KEYS.seal(refreshToken, "refresh-token:" + user));
            s.setString(2, TEST_KEYS.seal(accessToken, "access-token:" + user));
            s.setString(3, user);
            assertEquals(1, s.executeUpdate());
        }
        assertEquals("old", TokenCipher.keyIdOf(sql("SELECT refresh_token FROM credential WHERE user_id = ?", user)));

        String token = Harness.accessToken(user);
        assertEquals("bob@halemarsh.test", Harness.graph(token).me().get().getUserPrincipalName());
        assertEquals("new", TokenCipher.keyIdOf(sql("SELECT refresh_token FROM credential WHERE user_id = ?", user)));
        assertEquals("new", TokenCipher.keyIdOf(sql("SELECT access_token FROM credential WHERE user_id = ?", user)));
        // (refreshed meanwhile: Entra rotated the refresh token) sealed anew, bound to firm and user
        assertTrue(TEST_KEYS.open(sql("SELECT refresh_token FROM credential WHERE user_id = ?", user),
                CredentialEntity.context(Harness.FIRM, user, "refresh")).startsWith("1.AQ"));
    }

    @Test
    void aTokenSealedForTheSameUserIdOfAnotherFirmDoesNotOpen() {
        String sealed = TEST_KEYS.seal("secret", CredentialEntity.context("other-firm", "alice", "refresh"));
        assertThrows(TokenCipher.SealedValueException.class,
                () -> TEST_KEYS.open(sealed, CredentialEntity.context(Harness.FIRM, "alice", "refresh")));
    }
}
