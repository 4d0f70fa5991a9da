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

    /** The worker's projection of a firm: settings version, settings, and since when two-way sync counts. */
    public record FirmView(String firmId, long version, Office365Settings settings,
            java.time.Instant createNewFromOfficeSince) {
    }

    @GET
    @Path("/{firmId}")
    @WithSession
    @Operation(summary = "A firm as the worker holds it: settings version, settings, and since when Outlook events"
            + " come over (events created before two-way sync was turned on do not)")
    public Uni<FirmView> firm(@PathParam("firmId") String firmId) {
        return FirmProjection.<FirmProjection>findById(firmId).map(f -> {
            if (f == null) {
                throw new NotFoundException("the worker holds no settings of firm " + firmId);
            }
            return new FirmView(f.firmId, f.version, f.settings(), f.createNewSince);
        });
    }

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
