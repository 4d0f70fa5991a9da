package io.docketsync.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.microsoft.graph.models.User;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a tiny local HTTP server: what the SDK built by the factory actually sends. */
class GraphClientFactoryTest {
    private HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger throttledCalls = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/v1.0/me", exchange -> {
            seen.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            reply(exchange, 200, "{\"id\":\"u1\",\"userPrincipalName\":\"alice@halemarsh.test\"}", null);
        });
        server.createContext("/v1.0/users/throttled", exchange -> {
            throttledCalls.incrementAndGet();
            reply(exchange, 429, "{\"error\":{\"code\":\"ApplicationThrottled\",\"message\":\"slow down\"}}", "1");
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, int status, String body, String retryAfter)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (retryAfter != null) {
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort() + "/v1.0";
    }

    @Test
    void sendsTheSuppliedTokenToTheConfiguredBaseUrl() {
        AtomicInteger n = new AtomicInteger();
        GraphServiceClient client = new GraphClientFactory(GraphClientFactory.Settings.of(baseUrl() + "/"))
                .create(() -> "token-" + n.incrementAndGet());
        User me = client.me().get();
        client.me().get();
        assertEquals("alice@halemarsh.test", me.getUserPrincipalName());
        assertEquals(List.of("/v1.0/me Bearer token-1", "/v1.0/me Bearer token-2"), seen);
    }

    @Test
    void aTokensClientIsBuiltOnceAndSendsThatToken() {
        GraphClientFactory factory = new GraphClientFactory(GraphClientFactory.Settings.of(baseUrl()));
        GraphServiceClient alice = factory.forToken("token-alice");
        assertSame(alice, factory.forToken("token-alice"), "the same token, the same client");
        GraphServiceClient bob = factory.forToken("token-bob");
        assertNotSame(alice, bob);
        alice.me().get();
        bob.me().get();
        assertEquals(List.of("/v1.0/me Bearer token-alice", "/v1.0/me Bearer token-bob"), seen);
    }

    @Test
    void theLeastRecentlyUsedTokensAreLetGo() {
        GraphClientFactory factory = new GraphClientFactory(GraphClientFactory.Settings.of(baseUrl()));
        GraphServiceClient first = factory.forToken("t0");
        for (int i = 1; i <= GraphClientFactory.CACHED_CLIENTS; i++) {
            factory.forToken("t" + i);
        }
        assertNotSame(first, factory.forToken("t0"), "t0 was the least recently used of one too many");
    }

    @Test
    void withSdkRetriesOffTheCallerSees429AndRetryAfter() {
        GraphServiceClient client = new GraphClientFactory(GraphClientFactory.Settings.of(baseUrl()).withoutSdkRetries())
                .create(() -> "t");
        ODataError error = assertThrows(ODataError.class, () -> client.users().byUserId("throttled").get());
        assertEquals(429, error.getResponseStatusCode());
        assertEquals("ApplicationThrottled", error.getError().getCode());
        assertEquals(List.of("1"), List.copyOf(error.getResponseHeaders().get("Retry-After")));
        assertEquals(1, throttledCalls.get());
    }

    @Test
    void withSdkRetriesOnTheSdkRetriesAfterRetryAfter() {
        GraphServiceClient client = new GraphClientFactory(
                new GraphClientFactory.Settings(baseUrl(), true, 1, Duration.ofSeconds(30))).create(() -> "t");
        assertThrows(ODataError.class, () -> client.users().byUserId("throttled").get());
        assertEquals(2, throttledCalls.get());
    }

    @Test
    void refusesABaseUrlThatIsNotAbsolute() {
        assertThrows(IllegalArgumentException.class, () -> GraphClientFactory.Settings.of("/v1.0"));
        assertThrows(IllegalArgumentException.class,
                () -> new GraphClientFactory.Settings("http://x/v1.0", true, 11, null));
    }
}
