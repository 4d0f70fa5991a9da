package io.docketsync.graph;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Entra ID (v2.0) endpoints of one tenant under a configurable authority: http://localhost:8090 with
 * graph-simulator, https://login.microsoftonline.com in production.
 */
public record EntraEndpoints(String authority, String tenant) {
    public static final String PRODUCTION_AUTHORITY = "https://login.microsoftonline.com";

    public EntraEndpoints {
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(tenant, "tenant");
        if (URI.create(authority).getHost() == null) {
            throw new IllegalArgumentException("authority must be an absolute URL: " + authority);
        }
        if (tenant.isBlank() || tenant.contains("/")) {
            throw new IllegalArgumentException("tenant must be a tenant id, domain, 'common' or 'organizations'");
        }
        authority = authority.endsWith("/") ? authority.substring(0, authority.length() - 1) : authority;
    }

    public String authorizeUrl() {
        return base() + "/oauth2/v2.0/authorize";
    }

    public String tokenUrl() {
        return base() + "/oauth2/v2.0/token";
    }

    public String openIdConfigurationUrl() {
        return base() + "/v2.0/.well-known/openid-configuration";
    }

    /** The browser's first stop of an authorization-code flow with PKCE (S256). */
    public String authorizeRequest(String clientId, String redirectUri, String scope, String state,
            String codeChallenge, String loginHint) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", clientId);
        query.put("response_type", "code");
        query.put("redirect_uri", redirectUri);
        query.put("response_mode", "query");
        query.put("scope", scope);
        query.put("state", state);
        query.put("code_challenge", codeChallenge);
        query.put("code_challenge_method", "S256");
        if (loginHint != null) {
            query.put("login_hint", loginHint);
        }
        return authorizeUrl() + "?" + form(query);
    }

    /** application/x-www-form-urlencoded, as the token endpoint expects its body. */
    public static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private String base() {
        return authority + "/" + tenant;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
