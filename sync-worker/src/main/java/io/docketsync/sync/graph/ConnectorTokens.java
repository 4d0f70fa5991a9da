package io.docketsync.sync.graph;

import io.docketsync.contracts.UserKey;
import io.docketsync.sync.config.SyncConfig;
import io.docketsync.sync.domain.GraphWriteException;
import io.docketsync.sync.domain.MailboxToken;
import io.docketsync.sync.domain.MailboxTokens;
import io.docketsync.sync.domain.MailboxUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The default token source (docketsync.sync.token-source=connector): each user's delegated access token from
 * connector-service, kept until shortly before it expires. The worker never sees refresh tokens.
 */
@ApplicationScoped
public class ConnectorTokens implements MailboxTokens {
    private static final Duration EXPIRY_SKEW = Duration.ofSeconds(60);
    /** connector-service's problem type for a user who must sign in again (TokenAccess.needsReauth). */
    static final String REAUTHORIZATION_REQUIRED = "https://docketsync.io/problems/reauthorization-required";

    @Inject
    @RestClient
    ConnectorApi connector;
    @Inject
    SyncConfig config;

    private final Map<UserKey, MailboxToken> cache = new ConcurrentHashMap<>();

    @Override
    public MailboxToken tokenFor(UserKey user) {
        MailboxToken cached = cache.get(user);
        if (cached != null && cached.expiresAt().isAfter(Instant.now().plus(EXPIRY_SKEW))) {
            return cached;
        }
        try {
            ConnectorApi.GraphToken t = connector.token(segment(user.firmId()), segment(user.userId()),
                    "Bearer " + config.connectorCredential());
            MailboxToken token = new MailboxToken(t.accessToken(), t.mailbox(), t.expiresAt());
            cache.put(user, token);
            return token;
        } catch (ConnectorApi.Refusal refused) {
            cache.remove(user);
            // not connected, must reconnect, mailbox not supported: the problem's type says which
            throw new MailboxUnavailableException(refused.getMessage(),
                    REAUTHORIZATION_REQUIRED.equals(refused.type()));
        } catch (CircuitBreakerOpenException e) {
            throw new GraphWriteException(0, "ConnectorUnavailable",
                    "connector-service kept failing: token requests paused", Duration.ofSeconds(5), e);
        } catch (RuntimeException e) {
            cache.remove(user);
            throw new GraphWriteException(0, "ConnectorUnreachable", "connector-service did not answer: "
                    + e.getMessage(), Duration.ofSeconds(5), e);
        }
    }

    @Override
    public void forget(UserKey user) {
        cache.remove(user);
    }

    /** One path segment: an id may hold any character, '/' and '?' included. */
    private static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
