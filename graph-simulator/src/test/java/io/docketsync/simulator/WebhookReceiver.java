package io.docketsync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP receiver for Graph's webhooks, as connector-service would be: answers the validation handshake
 * (or answers it wrongly on /wrong), queues notifications, on /flaky fails the first deliveries, and on /down
 * fails every delivery (noting when each attempt came).
 */
final class WebhookReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final BlockingQueue<JsonNode> notifications = new LinkedBlockingQueue<>();
    final BlockingQueue<JsonNode> lifecycle = new LinkedBlockingQueue<>();
    final AtomicInteger flakyAttempts = new AtomicInteger();
    /** When each delivery to /down arrived (System.nanoTime()). */
    final java.util.List<Long> downAttempts = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final HttpServer server;

    WebhookReceiver(int failuresBeforeSuccess) throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/notify", exchange -> handle(exchange, notifications, 0));
        server.createContext("/lifecycle", exchange -> handle(exchange, lifecycle, 0));
        server.createContext("/flaky", exchange -> handle(exchange, notifications, failuresBeforeSuccess));
        server.createContext("/down", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            if (query != null && query.startsWith("validationToken=")) {
                handle(exchange, notifications, 0);
                return;
            }
            downAttempts.add(System.nanoTime());
            exchange.getRequestBody().readAllBytes();
            reply(exchange, 503, "text/plain", "down");
        });
        server.createContext("/wrong", exchange -> reply(exchange, 200, "text/plain", "not the token"));
        server.start();
    }

    String url(String path) {
        return "http://localhost:" + server.getAddress().getPort() + path;
    }

    JsonNode next(BlockingQueue<JsonNode> queue) throws InterruptedException {
        // a generous deadline, not a speed requirement: delivery is asynchronous
        JsonNode n = queue.poll(20, TimeUnit.SECONDS);
        if (n == null) {
            throw new AssertionError("no notification arrived");
        }
        return n;
    }

    private void handle(HttpExchange exchange, BlockingQueue<JsonNode> queue, int failuresBeforeSuccess)
            throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null && query.startsWith("validationToken=")) {
            String token = URLDecoder.decode(query.substring("validationToken=".length()), StandardCharsets.UTF_8);
            reply(exchange, 200, "text/plain", token);
            return;
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (failuresBeforeSuccess > 0 && flakyAttempts.incrementAndGet() <= failuresBeforeSuccess) {
            reply(exchange, 500, "text/plain", "down");
            return;
        }
        JSON.readTree(body).path("value").forEach(queue::add);
        reply(exchange, 202, "text/plain", "");
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
