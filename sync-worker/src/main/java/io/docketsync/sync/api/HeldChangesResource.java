package io.docketsync.sync.api;

import io.docketsync.api.Caller;
import io.docketsync.api.ProblemException;
import io.docketsync.sync.domain.DeletionBurst;
import io.docketsync.sync.inbound.DeletionHold;
import io.docketsync.sync.persistence.ActivityProjection;
import io.docketsync.sync.persistence.HeldDeletionEntity;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Held changes (issue 18): the linked deletions from Outlook the deletion-burst valve held, with the activities they
 * concern, and their decision. The caller's firm is the token's; a user sees and decides the holds of their own
 * mailbox (deciding only for activities they created or organize), an administrator (role {@code admin}) every hold
 * of the firm.
 */
@Path("/office365/held-changes")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("**")
@Tag(name = "Held changes", description = "Deletions from Office 365 held by the firm's deletion-burst threshold")
public class HeldChangesResource {
    static final List<String> STATES = List.of(HeldDeletionEntity.HELD, HeldDeletionEntity.APPLIED,
            HeldDeletionEntity.REJECTED);

    @Inject
    Caller caller;
    @Inject
    DeletionHold holds;

    /** The activity a held change concerns, as the worker holds it (null fields when it no longer exists). */
    public record ActivityView(String id, String subject, java.time.LocalDateTime start, java.time.LocalDateTime end,
            List<String> scheduledFor, boolean exists) {
    }

    /**
     * @param kind DELETE_ACTIVITY (applying deletes the activity for everyone) or REMOVE_USER (applying takes the user
     *             off its Scheduled For)
     */
    public record HeldChangeView(String id, String userId, String mailbox, String eventId, String kind, String reason,
            Instant heldAt, String state, String decidedBy, Instant decidedAt, ActivityView activity) {
    }

    @GET
    @WithSession
    @Operation(summary = "Held changes of the caller's firm, oldest first: an administrator's of every user (one when "
            + "?user= names them), anyone else's of their own mailbox; ?state=HELD (default), APPLIED, REJECTED or ALL")
    public Uni<List<HeldChangeView>> list(@QueryParam("user") String user, @QueryParam("state") String state) {
        String firmId = caller.firmId();
        String who = user(user);
        String wanted = state == null || state.isBlank() ? HeldDeletionEntity.HELD : state.trim().toUpperCase();
        if (!wanted.equals("ALL") && !STATES.contains(wanted)) {
            throw ProblemException.badRequest("state", "one of HELD, APPLIED, REJECTED, ALL (got '" + state + "')");
        }
        List<Object> params = new ArrayList<>(List.of(firmId));
        String query = "firmId = ?1";
        if (who != null) {
            params.add(who);
            query += " and userId = ?" + params.size();
        }
        if (!wanted.equals("ALL")) {
            params.add(wanted);
            query += " and state = ?" + params.size();
        }
        return HeldDeletionEntity.<HeldDeletionEntity>list(query + " order by heldAt, id", params.toArray())
                .chain(HeldChangesResource::views);
    }

    @GET
    @Path("/{id}")
    @WithSession
    @Operation(summary = "One held change with its activity")
    public Uni<HeldChangeView> one(@PathParam("id") String id) {
        String firmId = caller.firmId();
        return HeldDeletionEntity.<HeldDeletionEntity>findById(id).chain(h -> {
            if (h == null || !h.firmId.equals(firmId) || (!caller.isAdmin() && !h.userId.equals(caller.userId()))) {
                throw ProblemException.notFound("held change " + id);
            }
            return views(List.of(h)).map(v -> v.get(0));
        });
    }

    @POST
    @Path("/{id}/apply")
    @Operation(summary = "Apply a held deletion now: the activity is deleted (or the user taken off its Scheduled "
            + "For) as the rules decided when the event was deleted. 409 when it was rejected already")
    public Uni<HeldChangeView> apply(@PathParam("id") String id) {
        return decide(id, DeletionBurst.Decision.APPLY);
    }

    @POST
    @Path("/{id}/reject")
    @Operation(summary = "Reject a held deletion: the activity stays and its event is written back to the user's "
            + "calendar. 409 when it was applied already")
    public Uni<HeldChangeView> reject(@PathParam("id") String id) {
        return decide(id, DeletionBurst.Decision.REJECT);
    }

    @POST
    @Path("/apply")
    @Operation(summary = "Apply every held deletion of ?user= (administrators: of the whole firm when no user is "
            + "named); the changes decided, oldest first")
    public Uni<List<HeldChangeView>> applyAll(@QueryParam("user") String user) {
        return decideAll(user, DeletionBurst.Decision.APPLY);
    }

    @POST
    @Path("/reject")
    @Operation(summary = "Reject every held deletion of ?user= (administrators: of the whole firm when no user is "
            + "named): their events are written back")
    public Uni<List<HeldChangeView>> rejectAll(@QueryParam("user") String user) {
        return decideAll(user, DeletionBurst.Decision.REJECT);
    }

    /** The user a caller may look at: an administrator anyone of the firm (or all: null), anyone else themselves. */
    private String user(String user) {
        String self = caller.userId();
        if (user != null && !user.isBlank() && !io.docketsync.api.TextRules.ID.matcher(user).matches()) {
            throw ProblemException.badRequest("user", "not a user id (letters, digits, '.', '_', '@', '-'; at most 128)");
        }
        if (caller.isAdmin()) {
            return user == null || user.isBlank() ? null : user;
        }
        if (user != null && !user.isBlank() && !user.equals(self)) {
            throw ProblemException.forbidden("only a firm administrator may see or decide another user's held changes");
        }
        return self;
    }

    private Uni<HeldChangeView> decide(String id, DeletionBurst.Decision decision) {
        String firmId = caller.firmId();
        return holds.decide(firmId, id, decision, caller.userId(), caller.isAdmin())
                .onFailure(DeletionHold.Refused.class).transform(HeldChangesResource::problem)
                .chain(h -> io.quarkus.hibernate.reactive.panache.Panache.withSession(() -> views(List.of(h))))
                .map(v -> v.get(0));
    }

    private Uni<List<HeldChangeView>> decideAll(String user, DeletionBurst.Decision decision) {
        String firmId = caller.firmId();
        String who = user(user);
        return holds.decideAll(firmId, who, decision, caller.userId(), caller.isAdmin())
                .onFailure(DeletionHold.Refused.class).transform(HeldChangesResource::problem)
                .chain(done -> io.quarkus.hibernate.reactive.panache.Panache.withSession(() -> views(done)));
    }

    private static Throwable problem(Throwable e) {
        DeletionHold.Refused r = (DeletionHold.Refused) e;
        return switch (r.status) {
            case 404 -> ProblemException.notFound(r.getMessage().replaceFirst("^no ", ""));
            case 403 -> ProblemException.forbidden(r.getMessage());
            default -> new ProblemException(r.status, "Conflict", r.getMessage());
        };
    }

    private static Uni<List<HeldChangeView>> views(List<HeldDeletionEntity> held) {
        if (held.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> ids = held.stream().map(h -> h.activityId).distinct().toList();
        return ActivityProjection.<ActivityProjection>list("activityId in ?1", ids).map(found -> {
            Map<String, ActivityProjection> byId = found.stream()
                    .collect(Collectors.toMap(a -> a.activityId, Function.identity()));
            return held.stream().map(h -> {
                ActivityProjection a = byId.get(h.activityId);
                ActivityView activity;
                if (a == null || a.deleted) {
                    activity = new ActivityView(h.activityId, null, null, null, List.of(), false);
                } else {
                    var s = a.snapshot();
                    activity = new ActivityView(h.activityId, s.subject(), s.start(), s.end(), s.scheduledFor(), true);
                }
                return new HeldChangeView(h.id, h.userId, h.mailbox, h.eventId, h.kind, h.reason, h.heldAt, h.state,
                        h.decidedBy, h.decidedAt, activity);
            }).toList();
        });
    }
}
