package io.docketsync.sync.api;

import io.docketsync.contracts.Office365Settings;
import io.docketsync.contracts.UserKey;
import io.docketsync.sync.persistence.DeltaLinkEntity;
import io.docketsync.sync.persistence.FirmProjection;
import io.docketsync.sync.persistence.MailboxConnectionEntity;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Operators' view of what the worker holds per firm: settings, and each user's mailbox (a bearer token with the
 * operator role). */
@Path("/sync/firms")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(OperatorRole.NAME)
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

    @GET
    @Path("/{firmId}/mailboxes/{userId}")
    @WithSession
    @Operation(summary = "One user's connection as the worker sees it")
    public Uni<MailboxConnectionEntity> mailbox(@PathParam("firmId") String firmId, @PathParam("userId") String userId) {
        return MailboxConnectionEntity.<MailboxConnectionEntity>findById(UserKey.of(firmId, userId)).map(m -> {
            if (m == null) {
                throw new NotFoundException("the worker knows no connection of user " + userId + " of firm " + firmId);
            }
            return m;
        });
    }

    public record DeltaState(String firmId, String userId, String mailbox, java.time.Instant lastRepairAt) {
    }

    @GET
    @Path("/{firmId}/mailboxes/{userId}/delta")
    @WithSession
    @Operation(summary = "When the user's mailbox was last repaired from its delta (404: never)")
    public Uni<DeltaState> delta(@PathParam("firmId") String firmId, @PathParam("userId") String userId) {
        return DeltaLinkEntity.<DeltaLinkEntity>findById(UserKey.of(firmId, userId)).map(d -> {
            if (d == null) {
                throw new NotFoundException("no delta round has run for user " + userId + " of firm " + firmId);
            }
            return new DeltaState(d.firmId, d.userId, d.mailbox, d.updatedAt);
        });
    }
}
