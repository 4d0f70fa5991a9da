package io.docketsync.settings.api;

import static io.docketsync.api.ProblemException.requireValid;

import io.docketsync.contracts.FirmUser;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.Permission;
import io.docketsync.api.Caller;
import io.docketsync.api.Problem;
import io.docketsync.api.ProblemException;
import io.docketsync.api.StrictJson;
import io.docketsync.settings.domain.SettingsRules;
import io.docketsync.settings.messaging.SettingsPublisher;
import io.docketsync.settings.persistence.FirmEntity;
import io.docketsync.settings.persistence.FirmUserEntity;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The firm's users and their permissions on activities: read by every user of the firm, managed by
 * administrators. Every change publishes the firm's whole state on settings.changes.v1.
 */
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("**")
@Tag(name = "Users", description = "The firm's users and their edit / delete permissions")
@APIResponse(responseCode = "401", description = "No valid bearer token, or one without a usable 'sub' or 'firm' "
        + "claim", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class UserResource {
    @Inject
    Caller caller;
    @Inject
    SettingsPublisher publisher;

    @Schema(name = "UserInput", description = "Every field is required; unknown fields are refused")
    public record UserInput(
            @Schema(required = true, maxLength = SettingsRules.MAX_DISPLAY_NAME, description = "No NUL character")
            String displayName,
            @Schema(required = true, maxLength = SettingsRules.MAX_EMAIL) String email,
            @Schema(required = true, description = "Manages settings and users") Boolean admin,
            @Schema(required = true, description = "Which activities the user may edit: ANY, OWN (created or "
                    + "organized by them) or NONE") Permission edit,
            @Schema(required = true, description = "Which activities the user may delete") Permission delete,
            @Schema(required = true) Boolean active) {
    }

    @GET
    @WithSession
    @Operation(summary = "The firm's users, by id")
    @APIResponse(responseCode = "200", description = "The users",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = FirmUser.class)))
    public Uni<List<FirmUser>> list() {
        return FirmUserEntity.<FirmUserEntity>list("id.firmId = ?1 order by id.userId", caller.firmId())
                .map(users -> users.stream().map(FirmUserEntity::toContract).toList());
    }

    @GET
    @Path("/{id}")
    @WithSession
    @Operation(summary = "One user of the firm")
    @APIResponse(responseCode = "200", description = "The user", content = @Content(schema = @Schema(implementation = FirmUser.class)))
    @APIResponse(responseCode = "404", description = "The firm has no such user",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<FirmUser> get(@PathParam("id") String id) {
        return FirmUserEntity.<FirmUserEntity>findById(new FirmUserEntity.Key(caller.firmId(), id)).map(u -> {
            if (u == null) {
                throw ProblemException.notFound("the firm has no user '" + id + "'");
            }
            return u.toContract();
        });
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @WithTransaction
    @Operation(summary = "Create or replace a user of the firm (administrators only)")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = UserInput.class)))
    @APIResponse(responseCode = "200", description = "Replaced", content = @Content(schema = @Schema(implementation = FirmUser.class)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = FirmUser.class)))
    @APIResponse(responseCode = "400", description = "Bad input, each field named",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not an administrator (forbidden), or one the firm has "
            + "deactivated (user-deactivated)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> put(@PathParam("id") String id, String body) {
        caller.requireAdmin("manage the firm's users");
        UserInput in = StrictJson.read(body, UserInput.class);
        requireValid(SettingsRules.checkUser(id, in.displayName(), in.email(), in.admin(), in.edit(), in.delete(),
                in.active()));
        String firmId = caller.firmId();
        String actor = caller.userId();
        return Administrators.requireNotDeactivated(firmId, actor)
                .chain(() -> FirmEntity.<FirmEntity>findById(firmId)).chain(found -> {
            FirmEntity firm = found == null ? FirmEntity.create(firmId) : found;
            // the firm's version counts its published states, users included
            firm.updatedBy = actor;
            firm.updatedAt = Instant.now();
            return firm.persist().chain(() -> FirmUserEntity.<FirmUserEntity>findById(new FirmUserEntity.Key(firmId, id)))
                    .chain(existing -> {
                        FirmUserEntity u = existing == null ? new FirmUserEntity() : existing;
                        u.id = new FirmUserEntity.Key(firmId, id);
                        u.displayName = in.displayName().trim();
                        u.email = in.email().trim();
                        u.admin = in.admin();
                        u.editPermission = in.edit();
                        u.deletePermission = in.delete();
                        u.active = in.active();
                        return u.<FirmUserEntity>persist()
                                .call(() -> publisher.firmChanged(firm, Origin.app(actor)))
                                .map(saved -> existing == null
                                        // relative on purpose: created() would resolve it against the Host header
                                        ? Response.status(Response.Status.CREATED).header("Location", "/users/" + id)
                                                .entity(saved.toContract()).build()
                                        : Response.ok(saved.toContract()).build());
                    });
        });
    }
}
