package io.docketsync.sync.graph;

import com.fasterxml.jackson.databind.JsonNode;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.UserKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The default token source (docketsync.sync.token-source=connector): asks connector-service for a user's
 * delegated access token (blocking; call it off the event loop) and keeps it until
 * shortly before it expires. The worker never sees refresh tokens.
 */
@ApplicationScoped
public class ConnectorTokenClient implements MailboxTokens {
    private static final Duration EXPIRY_SKEW = Duration.ofSeconds(60);

    @ConfigProperty(name = "docketsync.sync.connector-url")
    String connectorUrl;
    @ConfigProperty(name = "docketsync.sync.connector-credential")
    String credential;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<UserKey, MailboxToken> cache = new ConcurrentHashMap<>();

    @Override
    public MailboxToken tokenFor(UserKey user) {
        MailboxToken cached = cache.get(user);
        if (cached != null && cached.expiresAt().isAfter(Instant.now().plus(EXPIRY_SKEW))) {
            return cached;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(connectorUrl + "/internal/firms/" + segment(user.firmId()) + "/users/"
                + segment(user.userId()) + "/graph-token"))
                .header("Authorization", "Bearer " + credential).timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new GraphWriteException(0, "ConnectorUnreachable", "connector-service did not answer: " + e.getMessage(),
                    Duration.ofSeconds(5), e);
        }
        if (response.statusCode() == 200) {
            MailboxToken token = parse(response.body());
            cache.put(user, token);
            return token;
        }
        cache.remove(user);
        if (response.statusCode() >= 500) {
            throw new GraphWriteException(0, "ConnectorUnavailable", "connector-service answered " + response.statusCode(),
                    Duration.ofSeconds(5), null);
        }
        // 404 / 409 / 424: no usable connection; the body says why (RFC 7807 detail)
        String why = detail(response.body());
        throw new MailboxUnavailableException(why, why.toLowerCase().contains("reauth")
                || why.toLowerCase().contains("reconnect") || response.statusCode() == 409);
    }

    @Override
    public void forget(UserKey user) {
        cache.remove(user);
    }

    /** One path segment: an id may hold any character, '/' and '?' included. */
    private static String segment(String id) {
        return java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static MailboxToken parse(String body) {
        try {
            JsonNode n = EventCodec.mapper().readTree(body);
            return new MailboxToken(n.path("accessToken").asText(), n.path("mailbox").asText(),
                    Instant.parse(n.path("expiresAt").asText()));
        } catch (Exception e) {
            throw new IllegalStateException("connector-service answered an unreadable token: " + e.getMessage(), e);
        }
    }

    private static String detail(String body) {
        try {
            JsonNode n = EventCodec.mapper().readTree(body);
            return n.hasNonNull("detail") ? n.get("detail").asText() : n.path("title").asText("no connection");
        } catch (Exception e) {
            return body == null || body.isBlank() ? "no Office 365 connection" : body;
        }
    }
}
