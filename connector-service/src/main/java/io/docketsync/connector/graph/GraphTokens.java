package io.docketsync.connector.graph;

import io.docketsync.connector.ConnectorConfig;
import io.docketsync.connector.domain.TokenAccess;
import io.docketsync.connector.domain.TokenCipher;
import io.docketsync.connector.domain.TokenPolicy;
import io.docketsync.connector.messaging.ConnectionPublisher;
import io.docketsync.connector.persistence.ConnectionEntity;
import io.docketsync.connector.persistence.CredentialEntity;
import io.docketsync.contracts.UserKey;
import io.docketsync.connector.persistence.TokenVault;
import io.docketsync.contracts.ConnectionState;
import io.docketsync.contracts.Origin;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * A valid access token for a user, refreshed shortly before it expires. Refreshes happen one at a time per user:
 * the user's connection row is locked (SELECT ... FOR UPDATE) for the whole check-refresh-store, so concurrent
 * callers wait and then find the fresh token instead of spending the (rotating) refresh token twice.
 * A refused refresh (invalid_grant) makes the user NEEDS_REAUTH, published, and erases the useless tokens.
 */
@ApplicationScoped
public class GraphTokens {
    private static final Logger LOG = Logger.getLogger(GraphTokens.class);

    /** What a caller gets: a token, or why not (an HTTP status, title and detail for a problem response). */
    public sealed interface Result permits Issued, Unavailable {
    }

    public record Issued(String accessToken, String mailbox, Instant expiresAt) implements Result {
        @Override
        public String toString() {
            return "Issued[" + mailbox + ", expires " + expiresAt + "]";
        }
    }

    public record Unavailable(int status, String title, String detail) implements Result {
    }

    @Inject
    ConnectorConfig config;
    @Inject
    TokenVault vault;
    @Inject
    EntraTokenClient entra;
    @Inject
    ConnectionPublisher publisher;

    /** In its own transaction. */
    public Uni<Result> forUser(UserKey user) {
        return Panache.withTransaction(() -> ConnectionEntity.<ConnectionEntity>findById(user,
                LockModeType.PESSIMISTIC_WRITE).chain(this::forLockedConnection));
    }

    /** Inside the caller's transaction, which must hold the connection row's lock (or have just created it). */
    public Uni<Result> forLockedConnection(ConnectionEntity connection) {
        TokenAccess access = TokenAccess.of(connection == null ? null : connection.state);
        if (!access.allowed()) {
            return Uni.createFrom().item(new Unavailable(access.status(), access.title(), access.detail()));
        }
        return CredentialEntity.<CredentialEntity>findById(connection.key()).chain(credential -> {
            if (credential == null) {
                return Uni.createFrom().item(new Unavailable(404, "Not connected",
                        "No Office 365 tokens are stored for the user."));
            }
            Instant now = Instant.now();
            if (!new TokenPolicy(config.tokenRefreshSkew()).needsRefresh(credential.accessExpiresAt, now)) {
                try {
                    return Uni.createFrom().item(new Issued(vault.accessToken(credential), connection.mailbox,
                            credential.accessExpiresAt));
                } catch (TokenCipher.SealedValueException e) {
                    return Uni.createFrom().item(unreadable(e));
                }
            }
            return refresh(connection, credential);
        });
    }

    private Uni<Result> refresh(ConnectionEntity connection, CredentialEntity credential) {
        String refreshToken;
        try {
            refreshToken = vault.refreshToken(credential);
        } catch (TokenCipher.SealedValueException e) {
            return Uni.createFrom().item(unreadable(e));
        }
        return entra.refresh(refreshToken)
                .chain(tokens -> {
                    // Entra rotates refresh tokens; keep the old one only if none came back
                    vault.store(credential, tokens.accessToken(),
                            tokens.refreshToken() == null ? refreshToken : tokens.refreshToken(), tokens.accessExpiresAt());
                    return credential.<CredentialEntity>persist().map(saved -> (Result) new Issued(tokens.accessToken(),
                            connection.mailbox, tokens.accessExpiresAt()));
                })
                .onFailure(EntraTokenClient.GrantRefusedException.class).recoverWithUni(refused -> {
                    LOG.infof("refresh refused for user %s: %s", connection.key(), refused.getMessage());
                    return needsReauth(connection, credential, "Microsoft refused to renew the sign-in ("
                            + refused.getMessage() + ")");
                })
                .onFailure(EntraTokenClient.EntraUnavailableException.class).recoverWithItem(failure ->
                        new Unavailable(503, "Entra ID unavailable", failure.getMessage()));
    }

    private Uni<Result> needsReauth(ConnectionEntity connection, CredentialEntity credential, String why) {
        TokenAccess access = TokenAccess.needsReauth(why);
        connection.state = ConnectionState.NEEDS_REAUTH;
        connection.since = Instant.now();
        connection.lastError = access.detail();
        // erased by a query (CredentialEntity.erase); the loaded row is let go first so nothing flushes it
        return Panache.getSession().invoke(session -> session.detach(credential))
                .chain(() -> CredentialEntity.erase(connection.firmId, connection.userId))
                .chain(() -> connection.<ConnectionEntity>persist())
                .call(saved -> publisher.stateChanged(saved, Origin.system()))
                .map(saved -> (Result) new Unavailable(access.status(), access.title(), access.detail()));
    }

    private static Unavailable unreadable(TokenCipher.SealedValueException e) {
        LOG.errorf("stored tokens cannot be opened: %s", e.getMessage());
        return new Unavailable(500, "Stored tokens unreadable",
                "The user's stored tokens cannot be decrypted with the configured keys.");
    }
}
