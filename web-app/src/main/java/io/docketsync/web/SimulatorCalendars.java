package io.docketsync.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local run's "Outlook": each demo user's calendar as the Graph simulator holds it, read and changed through
 * the simulator's Graph API with that user's own delegated token (from the simulator's {@code /_sim/token}), as
 * the user would in Outlook, so that docketsync hears of it only through Graph's notifications. 404 when no
 * simulator is configured (anywhere but the local run).
 */
@Path("/sim/calendars/{user}/events")
@Produces(MediaType.APPLICATION_JSON)
public class SimulatorCalendars {
    /** The property the sync-worker stamps on every event it writes ({@code <activity id>:<version>}). */
    static final String ACTIVITY_PROPERTY = "String {4b2f7c1e-9a0d-4c55-8d1e-6f7a2b9c3d10} Name docketsyncActivity";
    private static final int MAX_PAGES = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    WebConfig config;
    @Inject
    DemoTokens demo;

    private record Token(String value, Instant expires) {
    }

    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** The user's events between two instants, times in {@code timeZone} (IANA), our activity id marked on each. */
    @GET
    public Response events(@PathParam("user") String user, @QueryParam("start") String start,
            @QueryParam("end") String end, @QueryParam("timeZone") String timeZone) throws Exception {
        Response refused = refusal(user);
        if (refused != null) {
            return refused;
        }
        Instant from;
        Instant to;
        try {
            from = Instant.parse(start);
            to = Instant.parse(end);
            ZoneId.of(timeZone);
        } catch (RuntimeException e) {
            return Problems.response(400, "Bad range", "start and end must be instants (2026-12-01T00:00:00Z) and "
                    + "timeZone an IANA zone");
        }
        String url = "/me/calendarView?startDateTime=" + from + "&endDateTime=" + to + "&$top=50&$expand="
                + enc("singleValueExtendedProperties($filter=id eq '" + ACTIVITY_PROPERTY + "')");
        ArrayNode all = JSON.createArrayNode();
        for (int page = 0; url != null && page < MAX_PAGES; page++) {
            HttpResponse<String> r = graph(user, "GET", url, null, timeZone);
            if (r.statusCode() != 200) {
                return passOn(r);
            }
            JsonNode body = JSON.readTree(r.body());
            body.path("value").forEach(e -> all.add(marked((ObjectNode) e)));
            url = body.hasNonNull("@odata.nextLink") ? body.get("@odata.nextLink").asText() : null;
        }
        return Response.ok(JSON.createObjectNode().set("value", all).toString()).build();
    }

    /** The user edits the event in "Outlook" (a Graph PATCH of the fields sent). */
    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("user") String user, @PathParam("id") String id, String changes) throws Exception {
        Response refused = refusal(user);
        return refused != null ? refused : passOn(graph(user, "PATCH", "/me/events/" + enc(id), changes, null));
    }

    /** The user deletes the event in "Outlook". */
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("user") String user, @PathParam("id") String id) throws Exception {
        Response refused = refusal(user);
        return refused != null ? refused : passOn(graph(user, "DELETE", "/me/events/" + enc(id), null, null));
    }

    private Response refusal(String user) {
        if (config.simulator().url().isEmpty()) {
            return Problems.response(404, "No simulator", "The Outlook pane exists only in the local run.");
        }
        if (demo.users().stream().noneMatch(u -> u.id().equals(user))) {
            return Problems.response(404, "No such demo user", "The Outlook pane shows the demo users only.");
        }
        return null;
    }

    /** One Graph call as the user; a rejected (expired, or the simulator restarted) token is replaced once. */
    private HttpResponse<String> graph(String user, String method, String pathOrUrl, String body, String timeZone)
            throws IOException, InterruptedException {
        String base = simulator() + "/v1.0";
        URI uri = URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
        for (int attempt = 1; ; attempt++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(config.apiTimeout())
                    .header("Authorization", "Bearer " + token(user).value())
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                b.header("Content-Type", "application/json");
            }
            if (timeZone != null) {
                b.header("Prefer", "outlook.timezone=\"" + timeZone + "\"");
            }
            // the pane shows and edits notes as text (Graph answers bodies as HTML otherwise)
            b.header("Prefer", "outlook.body-content-type=\"text\"");
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 401 || attempt > 1) {
                return r;
            }
            tokens.remove(user);
        }
    }

    private Token token(String user) throws IOException, InterruptedException {
        Token t = tokens.get(user);
        if (t != null && t.expires().isAfter(Instant.now().plusSeconds(60))) {
            return t;
        }
        String body = JSON.createObjectNode().put("user", user + "@" + config.simulator().mailboxDomain()).toString();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(simulator() + "/_sim/token"))
                .timeout(config.apiTimeout()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("the simulator gave no token for " + user + ": " + r.statusCode() + " " + r.body());
        }
        JsonNode answer = JSON.readTree(r.body());
        Token fresh = new Token(answer.path("access_token").asText(),
                Instant.now().plusSeconds(answer.path("expires_in").asLong(600)));
        tokens.put(user, fresh);
        return fresh;
    }

    /** Graph's answer as it came: its status and its JSON (errors keep Graph's {error: {code, message}}). */
    private static Response passOn(HttpResponse<String> r) {
        Response.ResponseBuilder out = Response.status(r.statusCode());
        if (!r.body().isEmpty()) {
            out.entity(r.body()).type(MediaType.APPLICATION_JSON);
        }
        return out.build();
    }

    /** Adds {@code docketsyncActivity}: the activity id our property names, or null for the user's own events. */
    private static ObjectNode marked(ObjectNode event) {
        String activity = null;
        for (JsonNode p : event.path("singleValueExtendedProperties")) {
            if (ACTIVITY_PROPERTY.equalsIgnoreCase(p.path("id").asText()) && p.hasNonNull("value")) {
                String v = p.get("value").asText();
                activity = v.contains(":") ? v.substring(0, v.indexOf(':')) : v;
            }
        }
        event.put("docketsyncActivity", activity);
        return event;
    }

    private String simulator() {
        String url = config.simulator().url().orElseThrow();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
