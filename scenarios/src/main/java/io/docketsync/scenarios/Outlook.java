package io.docketsync.scenarios;

import static io.restassured.RestAssured.given;

import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A user in Outlook: their own calendar through the simulator's Graph API with their own delegated token (not
 * docketsync's), so what they do reaches docketsync only as Graph's change notifications. Throttling and
 * injected faults are waited out as a Graph client would.
 */
public final class Outlook {
    /** The extended property the sync-worker puts on every event it creates: {@code <activity id>:<version>}. */
    public static final String ACTIVITY_PROPERTY =
            "String {4b2f7c1e-9a0d-4c55-8d1e-6f7a2b9c3d10} Name docketsyncActivity";

    private final Docketsync system;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    Outlook(Docketsync system) {
        this.system = system;
    }

    private RequestSpecification graph(String user, String timeZone) {
        String token = tokens.computeIfAbsent(user, u -> given(system.simulator())
                // a user of the firm by id, or (with an '@') a mailbox of theirs named by its address
                .body(Map.of("user", u.contains("@") ? u : Docketsync.mailboxOf(u))).post("/_sim/token")
                .then().statusCode(200).extract().path("access_token"));
        RequestSpecBuilder b = new RequestSpecBuilder().setBaseUri(system.url(Docketsync.SIMULATOR) + "/v1.0")
                .setContentType(ContentType.JSON).addHeader("Authorization", "Bearer " + token)
                .setConfig(Docketsync.CONFIG);
        if (timeZone != null) {
            b.addHeader("Prefer", "outlook.timezone=\"" + timeZone + "\"");
        }
        return b.build();
    }

    /** Every event in the user's calendar (all pages), times in {@code timeZone} (null: UTC). */
    public List<Map<String, Object>> events(String user, String timeZone) {
        List<Map<String, Object>> all = new ArrayList<>();
        int skip = 0;
        while (true) {
            int from = skip;
            Response r = retrying(() -> given(graph(user, timeZone)).urlEncodingEnabled(true)
                    .queryParam("$top", 50).queryParam("$skip", from)
                    .queryParam("$expand", "singleValueExtendedProperties($filter=id eq '" + ACTIVITY_PROPERTY + "')")
                    .get("/me/events"));
            expect(r, 200, "list " + user + "'s events");
            List<Map<String, Object>> page = r.jsonPath().getList("value");
            all.addAll(page);
            if (r.jsonPath().getString("'@odata.nextLink'") == null || page.isEmpty()) {
                return all;
            }
            skip += page.size();
        }
    }

    /** The user's events that docketsync created for the activity (its property names the activity). */
    public List<Map<String, Object>> eventsOf(String user, String activityId, String timeZone) {
        return events(user, timeZone).stream().filter(e -> activityId.equals(activityOf(e))).toList();
    }

    /** The activity id an event's docketsync property names, or null. */
    @SuppressWarnings("unchecked")
    public static String activityOf(Map<String, Object> event) {
        Object props = event.get("singleValueExtendedProperties");
        if (!(props instanceof List<?> list)) {
            return null;
        }
        for (Object p : list) {
            Map<String, Object> prop = (Map<String, Object>) p;
            if (ACTIVITY_PROPERTY.equalsIgnoreCase(Objects.toString(prop.get("id"))) && prop.get("value") != null) {
                String v = prop.get("value").toString();
                int colon = v.indexOf(':');
                return colon < 0 ? v : v.substring(0, colon);
            }
        }
        return null;
    }

    public Map<String, Object> event(String user, String eventId, String timeZone) {
        Response r = retrying(() -> given(graph(user, timeZone)).get("/me/events/" + eventId));
        if (r.statusCode() == 404) {
            return null;
        }
        expect(r, 200, "read " + user + "'s event " + eventId);
        return r.jsonPath().getMap("");
    }

    public Map<String, Object> create(String user, Map<String, Object> event) {
        Response r = retrying(() -> given(graph(user, null)).body(event).post("/me/events"));
        expect(r, 201, "create an event in " + user + "'s calendar");
        return r.jsonPath().getMap("");
    }

    public Map<String, Object> update(String user, String eventId, Map<String, Object> changes) {
        Response r = retrying(() -> given(graph(user, null)).body(changes).patch("/me/events/" + eventId));
        expect(r, 200, "update " + user + "'s event " + eventId);
        return r.jsonPath().getMap("");
    }

    /** Deletes the event; false when it was already gone. */
    public boolean delete(String user, String eventId) {
        Response r = retrying(() -> given(graph(user, null)).delete("/me/events/" + eventId));
        if (r.statusCode() == 404) {
            return false;
        }
        expect(r, 204, "delete " + user + "'s event " + eventId);
        return true;
    }

    /** The occurrences (and exceptions) of a series between two days, times in {@code timeZone}, by start. */
    public List<Map<String, Object>> instances(String user, String seriesId, java.time.LocalDate from,
            java.time.LocalDate to, String timeZone) {
        Response r = retrying(() -> given(graph(user, timeZone)).urlEncodingEnabled(true)
                .queryParam("startDateTime", from + "T00:00:00Z").queryParam("endDateTime", to.plusDays(1) + "T00:00:00Z")
                .get("/me/events/" + seriesId + "/instances"));
        expect(r, 200, "list the occurrences of " + user + "'s series " + seriesId);
        List<Map<String, Object>> all = new ArrayList<>(r.jsonPath().getList("value"));
        all.sort(java.util.Comparator.comparing(e -> String.valueOf(((Map<?, ?>) e.get("start")).get("dateTime"))));
        return all;
    }

    /** accept, tentativelyAccept or decline an invitation. */
    public void respond(String user, String eventId, String action) {
        Response r = retrying(() -> given(graph(user, null)).body(Map.of("sendResponse", true, "comment", ""))
                .post("/me/events/" + eventId + "/" + action));
        expect(r, 202, action + " " + user + "'s event " + eventId);
    }

    /** Graph's throttling (429) and unavailability (503) are waited out per Retry-After, as Graph's SDK does. */
    static Response retrying(java.util.function.Supplier<Response> call) {
        for (int attempt = 1; ; attempt++) {
            Response r = call.get();
            if ((r.statusCode() != 429 && r.statusCode() != 503) || attempt >= 30) {
                return r;
            }
            String after = r.header("Retry-After");
            // seconds, possibly fractional ("1.5"), as Graph answers
            long wait = after == null ? 1000 : Math.min(10_000, Math.round(Double.parseDouble(after.trim()) * 1000));
            try {
                Thread.sleep(Math.max(200, wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return r;
            }
        }
    }

    private static void expect(Response r, int status, String what) {
        if (r.statusCode() != status) {
            throw new AssertionError("Graph: " + what + " answered " + r.statusCode() + " (expected " + status + "): "
                    + r.asString());
        }
    }
}
