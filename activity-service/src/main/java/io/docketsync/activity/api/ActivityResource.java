package io.docketsync.activity.api;

import static io.docketsync.api.ProblemException.requireValid;

import com.fasterxml.jackson.databind.JsonNode;
import io.docketsync.activity.ActivityConfig;
import io.docketsync.activity.domain.ActivityValidation;
import io.docketsync.activity.domain.JsonMergePatch;
import io.docketsync.activity.domain.SupportedDates;
import io.docketsync.activity.service.ActivitiesRead;
import io.docketsync.activity.service.ActivityListing;
import io.docketsync.activity.service.ActivityService;
import io.docketsync.api.Caller;
import io.docketsync.api.ETags;
import io.docketsync.api.Problem;
import io.docketsync.api.StrictJson;
import io.docketsync.api.Violation;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithSessionOnDemand;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Activities of the caller's firm. Another firm's activity does not exist for the caller (404). Every change
 * is published on activity.changes.v1 with origin APP and the acting user. HTTP only: decodes the request, has
 * {@link ActivityService} do it in the request's session (opened here, see the README's threading model), and answers.
 */
@Path("/activities")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("**")
@Tag(name = "Activities", description = "Appointments and tasks, and what Office 365 made of them")
@APIResponse(responseCode = "401", description = "No valid bearer token, or one without a usable 'sub' or 'firm' "
        + "claim", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ActivityResource {
    static final String MERGE_PATCH = "application/merge-patch+json";

    @Inject
    Caller caller;
    @Inject
    ActivityService activities;
    @Inject
    ActivityConfig config;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    // the save is a transaction of its own (ActivityService.create); a session only to read a firm not kept yet
    @WithSessionOnDemand
    @Operation(summary = "Create an activity",
            description = "'pushToOffice365' defaults from the firm's Always Push setting of the kind; an appointment's "
                    + "organizer defaults to the creator when connected to Office 365.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ActivityInput.class)))
    @APIResponse(responseCode = "201", description = "Created", headers = {
        @Header(name = "Location", description = "The new activity"),
        @Header(name = "ETag", description = "Its version") },
            content = @Content(schema = @Schema(implementation = ActivityView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, wrong types, or broken rules, each field named",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller is not a user of the firm (not-a-firm-user) or is "
            + "deactivated (user-deactivated)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Users the firm does not have",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(String body) {
        return activities.create(caller, input(body).toDraft()).map(read -> {
            ActivityView v = view(read);
            // relative on purpose: Response.created() would resolve it against the request's Host header
            return Response.status(Response.Status.CREATED).header("Location", "/activities/" + v.id())
                    .header("ETag", ETags.of(v.version())).entity(v).build();
        });
    }

    @GET
    @Path("/{id}")
    @WithSession
    @Operation(summary = "One activity of the caller's firm")
    @APIResponse(responseCode = "200", description = "The activity", headers = @Header(name = "ETag",
            description = "Its version, for If-Match"), content = @Content(schema = @Schema(implementation = ActivityView.class)))
    @APIResponse(responseCode = "404", description = "No such activity in the caller's firm",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> get(@PathParam("id") String id) {
        return activities.get(caller, id).map(this::ok);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @WithTransaction
    @Operation(summary = "Replace an activity", description = "Allowed when the caller's edit permission covers it "
            + "(ANY, or OWN for activities they created or organize). 'pushToOffice365' absent keeps the flag.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ActivityInput.class)))
    @APIResponse(responseCode = "200", description = "Replaced", content = @Content(schema = @Schema(implementation = ActivityView.class)))
    @APIResponse(responseCode = "400", description = "Bad input", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller's edit permission does not cover it (forbidden), "
            + "or the caller is not an active user of the firm (not-a-firm-user, user-deactivated)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such activity", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The change would bring back an occurrence the series cancelled "
            + "(Outlook cannot make it again)", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match names a version that is no longer current",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Users the firm does not have",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> replace(@PathParam("id") String id, @HeaderParam("If-Match") @Parameter(description =
            "The ETag read; optional, but a stale one is refused") String ifMatch, String body) {
        ActivityInput input = input(body);
        return activities.update(caller, id, ifMatch, current -> input.toDraft(), "replaced").map(this::ok);
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ MERGE_PATCH, MediaType.APPLICATION_JSON })
    @WithTransaction
    @Operation(summary = "Change some fields of an activity (JSON merge patch, RFC 7386)",
            description = "Fields present replace, null removes, absent keep. The result must be a valid activity.")
    @RequestBody(required = true, content = @Content(mediaType = MERGE_PATCH,
            schema = @Schema(implementation = ActivityInput.class)))
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(schema = @Schema(implementation = ActivityView.class)))
    @APIResponse(responseCode = "400", description = "Bad input", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller's edit permission does not cover it (forbidden), "
            + "or the caller is not an active user of the firm (not-a-firm-user, user-deactivated)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The change would bring back an occurrence the series cancelled "
            + "(Outlook cannot make it again)", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Stale If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    public Uni<Response> patch(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, String body) {
        JsonNode patch = StrictJson.tree(body);
        requireValid(RecurrenceJson.check(patch, false));
        return activities.update(caller, id, ifMatch, current -> StrictJson.convert(RecurrenceJson.withDefaults(
                JsonMergePatch.apply(StrictJson.toTree(ActivityInput.of(current)), seriesRemoval(patch))),
                ActivityInput.class).toDraft(), "patched").map(this::ok);
    }

    /** A request body read strictly, recurrence words in Graph's spelling. */
    private static ActivityInput input(String body) {
        JsonNode tree = StrictJson.tree(body);
        requireValid(RecurrenceJson.check(tree, true));
        return StrictJson.convert(RecurrenceJson.withDefaults(tree), ActivityInput.class);
    }

    /** A patch removing the recurrence (null) removes its exceptions too, unless it names them itself. */
    private static JsonNode seriesRemoval(JsonNode patch) {
        JsonNode recurrence = patch.get("recurrence");
        if (recurrence == null || !recurrence.isNull() || patch.has("exceptions")) {
            return patch;
        }
        return ((com.fasterxml.jackson.databind.node.ObjectNode) patch.deepCopy()).putNull("exceptions");
    }

    @DELETE
    @Path("/{id}")
    @WithTransaction
    @Operation(summary = "Delete an activity", description = "Allowed when the caller's delete permission covers it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "The caller's delete permission does not cover it (forbidden), "
            + "or the caller is not an active user of the firm (not-a-firm-user, user-deactivated)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such activity", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Stale If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    public Uni<Response> delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        return activities.delete(caller, id, ifMatch).map(ignored -> Response.noContent().build());
    }

    @GET
    @WithSession
    @Operation(summary = "A user's activities in a date range, by page",
            description = "Activities the user is scheduled for that overlap [from, to] (dates, inclusive, read as "
                    + "wall-clock days in each activity's own time zone), and unscheduled ones (Scheduled For []) the "
                    + "user created or organizes; tasks occupy their due day or 30 minutes from their due time. "
                    + "With both from and to, a recurring activity is listed as its occurrences in those days "
                    + "(occurrence: true, seriesId, originalStart, exception; cancelled ones left out), ordered with "
                    + "the rest by start, and total counts them; without both, as one item (the series). Days "
                    + "holding more than docketsync.activity.max-listed-occurrences (10000) occurrences are a 400.")
    @APIResponse(responseCode = "200", description = "One page", content = @Content(schema = @Schema(implementation = ActivityPage.class)))
    @APIResponse(responseCode = "400", description = "Bad query parameters", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    public Uni<ActivityPage> list(
            @QueryParam("user") @Parameter(description = "User id; default the caller") String user,
            @QueryParam("from") @Parameter(description = "First day, e.g. 2026-12-01; years 1900 to 2999", schema = @Schema(type = SchemaType.STRING, format = "date")) String from,
            @QueryParam("to") @Parameter(description = "Last day, inclusive; years 1900 to 2999", schema = @Schema(type = SchemaType.STRING, format = "date")) String to,
            @QueryParam("page") @Parameter(description = "From 0; default 0; at most 2147483647 / size - 1", schema = @Schema(type = SchemaType.INTEGER)) String page,
            @QueryParam("size") @Parameter(description = "Page size; default and maximum from docketsync.activity.default-page-size (50) and max-page-size (200)", schema = @Schema(type = SchemaType.INTEGER)) String size) {
        List<Violation> bad = new ArrayList<>();
        String who = user == null || user.isBlank() ? caller.userId() : user.trim();
        if (!ActivityValidation.USER_ID.matcher(who).matches()) {
            bad.add(new Violation("user", "not a user id"));
        }
        LocalDate fromDate = date("from", from, bad);
        LocalDate toDate = date("to", to, bad);
        if (fromDate != null && toDate != null && toDate.isBefore(fromDate)) {
            bad.add(new Violation("to", "must not be before from"));
        }
        List<Violation> badSize = new ArrayList<>();
        int pageSize = number("size", size, config.defaultPageSize(), 1, config.maxPageSize(), badSize);
        // the database's offset (page × size) is an int: a page past it would overflow into a 500
        int lastPage = Integer.MAX_VALUE / (badSize.isEmpty() ? pageSize : config.maxPageSize()) - 1;
        int pageIndex = number("page", page, 0, 0, lastPage, bad);
        bad.addAll(badSize);
        requireValid(bad);
        return activities.list(caller, new ActivityListing(who, fromDate, toDate, pageIndex, pageSize,
                        config.maxListedOccurrences()))
                .map(p -> new ActivityPage(ActivityViews.of(p, caller.userId()), p.page(), p.size(), p.total()));
    }

    @GET
    @Path("/{id}/history")
    @WithSession
    @Operation(summary = "The activity's sync history", description = "Changes made in the application and from "
            + "Office 365, including Office 365 changes overwritten by a later change in the application. "
            + "Kept after the activity is deleted.")
    @APIResponse(responseCode = "200", description = "Oldest first",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = HistoryView.class)))
    @APIResponse(responseCode = "404", description = "No such activity", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    public Uni<List<HistoryView>> history(@PathParam("id") String id) {
        return activities.history(caller, id).map(lines -> lines.stream().map(HistoryView::of).toList());
    }

    private Response ok(ActivitiesRead read) {
        ActivityView v = view(read);
        return Response.ok(v).header("ETag", ETags.of(v.version())).build();
    }

    private ActivityView view(ActivitiesRead read) {
        return views(read).get(0);
    }

    private List<ActivityView> views(ActivitiesRead read) {
        return ActivityViews.of(read, caller.userId());
    }

    private static LocalDate date(String name, String value, List<Violation> bad) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(value.trim());
            SupportedDates.check(name, date, bad);
            return SupportedDates.supported(date) ? date : null;
        } catch (DateTimeParseException e) {
            bad.add(new Violation(name, "'" + value + "' is not a date such as 2026-12-01"));
            return null;
        }
    }

    private static int number(String name, String value, int fallback, int min, int max, List<Violation> bad) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) {
                bad.add(new Violation(name, "must be between " + min + " and " + max));
            }
            return n;
        } catch (NumberFormatException e) {
            bad.add(new Violation(name, "'" + value + "' is not a whole number"));
            return fallback;
        }
    }
}
