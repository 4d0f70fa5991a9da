package io.docketsync.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EntraEndpointsTest {
    @Test
    void endpointsOfATenantUnderTheAuthority() {
        EntraEndpoints local = new EntraEndpoints("http://localhost:8090/", "halemarsh.test");
        assertEquals("http://localhost:8090/halemarsh.test/oauth2/v2.0/authorize", local.authorizeUrl());
        assertEquals("http://localhost:8090/halemarsh.test/oauth2/v2.0/token", local.tokenUrl());
        assertEquals("http://localhost:8090/halemarsh.test/v2.0/.well-known/openid-configuration",
                local.openIdConfigurationUrl());
        assertEquals("https://login.microsoftonline.com/organizations/oauth2/v2.0/token",
                new EntraEndpoints(EntraEndpoints.PRODUCTION_AUTHORITY, "organizations").tokenUrl());
    }

    @Test
    void authorizeRequestCarriesPkceAndEncodesValues() {
        String url = new EntraEndpoints("http://localhost:8090", "common").authorizeRequest("docketsync-local",
                "http://localhost:8083/callback", "offline_access Calendars.ReadWrite", "s 1", "abc", "alice@halemarsh.test");
        assertTrue(url.startsWith("http://localhost:8090/common/oauth2/v2.0/authorize?client_id=docketsync-local"));
        assertTrue(url.contains("redirect_uri=http%3A%2F%2Flocalhost%3A8083%2Fcallback"));
        assertTrue(url.contains("scope=offline_access+Calendars.ReadWrite"));
        assertTrue(url.contains("state=s+1"));
        assertTrue(url.contains("code_challenge=abc&code_challenge_method=S256"));
        assertTrue(url.endsWith("login_hint=alice%40halemarsh.test"));
    }

    @Test
    void formEncodesInOrder() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("grant_type", "refresh_token");
        values.put("refresh_token", "a+b/c");
        assertEquals("grant_type=refresh_token&refresh_token=a%2Bb%2Fc", EntraEndpoints.form(values));
    }

    @Test
    void refusesRelativeAuthorityAndPathTenant() {
        assertThrows(IllegalArgumentException.class, () -> new EntraEndpoints("localhost", "t"));
        assertThrows(IllegalArgumentException.class, () -> new EntraEndpoints("http://x", "a/b"));
    }

    @Test
    void pkceChallengeIsTheRfc7636S256OfTheVerifier() {
        // expected value computed independently: printf %s VERIFIER | openssl dgst -sha256 -binary | base64url
        assertEquals("bwWFMyPfdG9qreDhH2lmftFx_dFeLDalzcT1gb_j68g",
                Pkce.challengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r7wW1gFWFOEjXk"));
        Pkce pkce = Pkce.create();
        assertEquals(Pkce.challengeOf(pkce.verifier()), pkce.challenge());
        assertEquals(43, pkce.verifier().length());
    }
}
