package io.docketsync.sync.api;

import io.docketsync.contracts.Office365Settings;
import io.docketsync.sync.persistence.FirmProjection;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Operators' view of the firm settings the worker plans with (internal port). */
@Path("/sync/firms")
@Produces(MediaType.APPLICATION_JSON)
public class FirmResource {

    @GET
    @Path("/{firmId}/office365-settings")
    @WithSession
    @Operation(summary = "The Office 365 settings of a firm as the worker holds them")
    public Uni<Office365Settings> settings(@PathParam("firmId") String firmId) {
        return FirmProjection.<FirmProjection>findById(firmId).map(f -> {
            if (f == null) {
                throw new NotFoundException("the worker holds no settings of firm " + firmId);
            }
            return f.settings();
        });
    }
}
