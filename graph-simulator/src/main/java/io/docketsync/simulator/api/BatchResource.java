package io.docketsync.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * JSON batching. Each inner request is replayed against this server itself, so it passes the same token
 * check, mailbox limits and faults as if sent alone (an inner request can be throttled: 429 + Retry-After).
 * As Graph does, up to {@value #CONCURRENT} inner requests run at once; they count against the mailbox's
 * concurrency limit together with every other request to it, so a batch does not lift the limit. A request
 * with {@code dependsOn} starts once what it depends on has answered, and is answered 424 if that failed. Nothing
 * blocks: the batch is answered when its inner requests' asynchronous answers are in, so batches waiting on Graph's
 * answer time (the latency model) hold no thread.
 */
@Path("/v1.0/$batch")
@Tag(name = "Microsoft Graph v1.0")
public class BatchResource {
    static final int MAX_REQUESTS = 20;
    /** Graph dispatches up to four inner requests of a batch at the same time, whatever mailboxes they address. */
    static final int CONCURRENT = 4;
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
    private static final Set<String> ANSWERED_HEADERS = Set.of("content-type", "retry-after", "location", "etag",
            "preference-applied");

    @Inject
    ObjectMapper json;
    @Inject
    RequestInfo info;
    @Context
    UriInfo uri;

    // HTTP/1.1: no h2c upgrade attempt on plain http
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<ObjectNode> batch(ObjectNode body, @HeaderParam("Authorization") String authorization) {
        JsonNode requests = body == null ? null : body.get("requests");
        if (requests == null || !requests.isArray() || requests.isEmpty()) {
            throw GraphException.badRequest("Invalid batch payload format.");
        }
        if (requests.size() > MAX_REQUESTS) {
            throw GraphException.badRequest("Invalid batch payload format. The number of requests in a batch is "
                    + "limited to " + MAX_REQUESTS + ".");
        }
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (JsonNode r : requests) {
            String id = r.path("id").asText(null);
            if (id == null || r.path("method").asText(null) == null || r.path("url").asText(null) == null) {
                throw GraphException.badRequest("Invalid batch payload format. Every request needs id, method and url.");
            }
            if (byId.put(id.toLowerCase(Locale.ROOT), r) != null) {
                throw GraphException.badRequest("Invalid batch payload format. Request ids must be unique: '" + id + "'.");
            }
        }
        for (JsonNode r : requests) {
            for (JsonNode d : r.path("dependsOn")) {
                if (!byId.containsKey(d.asText().toLowerCase(Locale.ROOT))) {
                    throw GraphException.badRequest("Invalid batch payload format. dependsOn names an unknown request '"
                            + d.asText() + "'.");
                }
            }
        }
        for (String key : byId.keySet()) {
            checkNoCycle(key, byId, new java.util.ArrayList<>());
        }
        // what the inner requests need from this request, read here: its scope does not reach the client's threads
        String base = uri.getBaseUri() + "v1.0";
        Inner context = new Inner(base, authorization, info.requestId(), info.clientRequestId());
        Slots slots = new Slots(CONCURRENT);
        Map<String, CompletableFuture<ObjectNode>> answers = new HashMap<>();
        for (String key : byId.keySet()) {
            schedule(key, byId, answers, context, slots);
        }
        List<CompletableFuture<ObjectNode>> inOrder = new java.util.ArrayList<>();
        requests.forEach(r -> inOrder.add(answers.get(r.path("id").asText().toLowerCase(Locale.ROOT))));
        return CompletableFuture.allOf(inOrder.toArray(CompletableFuture[]::new)).thenApply(done -> {
            ObjectNode out = json.createObjectNode();
            ArrayNode responses = out.putArray("responses");
            inOrder.forEach(a -> responses.add(a.join()));
            return out;
        });
    }

    /**
     * At most {@code max} inner requests of one batch in flight; the others wait their turn in arrival order. No
     * thread waits: a request's completion starts the next.
     */
    private static final class Slots {
        private final int max;
        private final java.util.ArrayDeque<Runnable> waiting = new java.util.ArrayDeque<>();
        private int running;

        Slots(int max) {
            this.max = max;
        }

        CompletableFuture<ObjectNode> run(java.util.function.Supplier<CompletableFuture<ObjectNode>> task) {
            CompletableFuture<ObjectNode> result = new CompletableFuture<>();
            Runnable start = () -> task.get().whenComplete((answer, failure) -> {
                release();
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(answer);
                }
            });
            boolean now;
            synchronized (this) {
                now = running < max;
                if (now) {
                    running++;
                } else {
                    waiting.addLast(start);
                }
            }
            if (now) {
                start.run();
            }
            return result;
        }

        private void release() {
            Runnable next;
            synchronized (this) {
                next = waiting.pollFirst();
                if (next == null) {
                    running--;
                }
            }
            if (next != null) {
                next.run(); // keeps the slot the finished request held
            }
        }
    }

    /** What an inner request carries of the batch request: Graph's root, the token, the batch's ids. */
    private record Inner(String base, String authorization, String requestId, String clientRequestId) {
    }

    private static void checkNoCycle(String key, Map<String, JsonNode> byId, List<String> path) {
        if (path.contains(key)) {
            throw GraphException.badRequest("Invalid batch payload format. dependsOn forms a cycle at '"
                    + byId.get(key).path("id").asText() + "'.");
        }
        path.add(key);
        for (JsonNode d : byId.get(key).path("dependsOn")) {
            checkNoCycle(d.asText().toLowerCase(Locale.ROOT), byId, path);
        }
        path.remove(path.size() - 1);
    }

    /**
     * The answer to one inner request: started (at most {@value #CONCURRENT} at once) as soon as the requests it
     * depends on have answered; 424 without running when one of them failed.
     */
    private CompletableFuture<ObjectNode> schedule(String key, Map<String, JsonNode> byId,
            Map<String, CompletableFuture<ObjectNode>> answers, Inner context, Slots slots) {
        CompletableFuture<ObjectNode> known = answers.get(key);
        if (known != null) {
            return known;
        }
        JsonNode request = byId.get(key);
        String id = request.path("id").asText();
        List<String> dependsOn = new java.util.ArrayList<>();
        request.path("dependsOn").forEach(d -> dependsOn.add(d.asText()));
        List<CompletableFuture<ObjectNode>> dependencies = dependsOn.stream()
                .map(d -> schedule(d.toLowerCase(Locale.ROOT), byId, answers, context, slots)).toList();
        CompletableFuture<ObjectNode> answer = CompletableFuture
                .allOf(dependencies.toArray(CompletableFuture[]::new))
                .thenCompose(done -> {
                    for (int i = 0; i < dependencies.size(); i++) {
                        int status = dependencies.get(i).join().path("status").asInt();
                        if (status < 200 || status > 299) {
                            return CompletableFuture.completedFuture(answer(id, 424,
                                    Map.of("Content-Type", "application/json"), errorBody(context, "FailedDependency",
                                            "The request depends on request '" + dependsOn.get(i) + "', which failed.")));
                        }
                    }
                    return slots.run(() -> execute(request, context));
                });
        answers.put(key, answer);
        return answer;
    }

    private ObjectNode errorBody(Inner context, String code, String message) {
        ObjectNode body = json.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        ObjectNode inner = error.putObject("innerError");
        inner.put("date", java.time.LocalDateTime.now(java.time.ZoneOffset.UTC)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        inner.put("request-id", context.requestId());
        inner.put("client-request-id", context.clientRequestId() == null ? context.requestId()
                : context.clientRequestId());
        return body;
    }

    /** Sends one inner request to this server (asynchronously: the answer completes the future). */
    private CompletableFuture<ObjectNode> execute(JsonNode request, Inner context) {
        String id = request.path("id").asText();
        HttpRequest outgoing;
        try {
            outgoing = innerRequest(request, context);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(badGateway(id, context, e));
        }
        return http.sendAsync(outgoing, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
            if (failure != null) {
                return badGateway(id, context, failure);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> {
                if (ANSWERED_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !values.isEmpty()) {
                    headers.put(canonical(name), values.get(0));
                }
            });
            JsonNode answerBody = null;
            try {
                if (!response.body().isEmpty()) {
                    answerBody = headers.getOrDefault("Content-Type", "").contains("json")
                            ? json.readTree(response.body())
                            : json.getNodeFactory().textNode(response.body());
                }
            } catch (java.io.IOException e) {
                return badGateway(id, context, e);
            }
            return answer(id, response.statusCode(), headers, answerBody);
        });
    }

    private ObjectNode badGateway(String id, Inner context, Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return answer(id, 502, Map.of("Content-Type", "application/json"),
                errorBody(context, "BadGateway", "The inner request failed: " + cause.getMessage()));
    }

    private HttpRequest innerRequest(JsonNode request, Inner context) {
        String url = request.path("url").asText();
        URI target = URI.create(context.base() + (url.startsWith("/") ? url : "/" + url));
        HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(60));
        if (context.authorization() != null) {
            builder.header("Authorization", context.authorization());
        }
        request.path("headers").fields().forEachRemaining(h -> {
            if (!RESTRICTED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                builder.header(h.getKey(), h.getValue().asText());
            }
        });
        JsonNode body = request.get("body");
        String method = request.path("method").asText().toUpperCase(Locale.ROOT);
        if (body != null && !body.isNull()) {
            if (request.path("headers").findValue("Content-Type") == null
                    && request.path("headers").findValue("content-type") == null) {
                builder.header("Content-Type", "application/json");
            }
            builder.method(method, HttpRequest.BodyPublishers.ofString(body.isTextual() ? body.asText() : body.toString()));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return builder.build();
    }

    private ObjectNode answer(String id, int status, Map<String, String> headers, JsonNode body) {
        ObjectNode out = json.createObjectNode();
        out.put("id", id);
        out.put("status", status);
        ObjectNode h = out.putObject("headers");
        headers.forEach(h::put);
        if (body != null) {
            out.set("body", body);
        }
        return out;
    }

    private static String canonical(String header) {
        return switch (header.toLowerCase(Locale.ROOT)) {
            case "content-type" -> "Content-Type";
            case "retry-after" -> "Retry-After";
            case "location" -> "Location";
            case "etag" -> "ETag";
            default -> "Preference-Applied";
        };
    }
}
