package io.docketsync.sync.graph;

import io.docketsync.contracts.UserKey;
import io.docketsync.sync.domain.GraphWriteException;
import io.docketsync.sync.domain.MailboxToken;
import io.docketsync.sync.domain.MailboxTokens;
import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.Tokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;

/**
 * The app-only token source (docketsync.sync.token-source=app): one client-credentials token for the firm's
 * tenant, for deployments where an administrator consented to the application permission Calendars.ReadWrite.
 * Which mailboxes are written is still decided by users' connections (connections.v1), never by the token.
 */
@ApplicationScoped
public class AppOnlyTokens implements MailboxTokens {
    @Inject
    OidcClient oidc;

    private volatile Tokens current;

    @Override
    public MailboxToken tokenFor(UserKey user) {
        Tokens t = current;
        if (t == null || t.isAccessTokenWithinRefreshInterval() || t.isAccessTokenExpired()) {
            try {
                t = oidc.getTokens().await().atMost(Duration.ofSeconds(30));
            } catch (RuntimeException e) {
                throw new GraphWriteException(0, "TokenEndpointUnavailable",
                        "no app-only token from Entra ID: " + e.getMessage(), Duration.ofSeconds(5), e);
            }
            current = t;
        }
        Long expiresAt = t.getAccessTokenExpiresAt();
        return new MailboxToken(t.getAccessToken(), null,
                expiresAt == null ? Instant.now().plusSeconds(300) : Instant.ofEpochSecond(expiresAt));
    }

    @Override
    public void forget(UserKey user) {
        current = null;
    }
}
