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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * JSON batching. Each inner request is replayed against this server itself, so it passes the same token
 * check, mailbox limits and faults as if sent alone (an inner request can be throttled: 429 + Retry-After).
 * Inner requests run one after another, dependencies first.
 */
@Path("/v1.0/$batch")
@Tag(name = "Microsoft Graph v1.0")
public class BatchResource {
    static final int MAX_REQUESTS = 20;
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
    private static final Set<String> ANSWERED_HEADERS = Set.of("content-type", "retry-after", "location", "etag",
            "preference-applied");

    @Inject
    ObjectMapper json;
    @Inject
    GraphErrors errors;
    @Context
    UriInfo uri;

    // HTTP/1.1: no h2c upgrade attempt on plain http
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode batch(ObjectNode body, @HeaderParam("Authorization") String authorization) {
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
        Map<String, ObjectNode> answers = new HashMap<>();
        ObjectNode out = json.createObjectNode();
        ArrayNode responses = out.putArray("responses");
        for (JsonNode r : requests) {
            responses.add(run(r, byId, answers, authorization, List.of()));
        }
        return out;
    }

    private ObjectNode run(JsonNode request, Map<String, JsonNode> byId, Map<String, ObjectNode> answers,
            String authorization, List<String> path) {
        String id = request.path("id").asText();
        String key = id.toLowerCase(Locale.ROOT);
        if (answers.containsKey(key)) {
            return answers.get(key);
        }
        if (path.contains(key)) {
            throw GraphException.badRequest("Invalid batch payload format. dependsOn forms a cycle at '" + id + "'.");
        }
        List<String> deeper = new java.util.ArrayList<>(path);
        deeper.add(key);
        for (JsonNode d : request.path("dependsOn")) {
            ObjectNode dependency = run(byId.get(d.asText().toLowerCase(Locale.ROOT)), byId, answers, authorization, deeper);
            int status = dependency.path("status").asInt();
            if (status < 200 || status > 299) {
                ObjectNode failed = answer(id, 424, Map.of("Content-Type", "application/json"),
                        errors.body("FailedDependency", "The request depends on request '" + d.asText()
                                + "', which failed."));
                answers.put(key, failed);
                return failed;
            }
        }
        ObjectNode result = execute(request, authorization);
        answers.put(key, result);
        return result;
    }

    private ObjectNode execute(JsonNode request, String authorization) {
        String id = request.path("id").asText();
        String url = request.path("url").asText();
        URI target = URI.create(uri.getBaseUri() + "v1.0" + (url.startsWith("/") ? url : "/" + url));
        HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            builder.header("Authorization", authorization);
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
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> {
                if (ANSWERED_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !values.isEmpty()) {
                    headers.put(canonical(name), values.get(0));
                }
            });
            JsonNode answerBody = null;
            if (!response.body().isEmpty()) {
                answerBody = headers.getOrDefault("Content-Type", "").contains("json") ? json.readTree(response.body())
                        : json.getNodeFactory().textNode(response.body());
            }
            return answer(id, response.statusCode(), headers, answerBody);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphException(503, "ServiceNotAvailable", "The batch was interrupted.");
        } catch (java.io.IOException e) {
            return answer(id, 502, Map.of("Content-Type", "application/json"),
                    errors.body("BadGateway", "The inner request failed: " + e.getMessage()));
        }
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
