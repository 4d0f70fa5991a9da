package io.docketsync.connector.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docketsync.contracts.ConnectionState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DomainRulesTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void secretsAreRandomAndOnlyTheirHashIsCompared() {
        String a = Secrets.random();
        String b = Secrets.random();
        assertNotEquals(a, b);
        assertEquals(43, a.length());
        assertTrue(a.matches("[A-Za-z0-9_-]+"));
        String hash = Secrets.hash(a);
        assertEquals(64, hash.length());
        assertFalse(hash.contains(a));
        assertTrue(Secrets.matches(a, hash));
        assertFalse(Secrets.matches(b, hash));
        assertFalse(Secrets.matches(null, hash));
        assertFalse(Secrets.matches(a, null));
    }

    @Test
    void aNotificationIsAcceptedOnlyWithTheLiveSubscriptionsClientState() {
        String clientState = Secrets.random();
        String stored = Secrets.hash(clientState);
        assertEquals(NotificationVerdict.ACCEPTED, NotificationVerdict.judge("sub-1", clientState, stored));
        assertEquals(NotificationVerdict.CLIENT_STATE_MISMATCH, NotificationVerdict.judge("sub-1", "forged", stored));
        assertEquals(NotificationVerdict.MISSING_CLIENT_STATE, NotificationVerdict.judge("sub-1", null, stored));
        assertEquals(NotificationVerdict.MISSING_CLIENT_STATE, NotificationVerdict.judge("sub-1", "", stored));
        assertEquals(NotificationVerdict.UNKNOWN_SUBSCRIPTION, NotificationVerdict.judge("sub-2", clientState, null));
        assertEquals(NotificationVerdict.MALFORMED, NotificationVerdict.judge(null, clientState, stored));
        assertEquals(NotificationVerdict.MALFORMED, NotificationVerdict.judge(" ", clientState, stored));
        assertEquals("client-state-mismatch", NotificationVerdict.CLIENT_STATE_MISMATCH.reason());
    }

    @Test
    void tokensAreRefreshedWithinTheSkewBeforeExpiry() {
        TokenPolicy policy = new TokenPolicy(Duration.ofMinutes(5));
        assertFalse(policy.needsRefresh(NOW.plus(Duration.ofMinutes(6)), NOW));
        assertTrue(policy.needsRefresh(NOW.plus(Duration.ofMinutes(5)), NOW));
        assertTrue(policy.needsRefresh(NOW.plus(Duration.ofMinutes(1)), NOW));
        assertTrue(policy.needsRefresh(NOW.minusSeconds(1), NOW));
        assertTrue(policy.needsRefresh(null, NOW));
        assertFalse(new TokenPolicy(Duration.ZERO).needsRefresh(NOW.plusSeconds(1), NOW));
        assertThrows(IllegalArgumentException.class, () -> new TokenPolicy(Duration.ofSeconds(-1)));
    }

    @Test
    void onlyConnectedUsersGetTokensAndTheOthersLearnWhy() {
        assertTrue(TokenAccess.of(ConnectionState.CONNECTED).allowed());
        TokenAccess never = TokenAccess.of(null);
        assertFalse(never.allowed());
        assertEquals(404, never.status());
        assertEquals(404, TokenAccess.of(ConnectionState.DISCONNECTED).status());
        TokenAccess reauth = TokenAccess.of(ConnectionState.NEEDS_REAUTH);
        assertEquals(409, reauth.status());
        assertTrue(reauth.detail().contains("reauth"), reauth.detail());
        TokenAccess refused = TokenAccess.of(ConnectionState.REFUSED);
        assertEquals(424, refused.status());
        assertTrue(refused.detail().contains("on-premises"));
        assertFalse(refused.detail().contains("reauth"));
    }

    @Test
    void subscriptionsStayUnderGraphsLimitAndAreDueBeforeTheyExpire() {
        SubscriptionPolicy policy = new SubscriptionPolicy(Duration.ofHours(72), Duration.ofHours(24));
        assertEquals(NOW.plus(Duration.ofHours(72)), policy.expirationFrom(NOW));
        assertFalse(policy.isDue(NOW.plus(Duration.ofHours(25)), false, null, NOW));
        assertTrue(policy.isDue(NOW.plus(Duration.ofHours(24)), false, null, NOW));
        assertTrue(policy.isDue(NOW.minusSeconds(1), false, null, NOW));
        assertTrue(policy.isDue(NOW.plus(Duration.ofHours(70)), true, null, NOW), "lifecycle work is due at once");
        assertFalse(policy.isDue(NOW, true, NOW.plusSeconds(30), NOW), "a failed attempt waits for its backoff");
        assertTrue(policy.isDue(NOW, false, NOW.minusSeconds(1), NOW));
        assertEquals(NOW.plus(Duration.ofHours(24)), policy.dueIfExpiringBefore(NOW));

        SubscriptionPolicy tooLong = new SubscriptionPolicy(Duration.ofDays(30), Duration.ofHours(1));
        assertTrue(tooLong.expirationFrom(NOW).isBefore(NOW.plus(SubscriptionPolicy.GRAPH_MAX_EVENTS_LIFETIME)));
        assertThrows(IllegalArgumentException.class, () -> new SubscriptionPolicy(Duration.ofHours(1), Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> new SubscriptionPolicy(Duration.ZERO, Duration.ZERO));
    }

    @Test
    void onlyMailboxesGraphCallsNotHostedAreRefused() {
        assertEquals(MailboxHosting.REFUSAL, MailboxHosting.refusal("MailboxNotEnabledForRESTAPI").orElseThrow());
        assertTrue(MailboxHosting.refusal("MailboxNotSupportedForRESTAPI").isPresent());
        assertTrue(MailboxHosting.refusal("ErrorAccessDenied").isEmpty());
        assertTrue(MailboxHosting.refusal(null).isEmpty());
        assertTrue(MailboxHosting.REFUSAL.contains("on-premises"));
    }

    @Test
    void theFrontEndIsToldTheOutcomeInItsQuery() {
        assertEquals("http://app.test/settings?office365=connected",
                ConnectOutcome.connected().redirect("http://app.test/settings").toString());
        assertEquals("http://app.test/s?tab=o365&office365=refused&reason=on-premises+%26+more",
                ConnectOutcome.refused("on-premises & more").redirect("http://app.test/s?tab=o365").toString());
        String longReason = "x".repeat(2000);
        assertTrue(ConnectOutcome.failed(longReason).redirect("http://a.test/").toString().length() < 600);
    }

    @Test
    void connectStatesExpireAndLoginHintsAreChecked() {
        Instant expires = AuthorizationRequestRules.expiresAt(NOW, Duration.ofMinutes(10));
        assertFalse(AuthorizationRequestRules.expired(expires, NOW.plus(Duration.ofMinutes(9))));
        assertTrue(AuthorizationRequestRules.expired(expires, NOW.plus(Duration.ofMinutes(10))));
        assertEquals("alice@halemarsh.test", AuthorizationRequestRules.loginHint(" alice@halemarsh.test "));
        assertEquals(null, AuthorizationRequestRules.loginHint("  "));
        assertTrue(AuthorizationRequestRules.validLoginHint(null));
        assertTrue(AuthorizationRequestRules.validLoginHint("alice@halemarsh.test"));
        assertFalse(AuthorizationRequestRules.validLoginHint("not an address"));
        assertFalse(AuthorizationRequestRules.validLoginHint("a@" + "b".repeat(300)));
        assertTrue(AuthorizationRequestRules.SCOPES.contains("offline_access"));
        assertTrue(AuthorizationRequestRules.SCOPES.contains("Calendars.ReadWrite"));
        assertTrue(AuthorizationRequestRules.SCOPES.contains("User.Read"));
    }
}
