package io.docketsync.simulator.auth;

import io.docketsync.graph.Pkce;
import io.docketsync.simulator.config.SimulatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authorization codes (single use, bound to client, redirect URI and PKCE challenge) and refresh tokens (not spent by
 * use).
 */
@ApplicationScoped
public class GrantStore {
    public record Code(String userId, String clientId, String redirectUri, String scope, String challenge,
            String nonce, Instant expires) {
    }

    public record Refresh(String userId, String clientId, String scope, Instant expires) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    SimulatorConfig config;

    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, Boolean> redeemedCodes = new ConcurrentHashMap<>();
    private final Map<String, Refresh> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, Instant> revokedBefore = new ConcurrentHashMap<>();

    public String newCode(String userId, String clientId, String redirectUri, String scope, String challenge,
            String nonce) {
        String code = "1.A" + random(48);
        codes.put(code, new Code(userId, clientId, redirectUri, scope, challenge, nonce,
                Instant.now().plus(config.authCodeLifetime())));
        return code;
    }

    /** The code, once: a second redemption, a foreign client or redirect URI, or a wrong verifier fail. */
    public Code redeem(String code, String clientId, String redirectUri, String verifier) {
        if (code == null) {
            throw OAuthException.invalidRequest(900144, "The request body must contain the following parameter: 'code'.");
        }
        Code grant = codes.remove(code);
        if (grant == null) {
            if (redeemedCodes.containsKey(code)) {
                throw OAuthException.invalidGrant(54005, "OAuth2 Authorization code was already redeemed, please retry "
                        + "with a new valid code or use an existing refresh token.");
            }
            throw OAuthException.invalidGrant(9002313, "Invalid request. Request is malformed or invalid.");
        }
        redeemedCodes.put(code, true);
        if (grant.expires().isBefore(Instant.now())) {
            throw OAuthException.invalidGrant(70008, "The provided authorization code or refresh token has expired due "
                    + "to inactivity. Send a new interactive authorization request for this user and resource.");
        }
        if (!grant.clientId().equals(clientId)) {
            throw OAuthException.invalidGrant(70000, "The request was denied because one or more scopes requested are "
                    + "unauthorized or expired. The code was issued to another client.");
        }
        if (redirectUri == null || !grant.redirectUri().equals(redirectUri)) {
            throw OAuthException.invalidGrant(500112, "The reply address '" + redirectUri
                    + "' does not match the reply address '" + grant.redirectUri() + "' provided when requesting "
                    + "Authorization code.");
        }
        if (grant.challenge() != null) {
            if (verifier == null) {
                throw OAuthException.invalidRequest(50148, "The code_verifier does not match the code_challenge "
                        + "supplied in the authorization request for PKCE.");
            }
            if (!Pkce.challengeOf(verifier).equals(grant.challenge())) {
                throw OAuthException.invalidGrant(501481,
                        "The Code_Verifier does not match the code_challenge supplied in the authorization request.");
            }
        }
        return grant;
    }

    public String newRefreshToken(String userId, String clientId, String scope) {
        String token = "1.AQ" + random(96);
        refreshTokens.put(token, new Refresh(userId, clientId, scope, Instant.now().plus(config.refreshTokenLifetime())));
        return token;
    }

    /**
     * A refresh token is not spent by use (Entra ID: refresh tokens live until they expire or are revoked; each use
     * also answers a new one, which the client should keep). It ends by expiry, revocation, or the wrong client.
     */
    public Refresh redeemRefreshToken(String token, String clientId) {
        if (token == null) {
            throw OAuthException.invalidRequest(900144,
                    "The request body must contain the following parameter: 'refresh_token'.");
        }
        Refresh grant = refreshTokens.get(token);
        if (grant == null) {
            throw OAuthException.invalidGrant(9002313, "Invalid request. Request is malformed or invalid.");
        }
        Instant revoked = revokedBefore.get(grant.userId());
        if (revoked != null && !grant.expires().minus(config.refreshTokenLifetime()).isAfter(revoked)) {
            throw OAuthException.invalidGrant(50173, "The provided grant has expired due to it being revoked, a fresh "
                    + "auth token is needed. The user might have changed or reset their password.");
        }
        if (grant.expires().isBefore(Instant.now())) {
            throw OAuthException.invalidGrant(700082, "The refresh token has expired due to inactivity.");
        }
        if (!grant.clientId().equals(clientId)) {
            throw OAuthException.invalidGrant(700005, "Provided Authorization Code is intended to use against other "
                    + "tenant or client, thus rejected.");
        }
        return grant;
    }

    /** Like revokeSignInSessions: every refresh token the user holds now stops working. */
    public void revokeAll(String userId) {
        revokedBefore.put(userId, Instant.now());
    }

    public void clear() {
        codes.clear();
        redeemedCodes.clear();
        refreshTokens.clear();
        revokedBefore.clear();
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
