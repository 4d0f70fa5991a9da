package io.docketsync.api;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The bearer tokens this service has verified, kept until they expire: a front end sends the same token with every
 * request of a session, and checking its RSA signature and parsing its claims again each time was a sixth of what
 * a save cost activity-service. A token is looked up by its exact text, so only the very token verified is taken
 * without a check; it is dropped when its {@code exp} passes (the parser, which allows the configured clock skew,
 * judges it again after that) and at the latest after {@code docketsync.api.verified-tokens.max-age-seconds}.
 * Refused tokens are never kept. What a service checks on the token's claims (firm, subject) still runs per request.
 */
@Alternative
@Priority(1)
@Singleton
public class VerifiedTokens implements JWTParser {

    private final JWTParser parser;
    private final int capacity;
    private final long maxAgeMillis;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final AtomicLong verifications = new AtomicLong();

    private record Verified(JsonWebToken token, long untilMillis) {
    }

    @Inject
    VerifiedTokens(DefaultJWTParser parser,
            @ConfigProperty(name = "docketsync.api.verified-tokens.capacity", defaultValue = "10000") int capacity,
            @ConfigProperty(name = "docketsync.api.verified-tokens.max-age-seconds", defaultValue = "300")
            long maxAgeSeconds) {
        this(parser, capacity, maxAgeSeconds * 1000, Clock.systemUTC());
    }

    /** {@code capacity} 0 keeps nothing: every token is verified at every request. */
    public VerifiedTokens(JWTParser parser, int capacity, long maxAgeMillis, Clock clock) {
        this.parser = parser;
        this.capacity = capacity;
        this.maxAgeMillis = maxAgeMillis;
        this.clock = clock;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = clock.millis();
        Verified known = verified.get(token);
        if (known != null) {
            if (now < known.untilMillis()) {
                return known.token();
            }
            verified.remove(token, known);
        }
        verifications.incrementAndGet();
        JsonWebToken jwt = parser.parse(token);
        long expiresMillis = jwt.getExpirationTime() * 1000;
        if (capacity > 0 && expiresMillis > now) {
            if (verified.size() >= capacity) {
                makeRoom(now);
            }
            verified.put(token, new Verified(jwt, Math.min(expiresMillis, now + maxAgeMillis)));
        }
        return jwt;
    }

    /** How many tokens were verified (not taken from what was kept) since the start. */
    public long verifications() {
        return verifications.get();
    }

    /** How many tokens are kept now (at most the capacity). */
    int kept() {
        return verified.size();
    }

    /** The expired ones go; if that is not enough (a flood of distinct tokens), all of them: a miss only costs a check. */
    private void makeRoom(long now) {
        verified.values().removeIf(v -> v.untilMillis() <= now);
        if (verified.size() >= capacity) {
            verified.clear();
        }
    }

    // the rest verifies with what the caller gives, not this service's settings: nothing kept

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return parser.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return parser.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return parser.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return parser.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return parser.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return parser.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return parser.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return parser.parseOnly(token);
    }
}
