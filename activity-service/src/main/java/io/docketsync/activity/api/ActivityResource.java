package io.docketsync.activity.api;

import io.docketsync.activity.domain.ActivityValidation;
import io.docketsync.activity.messaging.ActivityPublisher;
import io.docketsync.activity.persistence.ActivityEntity;
import io.docketsync.activity.persistence.FirmSettingsEntity;
import io.docketsync.contracts.ActivityChanged;
import io.docketsync.contracts.ActivityKind;
import io.docketsync.contracts.ActivitySnapshot;
import io.docketsync.contracts.Office365Settings;
import io.docketsync.contracts.Origin;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Activities of the caller's firm. Another firm's activity does not exist for the caller (404). */
@Path("/activities")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("**")
public class ActivityResource {
    @Inject
    Caller caller;
    @Inject
    ActivityPublisher publisher;

    @POST
    @Operation(summary = "Create an activity; 'push to Office 365' defaults from the firm's settings")
    public Uni<Response> create(@Valid @NotNull ActivityRequest r) {
        var violations = ActivityValidation.check(r.kind(), r.start(), r.end(), r.allDay(), r.dueDate(), r.dueTime(),
                r.timeZone());
        if (!violations.isEmpty()) {
            throw new ValidationProblem(violations);
        }
        String firmId = caller.firmId();
        String userId = caller.userId();
        return Panache.withTransaction(() -> FirmSettingsEntity.<FirmSettingsEntity>findById(firmId).chain(firm -> {
            Office365Settings defaults = Office365Settings.defaults();
            boolean pushByDefault = r.kind() == ActivityKind.TASK
                    ? (firm == null ? defaults.alwaysPushTasks() : firm.alwaysPushTasks)
                    : (firm == null ? defaults.alwaysPushAppointments() : firm.alwaysPushAppointments);
            ActivityEntity a = new ActivityEntity();
            a.id = UUID.randomUUID().toString();
            a.firmId = firmId;
            a.kind = r.kind();
            a.subject = r.subject().trim();
            a.body = r.body();
            a.location = r.location();
            a.start = r.start();
            a.end = r.end();
            a.allDay = r.allDay();
            a.dueDate = r.dueDate();
            a.dueTime = r.dueTime();
            a.timeZone = r.timeZone();
            a.scheduledFor(List.copyOf(new java.util.LinkedHashSet<>(r.scheduledFor())));
            a.organizerId = r.organizerId();
            a.createdBy = userId;
            a.pushToOffice365 = r.pushToOffice365() != null ? r.pushToOffice365() : pushByDefault;
            a.updatedAt = Instant.now();
            return a.<ActivityEntity>persist()
                    .call(() -> Panache.getSession().chain(s -> s.flush()))
                    .call(saved -> publisher.changed(ActivityChanged.ChangeType.CREATED, saved, List.of(),
                            Origin.app(userId)));
        })).map(a -> Response.created(URI.create("/activities/" + a.id)).tag(String.valueOf(a.version))
                .entity(a.snapshot()).build());
    }

    @GET
    @Path("/{id}")
    @WithSession
    @Operation(summary = "One activity of the caller's firm")
    public Uni<Response> get(@PathParam("id") String id) {
        String firmId = caller.firmId();
        return ActivityEntity.<ActivityEntity>findById(id).map(a -> {
            if (a == null || !a.firmId.equals(firmId)) {
                throw new NotFoundException("no activity " + id);
            }
            ActivitySnapshot s = a.snapshot();
            return Response.ok(s).tag(String.valueOf(a.version)).build();
        });
    }
}
