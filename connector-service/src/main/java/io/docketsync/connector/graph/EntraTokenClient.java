package io.docketsync.connector.graph;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.Tokens;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Entra ID's token endpoint through quarkus-oidc-client: the code exchange of the Connect flow (grant type
 * code, PKCE verifier as a grant parameter) and refreshes. */
@ApplicationScoped
public class EntraTokenClient {
    /** When Entra does not say how long the access token lives, assume it does not live long. */
    private static final Duration UNKNOWN_LIFETIME = Duration.ofMinutes(5);
    private static final Pattern DESCRIPTION = Pattern.compile("\"error_description\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** The tokens of one grant. toString never shows them. */
    public record TokenSet(String accessToken, String refreshToken, Instant accessExpiresAt) {
        @Override
        public String toString() {
            return "TokenSet[access token expires " + accessExpiresAt + "]";
        }
    }

    /** Entra refused the grant (invalid_grant): the code or refresh token is spent, revoked or expired. */
    public static class GrantRefusedException extends RuntimeException {
        public GrantRefusedException(String description) {
            super(description);
        }
    }

    /** Entra could not be asked, or failed otherwise; trying again later may work. */
    public static class EntraUnavailableException extends RuntimeException {
        public EntraUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Inject
    OidcClient oidc;

    public Uni<TokenSet> exchangeCode(String code, String redirectUri, String codeVerifier) {
        return oidc.getTokens(Map.of("code", code, "redirect_uri", redirectUri, "code_verifier", codeVerifier))
                .map(EntraTokenClient::tokenSet)
                .onFailure().transform(EntraTokenClient::classify);
    }

    public Uni<TokenSet> refresh(String refreshToken) {
        return oidc.refreshTokens(refreshToken)
                .map(EntraTokenClient::tokenSet)
                .onFailure().transform(EntraTokenClient::classify);
    }

    private static TokenSet tokenSet(Tokens t) {
        Instant expires = t.getAccessTokenExpiresAt() == null ? Instant.now().plus(UNKNOWN_LIFETIME)
                : Instant.ofEpochSecond(t.getAccessTokenExpiresAt());
        return new TokenSet(t.getAccessToken(), t.getRefreshToken(), expires);
    }

    static Throwable classify(Throwable failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        if (message.contains("invalid_grant")) {
            Matcher m = DESCRIPTION.matcher(message);
            return new GrantRefusedException(m.find() ? m.group(1) : "invalid_grant");
        }
        // the message may quote Entra's answer, never our request: keep only the first line of it
        String firstLine = message.lines().findFirst().orElse(failure.getClass().getSimpleName());
        return new EntraUnavailableException("Entra ID token request failed: " + firstLine, failure);
    }
}
