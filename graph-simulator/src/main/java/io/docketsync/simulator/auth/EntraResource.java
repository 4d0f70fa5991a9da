package io.docketsync.simulator.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docketsync.graph.EntraEndpoints;
import io.docketsync.simulator.api.RequestLog;
import io.docketsync.simulator.config.SimulatorConfig;
import io.docketsync.simulator.state.Directory;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Entra ID's v2.0 endpoints: authorize (code + PKCE, no sign-in page), token, discovery and keys. */
@Path("/{tenant}")
@Tag(name = "Entra ID")
public class EntraResource {
    private static final Set<String> OIDC_SCOPES = Set.of("openid", "profile", "email", "offline_access");
    private static final String DEFAULT_SCOPES = "User.Read Calendars.ReadWrite";

    @Inject
    Directory directory;
    @Inject
    GrantStore grants;
    @Inject
    TokenService tokens;
    @Inject
    SimulatorConfig config;
    @Inject
    ObjectMapper json;
    @Inject
    RequestLog log;

    @GET
    @Path("oauth2/v2.0/authorize")
    @Produces(MediaType.APPLICATION_JSON)
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "Entra ID's authorization endpoint, without a page",
            description = "Signs in, at once, the existing user that login_hint names (no page to pick an account or "
                    + "consent: the simulator approves for them) and redirects to redirect_uri with code and state. "
                    + "Without login_hint, or naming no user of the tenant, it redirects with error=login_required "
                    + "(or answers 400 for a bad client or redirect URI), as Entra ID does with prompt=none.")
    public Response authorize(@PathParam("tenant") String tenant, @QueryParam("client_id") String clientId,
            @QueryParam("response_type") String responseType, @QueryParam("redirect_uri") String redirectUri,
            @QueryParam("scope") String scope, @QueryParam("state") String state,
            @QueryParam("code_challenge") String challenge, @QueryParam("code_challenge_method") String method,
            @QueryParam("login_hint") String loginHint, @QueryParam("nonce") String nonce) {
        // errors about the client or its redirect URI cannot go back by redirect: Entra shows them on its page
        if (!config.clientId().equals(clientId)) {
            return page(400, 700016, "Application with identifier '" + clientId + "' was not found in the directory '"
                    + tenant + "'.");
        }
        if (!allowedRedirect(redirectUri)) {
            return page(400, 50011, "The redirect URI '" + redirectUri
                    + "' specified in the request does not match the redirect URIs configured for the application '"
                    + clientId + "'.");
        }
        if (!"code".equals(responseType)) {
            return back(redirectUri, state, "unsupported_response_type", 700054,
                    "response_type '" + responseType + "' is not enabled for the application.");
        }
        if (challenge != null && method != null && !"S256".equals(method)) {
            return back(redirectUri, state, "invalid_request", 501491,
                    "Invalid code_challenge_method: only S256 is accepted for this application.");
        }
        if (challenge == null) {
            return back(redirectUri, state, "invalid_request", 9002325,
                    "Proof Key for Code Exchange is required for cross-origin authorization code redemption.");
        }
        Optional<Directory.Tenant> home = tenant(tenant);
        if (home.isEmpty() && !isMultiTenant(tenant)) {
            return back(redirectUri, state, "invalid_request", 90002, "Tenant '" + tenant + "' not found.");
        }
        Optional<Directory.User> user = directory.user(loginHint)
                .filter(u -> home.isEmpty() || u.tenantId().equals(home.get().id()));
        if (user.isEmpty()) {
            // without a page to sign in on, an unknown login_hint is what a silent request without a session gets
            return back(redirectUri, state, "login_required", 50058,
                    "A silent sign-in request was sent but no user is signed in. login_hint '" + loginHint
                            + "' names no user of this directory.");
        }
        String code = grants.newCode(user.get().id(), clientId, redirectUri, scope, challenge, nonce);
        log.record("GET", "/" + tenant + "/oauth2/v2.0/authorize", 302, clientId, user.get().userPrincipalName());
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("code", code);
        if (state != null) {
            answer.put("state", state);
        }
        answer.put("session_state", UUID.randomUUID().toString());
        return redirect(redirectUri, answer);
    }

    @POST
    @Path("oauth2/v2.0/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(@PathParam("tenant") String tenant, @HeaderParam("Authorization") String basic,
            @FormParam("grant_type") String grantType, @FormParam("client_id") String clientId,
            @FormParam("client_secret") String clientSecret, @FormParam("code") String code,
            @FormParam("redirect_uri") String redirectUri, @FormParam("code_verifier") String verifier,
            @FormParam("refresh_token") String refreshToken, @FormParam("scope") String scope) {
        String[] credentials = clientCredentials(basic, clientId, clientSecret);
        int status = 200;
        try {
            if (!config.clientId().equals(credentials[0])) {
                throw new OAuthException(400, "unauthorized_client", 700016, "Application with identifier '"
                        + credentials[0] + "' was not found in the directory '" + tenant + "'.");
            }
            if (!config.clientSecret().equals(credentials[1])) {
                throw new OAuthException(401, "invalid_client", 7000215,
                        "Invalid client secret provided. Ensure the secret being sent in the request is the client "
                                + "secret value, not the client secret ID.");
            }
            ObjectNode answer = switch (grantType == null ? "" : grantType) {
                case "authorization_code" -> {
                    GrantStore.Code grant = grants.redeem(code, credentials[0], redirectUri, verifier);
                    yield userTokens(grant.userId(), grant.scope(), grant.nonce(), credentials[0]);
                }
                case "refresh_token" -> {
                    GrantStore.Refresh grant = grants.redeemRefreshToken(refreshToken, credentials[0]);
                    yield userTokens(grant.userId(), grant.scope(), null, credentials[0]);
                }
                case "client_credentials" -> appTokens(tenant, scope, credentials[0]);
                default -> throw new OAuthException(400, "unsupported_grant_type", 70003,
                        "The app requested an unsupported grant type '" + grantType + "'.");
            };
            return Response.ok(answer).header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
        } catch (OAuthException e) {
            status = e.status();
            return Response.status(e.status()).entity(oauthError(e)).type(MediaType.APPLICATION_JSON).build();
        } finally {
            log.record("POST", "/" + tenant + "/oauth2/v2.0/token", status, credentials[0], null);
        }
    }

    private ObjectNode userTokens(String userId, String requested, String nonce, String clientId) {
        Directory.User user = directory.user(userId).orElseThrow(() -> OAuthException.invalidGrant(50034,
                "The user account does not exist in the directory."));
        List<String> asked = requested == null ? List.of() : Arrays.asList(requested.trim().split("\\s+"));
        String graphScopes = asked.stream().filter(s -> !s.isBlank() && !OIDC_SCOPES.contains(s))
                .map(s -> s.replaceFirst("^https://graph\\.microsoft\\.com/", ""))
                .filter(s -> !".default".equals(s)).collect(Collectors.joining(" "));
        if (graphScopes.isBlank()) {
            graphScopes = DEFAULT_SCOPES;
        }
        ObjectNode answer = json.createObjectNode();
        answer.put("token_type", "Bearer");
        answer.put("scope", graphScopes + (asked.contains("offline_access") ? " offline_access" : ""));
        answer.put("expires_in", config.accessTokenLifetime().toSeconds());
        answer.put("ext_expires_in", config.accessTokenLifetime().toSeconds());
        answer.put("access_token", tokens.accessToken(user, clientId, graphScopes));
        // as Entra: a refresh token only for offline_access (kept in the grant, so rotation keeps giving one)
        if (asked.contains("offline_access")) {
            answer.put("refresh_token", grants.newRefreshToken(user.id(), clientId, requested));
        }
        if (asked.contains("openid")) {
            answer.put("id_token", tokens.idToken(user, clientId, nonce));
        }
        return answer;
    }

    private ObjectNode appTokens(String tenant, String scope, String clientId) {
        if (scope == null || !scope.trim().endsWith("/.default")) {
            throw OAuthException.invalidRequest(1002012, "The provided value for scope " + scope
                    + " is not valid. Client credential flows must have a scope value with /.default suffixed to the "
                    + "resource identifier (application ID URI).");
        }
        Directory.Tenant home = tenant(tenant).orElseThrow(() -> new OAuthException(400, "invalid_request", 90002,
                "Tenant '" + tenant + "' not found. Client credentials need a tenant, not '" + tenant + "'."));
        ObjectNode answer = json.createObjectNode();
        answer.put("token_type", "Bearer");
        answer.put("expires_in", config.accessTokenLifetime().toSeconds());
        answer.put("ext_expires_in", config.accessTokenLifetime().toSeconds());
        answer.put("access_token", tokens.appToken(clientId, home.id(), List.of("Calendars.ReadWrite", "User.Read.All")));
        return answer;
    }

    @GET
    @Path("v2.0/.well-known/openid-configuration")
    @Produces(MediaType.APPLICATION_JSON)
    public Response discovery(@PathParam("tenant") String tenant, @Context UriInfo uri) {
        String base = authority(uri) + "/" + tenant;
        String tid = tenant(tenant).map(Directory.Tenant::id).orElse("{tenantid}");
        ObjectNode doc = json.createObjectNode();
        doc.put("issuer", tokens.issuer(tid));
        doc.put("authorization_endpoint", base + "/oauth2/v2.0/authorize");
        doc.put("token_endpoint", base + "/oauth2/v2.0/token");
        doc.put("jwks_uri", base + "/discovery/v2.0/keys");
        doc.put("userinfo_endpoint", authority(uri) + "/oidc/userinfo");
        doc.put("end_session_endpoint", base + "/oauth2/v2.0/logout");
        doc.putArray("response_types_supported").add("code");
        doc.putArray("response_modes_supported").add("query");
        doc.putArray("grant_types_supported").add("authorization_code").add("refresh_token").add("client_credentials");
        doc.putArray("subject_types_supported").add("pairwise");
        doc.putArray("id_token_signing_alg_values_supported").add("RS256");
        doc.putArray("token_endpoint_auth_methods_supported").add("client_secret_post").add("client_secret_basic");
        doc.putArray("code_challenge_methods_supported").add("S256");
        doc.putArray("scopes_supported").add("openid").add("profile").add("email").add("offline_access");
        doc.put("tenant_region_scope", "EU");
        return Response.ok(doc).build();
    }

    @GET
    @Path("discovery/v2.0/keys")
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode keys() {
        return tokens.jwks();
    }

    private Optional<Directory.Tenant> tenant(String name) {
        return isMultiTenant(name) ? Optional.empty() : directory.tenantByName(name);
    }

    private static boolean isMultiTenant(String name) {
        return "common".equals(name) || "organizations".equals(name);
    }

    private static String authority(UriInfo uri) {
        String base = uri.getBaseUri().toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** Any http://localhost redirect URI is registered for the local client (any port, any path). */
    private static boolean allowedRedirect(String redirectUri) {
        try {
            URI uri = URI.create(redirectUri);
            return "http".equals(uri.getScheme())
                    && ("localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost()));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String[] clientCredentials(String basic, String clientId, String secret) {
        if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded = new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
            }
        }
        return new String[] {clientId, secret};
    }

    private Response back(String redirectUri, String state, String error, int aadsts, String description) {
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("error", error);
        answer.put("error_description", "AADSTS" + aadsts + ": " + description);
        if (state != null) {
            answer.put("state", state);
        }
        return redirect(redirectUri, answer);
    }

    private static Response redirect(String redirectUri, Map<String, String> query) {
        String separator = redirectUri.contains("?") ? "&" : "?";
        return Response.status(302).location(URI.create(redirectUri + separator + EntraEndpoints.form(query))).build();
    }

    private Response page(int status, int aadsts, String description) {
        return Response.status(status).entity(oauthError(new OAuthException(status, "invalid_request", aadsts,
                description))).type(MediaType.APPLICATION_JSON).build();
    }

    private ObjectNode oauthError(OAuthException e) {
        ObjectNode body = json.createObjectNode();
        body.put("error", e.error());
        body.put("error_description", e.getMessage());
        body.putArray("error_codes").add(e.aadsts());
        body.put("timestamp", Instant.now().toString().replace('T', ' ').replace("Z", "Z"));
        body.put("trace_id", UUID.randomUUID().toString());
        body.put("correlation_id", UUID.randomUUID().toString());
        return body;
    }
}
