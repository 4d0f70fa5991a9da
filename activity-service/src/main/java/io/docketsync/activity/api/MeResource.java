package io.docketsync.activity.api;

import io.docketsync.api.Caller;
import io.docketsync.activity.persistence.FirmUserEntity;
import io.docketsync.activity.service.MeService;
import io.docketsync.contracts.Permission;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What the front end needs to know of the caller to offer or grey out edit and delete. */
@Path("/me")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("**")
@Tag(name = "Me")
public class MeResource {
    @Inject
    Caller caller;
    @Inject
    MeService service;

    @Schema(name = "Me", description = "The caller as activity-service knows them from the firm's settings and "
            + "connections; 'known' false when the firm's user list does not name them (no permissions)")
    public record MeView(String userId, String firmId, boolean known, String displayName, boolean admin,
            Permission edit, Permission delete, boolean connected,
            @Schema(description = "Version of the firm settings this service has applied") long firmSettingsVersion,
            @Schema(description = "Version of the firm settings the sync-worker plans with (0: none reported yet). A "
                    + "settings change (PUT /settings/office365 answers its version as ETag) is in effect everywhere "
                    + "once this and firmSettingsVersion reach it") long syncWorkerSettingsVersion) {
    }

    @GET
    @WithSession
    @Operation(summary = "The caller's permissions and Office 365 connection")
    public Uni<MeView> me() {
        return service.me(caller).map(me -> {
            var firm = me.firm();
            FirmUserEntity u = firm.user(me.userId());
            return new MeView(me.userId(), firm.firmId(), u != null, u == null ? null : u.displayName,
                    u != null && u.admin, u == null ? Permission.NONE : u.editPermission,
                    u == null ? Permission.NONE : u.deletePermission, firm.connected(me.userId()),
                    firm.settingsVersion(), me.syncWorkerSettingsVersion());
        });
    }
}
