package io.docketsync.simulator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.docketsync.graph.EntraEndpoints;
import io.docketsync.graph.Pkce;
import io.docketsync.simulator.state.DemoData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EntraFlowTest extends SimulatorTest {
    private static final String REDIRECT = "http://localhost:8083/connections/office365/callback";
    private static final EntraEndpoints ENTRA = new EntraEndpoints(ROOT, DemoData.TENANT_DOMAIN);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, String> query(String location) {
        Map<String, String> out = new HashMap<>();
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return out;
    }

    private static Map<String, String> authorize(String loginHint, Pkce pkce, String state) {
        String location = given().urlEncodingEnabled(false).redirects().follow(false)
                .get(ENTRA.authorizeRequest("docketsync-local", REDIRECT, "offline_access openid Calendars.ReadWrite",
                        state, pkce.challenge(), loginHint))
                .then().statusCode(302).header("Location", startsWith(REDIRECT + "?")).extract().header("Location");
        return query(location);
    }

    private static Response redeem(String code, String verifier) {
        return given().formParam("client_id", "docketsync-local").formParam("client_secret", "docketsync-local-secret")
                .formParam("grant_type", "authorization_code").formParam("code", code)
                .formParam("redirect_uri", REDIRECT).formParam("code_verifier", verifier)
                .post(ENTRA.tokenUrl());
    }

    private static Response refresh(String refreshToken) {
        return given().formParam("client_id", "docketsync-local").formParam("client_secret", "docketsync-local-secret")
                .formParam("grant_type", "refresh_token").formParam("refresh_token", refreshToken)
                .post(ENTRA.tokenUrl());
    }

    private static JsonNode claims(String jwt) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    @Test
    void authorizationCodeWithPkceGivesTokensGraphAccepts() throws Exception {
        Pkce pkce = Pkce.create();
        Map<String, String> answer = authorize(ALICE, pkce, "state-1");
        assertEquals("state-1", answer.get("state"));

        Response tokens = redeem(answer.get("code"), pkce.verifier());
        tokens.then().statusCode(200).body("token_type", equalTo("Bearer")).body("expires_in", equalTo(3600));
        String accessToken = tokens.path("access_token");
        JsonNode claims = claims(accessToken);
        assertEquals("https://graph.microsoft.com", claims.path("aud").asText());
        assertEquals(DemoData.TENANT_ID, claims.path("tid").asText());
        assertEquals(DemoData.ALICE_ID, claims.path("oid").asText());
        assertEquals(ALICE, claims.path("upn").asText());
        assertEquals("Calendars.ReadWrite", claims.path("scp").asText());
        assertEquals(3600, claims.path("exp").asLong() - claims.path("iat").asLong());
        assertTrue(claims.path("iss").asText().contains(DemoData.TENANT_ID));

        GraphServiceClient graph = GRAPH.create(() -> accessToken);
        assertEquals(DemoData.ALICE_ID, graph.me().get().getId());

        // a code is good once
        redeem(answer.get("code"), pkce.verifier()).then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void withoutOfflineAccessThereIsNoRefreshToken() {
        Pkce pkce = Pkce.create();
        String location = given().urlEncodingEnabled(false).redirects().follow(false)
                .get(ENTRA.authorizeRequest("docketsync-local", REDIRECT, "Calendars.ReadWrite", "s", pkce.challenge(), BOB))
                .then().statusCode(302).extract().header("Location");
        redeem(query(location).get("code"), pkce.verifier()).then().statusCode(200)
                .body("access_token", org.hamcrest.Matchers.notNullValue())
                .body("refresh_token", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void wrongCodeVerifierIsInvalidGrant() {
        Map<String, String> answer = authorize(BOB, Pkce.create(), "s");
        redeem(answer.get("code"), Pkce.create().verifier()).then().statusCode(400)
                .body("error", equalTo("invalid_grant")).body("error_codes[0]", equalTo(501481));
    }

    @Test
    void aRefreshTokenIsNotSpentByUseAndRevocationEndsThemAll() {
        Pkce pkce = Pkce.create();
        String first = redeem(authorize(CAROL, pkce, "s").get("code"), pkce.verifier()).path("refresh_token");

        Response rotated = refresh(first);
        rotated.then().statusCode(200);
        String second = rotated.path("refresh_token");
        assertNotEquals(first, second);
        // the first still works: Entra documents that refresh tokens are not spent by use
        refresh(first).then().statusCode(200);

        given().post("/_sim/users/" + CAROL + "/revoke-refresh-tokens").then().statusCode(204);
        refresh(second).then().statusCode(400).body("error", equalTo("invalid_grant"))
                .body("error_description", startsWith("AADSTS50173"));
        refresh(first).then().statusCode(400).body("error", equalTo("invalid_grant"));
        refresh("never-issued").then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void unknownLoginHintComesBackAsAnErrorRedirect() {
        Map<String, String> answer = authorize("nobody@halemarsh.test", Pkce.create(), "s-9");
        assertEquals("login_required", answer.get("error"));
        assertTrue(answer.get("error_description").startsWith("AADSTS"));
        assertEquals("s-9", answer.get("state"));
    }

    @Test
    void wrongClientSecretIsInvalidClient() {
        given().formParam("client_id", "docketsync-local").formParam("client_secret", "nope")
                .formParam("grant_type", "client_credentials").formParam("scope", "https://graph.microsoft.com/.default")
                .post(ENTRA.tokenUrl()).then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void clientCredentialsGiveAnAppTokenForAnyMailboxButNotMe() {
        String appToken = given().formParam("client_id", "docketsync-local")
                .formParam("client_secret", "docketsync-local-secret").formParam("grant_type", "client_credentials")
                .formParam("scope", "https://graph.microsoft.com/.default")
                .post(ENTRA.tokenUrl()).then().statusCode(200).extract().path("access_token");
        GraphServiceClient app = GRAPH.create(() -> appToken);
        assertEquals(0, app.users().byUserId(BOB).events().get().getValue().size());
        ODataError me = assertThrows(ODataError.class, () -> app.me().get());
        assertEquals(400, me.getResponseStatusCode());
    }

    @Test
    void discoveryNamesTheEndpointsAndTheKeyThatSignsTokens() throws Exception {
        Response discovery = given().get(ENTRA.openIdConfigurationUrl());
        discovery.then().statusCode(200).body("token_endpoint", equalTo(ENTRA.tokenUrl()))
                .body("authorization_endpoint", equalTo(ENTRA.authorizeUrl()));
        JsonNode jwk = JSON.readTree(given().get((String) discovery.path("jwks_uri")).asString()).path("keys").get(0);

        String jwt = token(ALICE);
        String[] parts = jwt.split("\\.");
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        assertEquals("RS256", header.path("alg").asText());
        assertEquals(jwk.path("kid").asText(), header.path("kid").asText());
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("n").asText())),
                new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("e").asText()))));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key);
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rs256.verify(Base64.getUrlDecoder().decode(parts[2])));
    }

    @Test
    void graphWithoutAValidTokenIs401InvalidAuthenticationToken() {
        ODataError none = assertThrows(ODataError.class, () -> GRAPH.create(() -> "").me().events().get());
        assertEquals(401, none.getResponseStatusCode());
        assertEquals("InvalidAuthenticationToken", none.getError().getCode());

        String forged = token(ALICE).replaceAll("\\.[^.]+$", ".c2lnbmF0dXJl");
        ODataError bad = assertThrows(ODataError.class, () -> GRAPH.create(() -> forged).me().get());
        assertEquals(401, bad.getResponseStatusCode());
        assertEquals("InvalidAuthenticationToken", bad.getError().getCode());
        assertTrue(bad.getResponseHeaders().containsKey("request-id"));
    }
}
