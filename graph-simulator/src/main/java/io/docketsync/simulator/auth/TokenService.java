package io.docketsync.simulator.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docketsync.simulator.api.GraphException;
import io.docketsync.simulator.config.SimulatorConfig;
import io.docketsync.simulator.state.Directory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Issues and checks RS256 access tokens shaped like Entra ID's v2.0 tokens for Microsoft Graph. */
@ApplicationScoped
public class TokenService {
    public static final String GRAPH_AUDIENCE = "https://graph.microsoft.com";
    /** The object id of the simulator's service principal for docketsync-local (app-only tokens' oid). */
    public static final String SERVICE_PRINCIPAL_ID = "5e7a1c00-0000-4000-8000-00000000a990";

    /** Who called: the application, and for delegated tokens the signed-in user. */
    public record Caller(String appId, String tenantId, String userId, String scopes, boolean appOnly) {
    }

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Map<String, String> WWW_AUTHENTICATE = Map.of("WWW-Authenticate",
            "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", "
                    + "client_id=\"00000003-0000-0000-c000-000000000000\"");

    @Inject
    ObjectMapper json;
    @Inject
    SimulatorConfig config;

    /** How many verified tokens {@link #verify} keeps; when full, the expired ones go, then all if none had. */
    static final int VERIFIED_KEPT = 10_000;

    private final KeyPair keys;
    private final String keyId = UUID.randomUUID().toString();
    /**
     * Tokens whose signature and claims were checked, by their text, with what they said. A client sends the same
     * token with every request for its lifetime (an hour), and checking the RSA signature and reading the claims
     * again each time was the simulator's biggest cost of its own (8 % of its samples at 100 changes a second),
     * CPU that real Graph does not take from docketsync's cores. Only the expiry depends on the clock: it is
     * checked at every request still.
     */
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(Caller caller, long expiresAt) {
    }

    public TokenService() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String issuer(String tenantId) {
        return "https://login.microsoftonline.com/" + tenantId + "/v2.0";
    }

    public String accessToken(Directory.User user, String clientId, String scopes) {
        ObjectNode claims = baseClaims(clientId, user.tenantId());
        claims.put("oid", user.id());
        claims.put("sub", user.id());
        claims.put("upn", user.userPrincipalName());
        claims.put("preferred_username", user.userPrincipalName());
        claims.put("unique_name", user.userPrincipalName());
        claims.put("name", user.displayName());
        claims.put("scp", scopes);
        claims.put("idtyp", "user");
        return sign(claims);
    }

    public String appToken(String clientId, String tenantId, List<String> roles) {
        ObjectNode claims = baseClaims(clientId, tenantId);
        claims.put("oid", SERVICE_PRINCIPAL_ID);
        claims.put("sub", SERVICE_PRINCIPAL_ID);
        claims.put("idtyp", "app");
        roles.forEach(claims.putArray("roles")::add);
        return sign(claims);
    }

    public String idToken(Directory.User user, String clientId, String nonce) {
        ObjectNode claims = baseClaims(clientId, user.tenantId());
        claims.put("aud", clientId);
        claims.put("oid", user.id());
        claims.put("sub", user.id());
        claims.put("preferred_username", user.userPrincipalName());
        claims.put("name", user.displayName());
        if (nonce != null) {
            claims.put("nonce", nonce);
        }
        return sign(claims);
    }

    private ObjectNode baseClaims(String clientId, String tenantId) {
        long now = Instant.now().getEpochSecond();
        ObjectNode claims = json.createObjectNode();
        claims.put("aud", GRAPH_AUDIENCE);
        claims.put("iss", issuer(tenantId));
        claims.put("iat", now);
        claims.put("nbf", now);
        claims.put("exp", now + config.accessTokenLifetime().toSeconds());
        claims.put("tid", tenantId);
        claims.put("appid", clientId);
        claims.put("azp", clientId);
        claims.put("ver", "2.0");
        claims.put("uti", UUID.randomUUID().toString());
        return claims;
    }

    private String sign(ObjectNode claims) {
        ObjectNode header = json.createObjectNode();
        header.put("typ", "JWT");
        header.put("alg", "RS256");
        header.put("kid", keyId);
        String input = B64.encodeToString(bytes(header)) + "." + B64.encodeToString(bytes(claims));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.getPrivate());
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Graph's answers to a missing, malformed, foreign or expired bearer token: 401 InvalidAuthenticationToken. */
    public Caller verify(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw unauthorized("Access token is empty.");
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized("Access token validation failure. Invalid audience.");
        }
        String token = authorization.substring(7).trim();
        Verified known = verified.get(token);
        if (known == null) {
            known = check(token);
            keep(token, known);
        }
        if (known.expiresAt() <= Instant.now().getEpochSecond()) {
            throw unauthorized("Lifetime validation failed, the token is expired.");
        }
        return known.caller();
    }

    private void keep(String token, Verified checked) {
        if (verified.size() >= VERIFIED_KEPT) {
            long now = Instant.now().getEpochSecond();
            verified.values().removeIf(v -> v.expiresAt() <= now);
            if (verified.size() >= VERIFIED_KEPT) {
                verified.clear();
            }
        }
        verified.put(token, checked);
    }

    /** The token's signature and claims, checked; its expiry is the caller's to check against the clock. */
    private Verified check(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            throw unauthorized("IDX14100: JWT is not well formed, there are no dots (.).");
        }
        JsonNode claims;
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(keys.getPublic());
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                throw unauthorized("Access token validation failure. Invalid signature.");
            }
            claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (GraphException e) {
            throw e;
        } catch (Exception e) {
            throw unauthorized("Invalid JWT token. The token is malformed.");
        }
        if (!GRAPH_AUDIENCE.equals(claims.path("aud").asText())) {
            throw unauthorized("Access token validation failure. Invalid audience.");
        }
        boolean appOnly = "app".equals(claims.path("idtyp").asText());
        String scopes = appOnly ? String.join(" ", json.convertValue(claims.path("roles"), String[].class))
                : claims.path("scp").asText("");
        return new Verified(new Caller(claims.path("appid").asText(), claims.path("tid").asText(),
                appOnly ? null : claims.path("oid").asText(), scopes, appOnly), claims.path("exp").asLong());
    }

    private static GraphException unauthorized(String message) {
        return new GraphException(401, "InvalidAuthenticationToken", message, WWW_AUTHENTICATE);
    }

    public ObjectNode jwks() {
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        ObjectNode jwks = json.createObjectNode();
        ObjectNode jwk = jwks.putArray("keys").addObject();
        jwk.put("kty", "RSA");
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("kid", keyId);
        jwk.put("n", B64.encodeToString(unsigned(key.getModulus().toByteArray())));
        jwk.put("e", B64.encodeToString(unsigned(key.getPublicExponent().toByteArray())));
        return jwks;
    }

    private static byte[] unsigned(byte[] bytes) {
        return bytes.length > 1 && bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private byte[] bytes(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
