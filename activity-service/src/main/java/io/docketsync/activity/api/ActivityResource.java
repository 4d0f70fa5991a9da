package io.docketsync.activity.api;

import static io.docketsync.api.ProblemException.requireValid;

import com.fasterxml.jackson.databind.JsonNode;
import io.docketsync.activity.ActivityConfig;
import io.docketsync.activity.domain.ActivityDraft;
import io.docketsync.activity.domain.ActivityPermissions;
import io.docketsync.activity.domain.ActivityValidation;
import io.docketsync.activity.domain.JsonMergePatch;
import io.docketsync.activity.domain.OrganizerDefault;
import io.docketsync.activity.domain.PushDefault;
import io.docketsync.activity.domain.SupportedDates;
import io.docketsync.activity.messaging.ActivityPublisher;
import io.docketsync.activity.persistence.ActivityEntity;
import io.docketsync.activity.persistence.FirmContext;
import io.docketsync.activity.persistence.FirmDirectory;
import io.docketsync.activity.persistence.HistoryEntity;
import io.docketsync.api.Caller;
import io.docketsync.api.ETags;
import io.docketsync.api.Problem;
import io.docketsync.api.ProblemException;
import io.docketsync.api.ProblemType;
import io.docketsync.api.StrictJson;
import io.docketsync.api.Violation;
import io.docketsync.contracts.ActivityChanged;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.Permission;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
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
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
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
 * is published on activity.changes.v1 with origin APP and the acting user.
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
    ActivityPublisher publisher;
    @Inject
    FirmDirectory directory;
    @Inject
    ActivityViews views;
    @Inject
    ActivityConfig config;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @WithTransaction
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
        ActivityDraft draft = StrictJson.read(body, ActivityInput.class).toDraft();
        requireValid(ActivityValidation.check(draft));
        String firmId = caller.firmId();
        String userId = caller.userId();
        return directory.firm(firmId).chain(firm -> {
            requireActiveUser(firm, userId);
            requireKnownUsers(draft, firm, List.of());
            ActivityEntity a = new ActivityEntity();
            a.id = UUID.randomUUID().toString();
            a.firmId = firmId;
            a.createdBy = userId;
            a.apply(draft.withPush(PushDefault.forNew(draft.kind(), firm.settings(), draft.pushToOffice365()))
                    .withOrganizer(OrganizerDefault.forNew(draft.kind(), draft.organizerId(), userId,
                            firm.connected(userId))));
            a.appModifiedAt = Instant.now();
            return a.persist()
                    .chain(() -> publisher.changed(ActivityChanged.ChangeType.CREATED, a, List.of(), Origin.app(userId),
                            "created"))
                    .chain(() -> views.one(a, firm, userId))
                    // relative on purpose: Response.created() would resolve it against the request's Host header
                    .map(v -> Response.status(Response.Status.CREATED).header("Location", "/activities/" + a.id)
                            .header("ETag", ETags.of(a.version)).entity(v).build());
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
        String firmId = caller.firmId();
        return find(id, firmId).chain(a -> directory.firm(firmId).chain(firm -> views.one(a, firm, caller.userId())))
                .map(v -> Response.ok(v).header("ETag", ETags.of(v.version())).build());
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
    @APIResponse(responseCode = "412", description = "If-Match names a version that is no longer current",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Users the firm does not have",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> replace(@PathParam("id") String id, @HeaderParam("If-Match") @Parameter(description =
            "The ETag read; optional, but a stale one is refused") String ifMatch, String body) {
        ActivityInput input = StrictJson.read(body, ActivityInput.class);
        return update(id, ifMatch, current -> input.toDraft(), "replaced");
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
    @APIResponse(responseCode = "412", description = "Stale If-Match", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    public Uni<Response> patch(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, String body) {
        JsonNode patch = StrictJson.tree(body);
        return update(id, ifMatch, current -> StrictJson.convert(
                JsonMergePatch.apply(StrictJson.toTree(ActivityInput.of(current)), patch), ActivityInput.class).toDraft(),
                "patched");
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
        String firmId = caller.firmId();
        String userId = caller.userId();
        return find(id, firmId).chain(a -> directory.firm(firmId).chain(firm -> {
            requireActiveUser(firm, userId);
            refuseUnless(ActivityPermissions.Action.DELETE, firm.deletePermission(userId), userId, a);
            ETags.check(ifMatch, a.version, "the activity");
            a.deleted = true;
            a.updatedAt = Instant.now();
            a.appModifiedAt = a.updatedAt;
            return publisher.changed(ActivityChanged.ChangeType.DELETED, a, a.scheduledFor(), Origin.app(userId),
                    "deleted");
        })).map(ignored -> Response.noContent().build());
    }

    @GET
    @WithSession
    @Operation(summary = "A user's activities in a date range, by page",
            description = "Activities the user is scheduled for that overlap [from, to] (dates, inclusive, read as "
                    + "wall-clock days in each activity's own time zone), and unscheduled ones (Scheduled For []) the "
                    + "user created or organizes; tasks occupy their due day or 30 minutes from their due time.")
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
        String firmId = caller.firmId();
        // Scheduled For is a JSON array of user ids; user ids cannot hold quotes or %, so "id" matches one element.
        // An unscheduled activity (Scheduled For []) is listed for its creator and its organizer.
        StringBuilder q = new StringBuilder("firmId = :firm and deleted = false and (scheduledFor like :user escape '!'"
                + " or (scheduledFor = '[]' and (createdBy = :who or organizerId = :who)))");
        Parameters p = Parameters.with("firm", firmId).and("user", "%\"" + who.replace("_", "!_") + "\"%")
                .and("who", who);
        if (fromDate != null) {
            q.append(" and spanEnd > :from");
            p.and("from", fromDate.atStartOfDay());
        }
        if (toDate != null) {
            q.append(" and spanStart < :to");
            p.and("to", toDate.plusDays(1).atStartOfDay());
        }
        var query = ActivityEntity.<ActivityEntity>find(q.toString(), Sort.by("spanStart").and("id"), p)
                .page(Page.of(pageIndex, pageSize));
        return query.list().chain(items -> query.count().chain(total -> directory.firm(firmId)
                .chain(firm -> views.all(items, firm, caller.userId()))
                .map(v -> new ActivityPage(v, pageIndex, pageSize, total))));
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
        String firmId = caller.firmId();
        return ActivityEntity.<ActivityEntity>findById(id).chain(a -> {
            if (a == null || !a.firmId.equals(firmId)) {
                throw ProblemException.notFound("no activity " + id);
            }
            return HistoryEntity.<HistoryEntity>list("activityId = ?1 order by id", id);
        }).map(lines -> lines.stream().map(HistoryView::of).toList());
    }

    private Uni<Response> update(String id, String ifMatch, Function<ActivityEntity, ActivityDraft> change,
            String action) {
        String firmId = caller.firmId();
        String userId = caller.userId();
        return find(id, firmId).chain(a -> directory.firm(firmId).chain(firm -> {
            requireActiveUser(firm, userId);
            refuseUnless(ActivityPermissions.Action.EDIT, firm.editPermission(userId), userId, a);
            ETags.check(ifMatch, a.version, "the activity");
            ActivityDraft draft = change.apply(a);
            requireValid(ActivityValidation.check(draft));
            List<String> previous = a.scheduledFor();
            List<String> alreadyNamed = new ArrayList<>(previous);
            if (a.organizerId != null) {
                alreadyNamed.add(a.organizerId);
            }
            requireKnownUsers(draft, firm, alreadyNamed);
            a.apply(draft.withPush(PushDefault.forUpdate(a.pushToOffice365, draft.pushToOffice365())));
            a.appModifiedAt = a.updatedAt;
            return publisher.changed(ActivityChanged.ChangeType.UPDATED, a, previous, Origin.app(userId), action)
                    .chain(() -> views.one(a, firm, userId));
        })).map(v -> Response.ok(v).header("ETag", ETags.of(v.version())).build());
    }

    /** The activity when it is the caller's firm's and not deleted; else 404, never 403 (no hint it exists). */
    private static Uni<ActivityEntity> find(String id, String firmId) {
        return ActivityEntity.<ActivityEntity>findById(id).map(a -> {
            if (a == null || a.deleted || !a.firmId.equals(firmId)) {
                throw ProblemException.notFound("no activity " + id);
            }
            return a;
        });
    }

    private static void refuseUnless(ActivityPermissions.Action action, Permission permission, String userId,
            ActivityEntity a) {
        ActivityPermissions.refusal(action, permission, userId, a.createdBy, a.organizerId).ifPresent(why -> {
            throw ProblemException.forbidden(why);
        });
    }

    private static void requireKnownUsers(ActivityDraft draft, FirmContext firm, List<String> alreadyNamed) {
        List<Violation> unknown = ActivityValidation.unknownUsers(draft, firm.userIds(), firm.activeUserIds(),
                alreadyNamed);
        if (!unknown.isEmpty()) {
            throw ProblemException.unknownReferences(unknown);
        }
    }

    /**
     * Only users the firm's settings list as active may change activities (settings.changes.v1, projected here):
     * a token alone does not make someone a member of the firm.
     */
    static void requireActiveUser(FirmContext firm, String userId) {
        var user = firm.user(userId);
        if (user == null) {
            throw new ProblemException(ProblemType.NOT_A_FIRM_USER, "'" + userId + "' is not a user of this firm "
                    + "(its settings do not list them): only the firm's users may change its activities");
        }
        if (!user.active) {
            throw new ProblemException(ProblemType.USER_DEACTIVATED, "'" + userId + "' is deactivated in this firm: "
                    + "a deactivated user may not change activities");
        }
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
