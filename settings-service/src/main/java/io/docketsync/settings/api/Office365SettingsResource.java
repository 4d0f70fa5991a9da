package io.docketsync.settings.api;

import io.docketsync.security.Caller;
import io.docketsync.contracts.Office365Settings;
import io.docketsync.contracts.Origin;
import io.docketsync.settings.messaging.SettingsPublisher;
import io.docketsync.settings.persistence.FirmEntity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** System Settings &gt; Office 365: read by every user of the firm, changed by administrators. */
@Path("/settings/office365")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("**")
public class Office365SettingsResource {
    @Inject
    Caller caller;
    @Inject
    SettingsPublisher publisher;

    @GET
    @WithSession
    @Operation(summary = "The firm's Office 365 sync settings (defaults until an administrator changes them)")
    public Uni<Office365Settings> get() {
        return FirmEntity.<FirmEntity>findById(caller.firmId())
                .map(firm -> firm == null ? Office365Settings.defaults() : firm.settings());
    }

    @PUT
    @Operation(summary = "Replace the firm's Office 365 sync settings (administrators only)")
    public Uni<Office365Settings> put(@Valid @NotNull Office365Settings settings) {
        caller.requireAdmin("change the Office 365 settings");
        String firmId = caller.firmId();
        String userId = caller.userId();
        return Panache.withTransaction(() -> FirmEntity.<FirmEntity>findById(firmId)
                .chain(found -> {
                    FirmEntity firm = found;
                    if (firm == null) {
                        firm = new FirmEntity();
                        firm.firmId = firmId;
                    }
                    firm.apply(settings);
                    firm.updatedBy = userId;
                    firm.updatedAt = java.time.Instant.now();
                    FirmEntity saved = firm;
                    return saved.<FirmEntity>persist()
                            .call(() -> Panache.getSession().chain(s -> s.flush()))
                            .call(() -> publisher.firmChanged(saved, Origin.app(userId)));
                })
                .map(FirmEntity::settings));
    }
}
