package io.docketsync.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The proxy against a stand-in activity-service: what the browser sends arrives, and the answer comes back whole. */
@QuarkusTest
@QuarkusTestResource(value = ApiProxyTest.StandIn.class, restrictToAnnotatedClass = true)
class ApiProxyTest {
    static final Map<String, String> SEEN = new ConcurrentHashMap<>();

    public static class StandIn implements QuarkusTestResourceLifecycleManager {
        HttpServer server;

        @Override
        public Map<String, String> start() {
            try {
                server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/", exchange -> {
                SEEN.put("request", exchange.getRequestMethod() + " " + exchange.getRequestURI());
                SEEN.put("authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                SEEN.put("if-match", String.valueOf(exchange.getRequestHeaders().getFirst("If-Match")));
                SEEN.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                byte[] answer = "{\"title\":\"Forbidden\",\"detail\":\"bob may edit only his own activities\"}"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
                exchange.getResponseHeaders().add("ETag", "\"7\"");
                exchange.sendResponseHeaders(403, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
            return Map.of("docketsync.web.activity-url", "http://localhost:" + server.getAddress().getPort());
        }

        @Override
        public void stop() {
            server.stop(0);
        }
    }

    @Test
    void aRequestGoesThroughWithTokenAndVersionAndTheRefusalComesBackAsIs() {
        given().header("Authorization", "Bearer abc").header("If-Match", "\"6\"").header("Cookie", "secret=1")
                .contentType("application/json").body("{\"subject\":\"x\"}")
                .put("/api/activity/activities/a1?dryRun=false")
                .then().statusCode(403).contentType("application/problem+json").header("ETag", "\"7\"")
                .body("detail", equalTo("bob may edit only his own activities"));
        assertEquals("PUT /activities/a1?dryRun=false", SEEN.get("request"));
        assertEquals("Bearer abc", SEEN.get("authorization"));
        assertEquals("\"6\"", SEEN.get("if-match"));
        assertEquals("{\"subject\":\"x\"}", SEEN.get("body"));
    }
}
