package io.docketsync.simulator.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docketsync.graph.EntraEndpoints;
import io.docketsync.simulator.config.SimulatorConfig;
import io.docketsync.simulator.state.CalendarStore;
import io.docketsync.simulator.state.Directory;
import io.docketsync.simulator.state.StoredEvent;
import io.docketsync.simulator.state.TimeZones;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Graph v1.0: users and their calendars (events, calendarView, delta, meeting responses). */
@Path("/v1.0")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Microsoft Graph v1.0")
public class GraphResource {
    private static final String OWNER = "{owner: me|users/[^/]+}";
    private static final String EVENTS = "{events: events|calendar/events}";
    private static final String VIEW = "{view: calendarView|calendar/calendarView}";

    @Inject
    CalendarStore store;
    @Inject
    Directory directory;
    @Inject
    RequestInfo info;
    @Inject
    EventJson eventJson;
    @Inject
    ObjectMapper json;
    @Inject
    SimulatorConfig config;
    @Context
    UriInfo uri;
    @Context
    jakarta.ws.rs.core.HttpHeaders headers;

    @GET
    @Path("me")
    public ObjectNode me() {
        return user(mailboxOrMissingUser());
    }

    @GET
    @Path("users/{user}")
    public ObjectNode userById(@PathParam("user") String ignored) {
        return user(mailboxOrMissingUser());
    }

    @GET
    @Path(OWNER + "/mailboxSettings")
    public ObjectNode mailboxSettings() {
        ObjectNode out = json.createObjectNode();
        out.put("@odata.context", metadata("users('" + mailbox().id() + "')/mailboxSettings"));
        out.put("timeZone", "UTC");
        out.put("userPurpose", "user");
        out.put("dateFormat", "yyyy-MM-dd");
        out.put("timeFormat", "HH:mm");
        return out;
    }

    @GET
    @Path(OWNER + "/calendar")
    public ObjectNode calendar() {
        Directory.User owner = mailbox();
        ObjectNode out = json.createObjectNode();
        out.put("id", "AAMkAcalendar" + owner.id().replace("-", ""));
        out.put("name", "Calendar");
        out.put("isDefaultCalendar", true);
        out.put("canEdit", true);
        out.put("canShare", true);
        ObjectNode o = out.putObject("owner");
        o.put("name", owner.displayName());
        o.put("address", owner.userPrincipalName());
        return out;
    }

    @GET
    @Path(OWNER + "/" + EVENTS)
    public Response listEvents(@QueryParam("$top") Integer top, @QueryParam("$skip") Integer skip,
            @QueryParam("$select") String select, @QueryParam("$expand") String expand) {
        String prefer = prefer();
        List<StoredEvent> events = store.list(mailbox(), e -> true, Comparator.comparingLong(e -> e.createdSeq));
        EventJson.View view = EventJson.View.of(prefer, select, expand);
        return withPreference(Response.ok(), view).entity(page(events, top, skip, view, prefer)).build();
    }

    @POST
    @Path(OWNER + "/" + EVENTS)
    public Response create(ObjectNode body) {
        String prefer = prefer();
        EventJson.View view = EventJson.View.of(prefer, null, null).htmlBody();
        StoredEvent event = store.create(mailbox(), requireBody(body));
        return withPreference(Response.status(201), view).entity(entity(event, view)).build();
    }

    @GET
    @Path(OWNER + "/" + EVENTS + "/{id}")
    public Response get(@PathParam("id") String id, @QueryParam("$select") String select,
            @QueryParam("$expand") String expand) {
        String prefer = prefer();
        EventJson.View view = EventJson.View.of(prefer, select, expand);
        return withPreference(Response.ok(), view).entity(entity(store.get(mailbox(), checkId(id)), view)).build();
    }

    @PATCH
    @Path(OWNER + "/" + EVENTS + "/{id}")
    public Response update(@PathParam("id") String id, ObjectNode patch, @HeaderParam("If-Match") String ifMatch) {
        String prefer = prefer();
        EventJson.View view = EventJson.View.of(prefer, null, null).htmlBody();
        StoredEvent event = store.update(mailbox(), checkId(id), requireBody(patch), ifMatch);
        return withPreference(Response.ok(), view).entity(entity(event, view)).build();
    }

    @DELETE
    @Path(OWNER + "/" + EVENTS + "/{id}")
    public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        store.delete(mailbox(), checkId(id), ifMatch);
        return Response.noContent().build();
    }

    @POST
    @Path(OWNER + "/" + EVENTS + "/{id}/{action: accept|tentativelyAccept|decline|cancel}")
    public Response act(@PathParam("id") String id, @PathParam("action") String action, ObjectNode body) {
        // comment and sendResponse are accepted; there is no mail to send them with
        switch (action) {
            case "accept" -> store.respond(mailbox(), checkId(id), "accepted");
            case "tentativelyAccept" -> store.respond(mailbox(), checkId(id), "tentativelyAccepted");
            case "decline" -> store.respond(mailbox(), checkId(id), "declined");
            default -> store.cancel(mailbox(), checkId(id));
        }
        return Response.accepted().build();
    }

    @GET
    @Path(OWNER + "/" + VIEW)
    public Response calendarView(@QueryParam("startDateTime") String start, @QueryParam("endDateTime") String end,
            @QueryParam("$top") Integer top, @QueryParam("$skip") Integer skip, @QueryParam("$select") String select,
            @QueryParam("$expand") String expand) {
        String prefer = prefer();
        Instant from = instant(start, "startDateTime");
        Instant to = instant(end, "endDateTime");
        // single events, and series expanded into their occurrences and exceptions (never the master)
        List<StoredEvent> events = store.view(mailbox(), from, to);
        EventJson.View view = EventJson.View.of(prefer, select, expand);
        return withPreference(Response.ok(), view).entity(page(events, top, skip, view, prefer)).build();
    }

    /** The occurrences and exceptions of a series master in [startDateTime, endDateTime) (graph/api/event-list-instances). */
    @GET
    @Path(OWNER + "/" + EVENTS + "/{id}/instances")
    public Response instances(@PathParam("id") String id, @QueryParam("startDateTime") String start,
            @QueryParam("endDateTime") String end, @QueryParam("$top") Integer top, @QueryParam("$skip") Integer skip,
            @QueryParam("$select") String select, @QueryParam("$expand") String expand) {
        String prefer = prefer();
        Instant from = instant(start, "startDateTime");
        Instant to = instant(end, "endDateTime");
        List<StoredEvent> events = store.instances(mailbox(), checkId(id), from, to);
        EventJson.View view = EventJson.View.of(prefer, select, expand);
        return withPreference(Response.ok(), view).entity(page(events, top, skip, view, prefer)).build();
    }

    /**
     * calendarView/delta: a round of pages (nextLink with $skiptoken) ends with a deltaLink ($deltatoken); the
     * next round reports what changed since, deletions as {@code @removed}. Tokens carry the window and the
     * mailbox's change positions, so a round is stable while the calendar keeps changing.
     */
    @GET
    @Path(OWNER + "/" + VIEW + "/{delta: delta\\(\\)|delta}")
    public Response delta(@QueryParam("startDateTime") String start, @QueryParam("endDateTime") String end,
            @QueryParam("$deltatoken") String deltaToken, @QueryParam("$skiptoken") String skipToken,
            @QueryParam("$select") String select) {
        String prefer = prefer();
        Directory.User owner = mailbox();
        DeltaCursor cursor;
        if (skipToken != null) {
            cursor = DeltaCursor.decode(skipToken);
        } else if (deltaToken != null) {
            DeltaCursor previous = DeltaCursor.decode(deltaToken);
            if (!store.deltaTokenValid(owner.id(), previous.issued(), config.deltaTokenLifetime())) {
                // Graph: an expired token is 410 Gone with syncStateNotFound; the client starts a new round (a full
                // resync of the window), which Location names
                String path = uri.getBaseUri() + uri.getPath().replaceFirst("^/", "");
                throw new GraphException(410, "syncStateNotFound", "The sync state of this delta token is no longer "
                        + "available: start a new round.", Map.of("Location", path + "?startDateTime="
                                + previous.start + "&endDateTime=" + previous.end));
            }
            cursor = new DeltaCursor(previous.start, previous.end, previous.until, store.currentSeq(), 0, "");
        } else {
            instant(start, "startDateTime");
            instant(end, "endDateTime");
            cursor = new DeltaCursor(start, end, 0, store.currentSeq(), 0, "");
        }
        Instant from = instant(cursor.start, "startDateTime");
        Instant to = instant(cursor.end, "endDateTime");
        EventJson.View view = EventJson.View.of(prefer, select, null);
        // single events and the occurrences and exceptions of series, never masters (graph/delta-query-events)
        List<CalendarStore.DeltaEntry> changes = store.deltaEntries(owner, cursor.since, cursor.until, from, to,
                view.immutableIds()).stream().filter(cursor::before).toList();
        int size = pageSize(null, prefer);
        ObjectNode out = json.createObjectNode();
        out.put("@odata.context", metadata("Collection(event)"));
        ArrayNode value = json.createArrayNode();
        for (CalendarStore.DeltaEntry c : changes.subList(0, Math.min(size, changes.size()))) {
            if (c.event() != null) {
                value.add(eventJson.render(c.event(), view));
            } else {
                ObjectNode removed = value.addObject();
                removed.put("@odata.type", "#microsoft.graph.event");
                removed.put("id", c.removedId());
                removed.putObject("@removed").put("reason", "deleted");
            }
        }
        String path = uri.getBaseUri() + uri.getPath().replaceFirst("^/", "");
        if (changes.size() > size) {
            CalendarStore.DeltaEntry last = changes.get(size - 1);
            DeltaCursor next = new DeltaCursor(cursor.start, cursor.end, cursor.since, cursor.until, last.seq(),
                    last.key());
            out.put("@odata.nextLink", path + "?$skiptoken=" + next.encode());
        } else {
            DeltaCursor next = new DeltaCursor(cursor.start, cursor.end, cursor.since, cursor.until, 0, "");
            out.put("@odata.deltaLink", path + "?$deltatoken=" + next.encode());
        }
        out.set("value", value);
        return withPreference(Response.ok(), view).entity(out).build();
    }

    /**
     * @param after        with afterKey, the last item a page answered (items are ordered by change position, then key)
     * @param issuedMillis when the token was handed out; tokens of an older format have none (0: long expired)
     */
    private record DeltaCursor(String start, String end, long since, long until, long after, String afterKey,
            long issuedMillis) {
        DeltaCursor(String start, String end, long since, long until, long after, String afterKey) {
            this(start, end, since, until, after, afterKey, System.currentTimeMillis());
        }

        java.time.Instant issued() {
            return java.time.Instant.ofEpochMilli(issuedMillis);
        }

        /** Whether an item comes after the last one answered. */
        boolean before(CalendarStore.DeltaEntry e) {
            return e.seq() > after || e.seq() == after && e.key().compareTo(afterKey) > 0;
        }

        String encode() {
            String raw = start + "|" + end + "|" + since + "|" + until + "|" + after + "|" + issuedMillis + "|" + afterKey;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static DeltaCursor decode(String token) {
            try {
                String[] p = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", -1);
                return new DeltaCursor(p[0], p[1], Long.parseLong(p[2]), Long.parseLong(p[3]), Long.parseLong(p[4]),
                        p.length > 6 ? p[6] : "", p.length > 5 ? Long.parseLong(p[5]) : 0);
            } catch (RuntimeException e) {
                throw new GraphException(400, "ErrorInvalidSyncStateData",
                        "The sync state data is corrupt or otherwise invalid.");
            }
        }
    }

    private ObjectNode page(List<StoredEvent> events, Integer top, Integer skip, EventJson.View view, String prefer) {
        int size = pageSize(top, prefer);
        int from = skip == null ? 0 : Math.max(0, skip);
        ObjectNode out = json.createObjectNode();
        out.put("@odata.context", metadata("Collection(event)"));
        ArrayNode value = out.putArray("value");
        events.stream().skip(from).limit(size).forEach(e -> value.add(eventJson.render(e, view)));
        if (from + size < events.size()) {
            Map<String, String> query = new LinkedHashMap<>();
            uri.getQueryParameters().forEach((k, v) -> {
                if (!"$skip".equals(k)) {
                    query.put(k, v.get(0));
                }
            });
            query.put("$top", String.valueOf(size));
            query.put("$skip", String.valueOf(from + size));
            out.put("@odata.nextLink", uri.getBaseUri() + uri.getPath().replaceFirst("^/", "") + "?"
                    + EntraEndpoints.form(query).replace("%24", "$"));
        }
        return out;
    }

    private int pageSize(Integer top, String prefer) {
        if (top != null) {
            if (top < 1 || top > 1000) {
                throw GraphException.badRequest("Invalid value for $top: it must be between 1 and 1000.");
            }
            return top;
        }
        if (prefer != null) {
            var m = java.util.regex.Pattern.compile("odata\\.maxpagesize\\s*=\\s*(\\d+)").matcher(prefer);
            if (m.find()) {
                return Math.max(1, Integer.parseInt(m.group(1)));
            }
        }
        return config.pageSize();
    }

    private static Instant instant(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new GraphException(400, "ErrorInvalidParameter",
                    "This request requires a time window specified by the query string parameters StartDateTime and "
                            + "EndDateTime.");
        }
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (RuntimeException e) {
            return TimeZones.parse(value).toInstant(ZoneOffset.UTC);
        }
    }

    private ObjectNode entity(StoredEvent event, EventJson.View view) {
        ObjectNode out = json.createObjectNode();
        out.put("@odata.context", metadata("users('" + event.mailboxUserId + "')/events/$entity"));
        out.setAll(eventJson.render(event, view));
        return out;
    }

    private static Response.ResponseBuilder withPreference(Response.ResponseBuilder builder, EventJson.View view) {
        String applied = view.preferenceApplied();
        if (applied != null) {
            builder.header("Preference-Applied", applied);
        }
        return builder;
    }

    /** Every Prefer header of the request as one list (clients send one header with commas, or several). */
    private String prefer() {
        List<String> values = headers.getRequestHeader("Prefer");
        return values == null || values.isEmpty() ? null : String.join(", ", values);
    }

    private Directory.User mailbox() {
        // the filter resolved and checked it for calendar paths
        return info.mailbox();
    }

    private Directory.User mailboxOrMissingUser() {
        if (info.mailbox() == null) {
            throw new GraphException(404, "Request_ResourceNotFound", "Resource '" + info.mailboxRef()
                    + "' does not exist or one of its queried reference-property objects are not present.");
        }
        return info.mailbox();
    }

    private ObjectNode user(Directory.User u) {
        ObjectNode out = json.createObjectNode();
        out.put("@odata.context", metadata("users/$entity"));
        out.putArray("businessPhones");
        out.put("displayName", u.displayName());
        String[] names = u.displayName().split(" ", 2);
        out.put("givenName", names[0]);
        out.put("surname", names.length > 1 ? names[1] : null);
        out.putNull("jobTitle");
        out.put("mail", u.mail());
        out.putNull("mobilePhone");
        out.putNull("officeLocation");
        out.put("preferredLanguage", "en-US");
        out.put("userPrincipalName", u.userPrincipalName());
        out.put("id", u.id());
        return out;
    }

    private String metadata(String fragment) {
        return uri.getBaseUri() + "v1.0/$metadata#" + fragment;
    }

    private static String checkId(String id) {
        if (!CalendarStore.looksLikeItemId(id)) {
            throw new GraphException(400, "ErrorInvalidIdMalformed", "Id is malformed.");
        }
        return id;
    }

    private static ObjectNode requireBody(ObjectNode body) {
        if (body == null) {
            throw GraphException.badRequest("Empty Payload. JSON content expected.");
        }
        return body;
    }
}
