package io.docketsync.sync.api;

import io.docketsync.sync.persistence.DeltaLinkEntity;
import io.docketsync.sync.persistence.MailboxConnectionEntity;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Operators' view of the mailboxes this worker knows (internal port; not exposed to front ends). */
@Path("/sync/mailboxes")
@Produces(MediaType.APPLICATION_JSON)
public class MailboxResource {

    @GET
    @WithSession
    @Operation(summary = "Every user's connection as the worker sees it")
    public Uni<List<MailboxConnectionEntity>> list() {
        return MailboxConnectionEntity.listAll();
    }

    @GET
    @Path("/{userId}")
    @WithSession
    @Operation(summary = "One user's connection as the worker sees it")
    public Uni<MailboxConnectionEntity> get(@PathParam("userId") String userId) {
        return MailboxConnectionEntity.<MailboxConnectionEntity>findById(userId).map(m -> {
            if (m == null) {
                throw new NotFoundException("the worker knows no connection of user " + userId);
            }
            return m;
        });
    }

    public record DeltaState(String userId, String mailbox, java.time.Instant lastRepairAt) {
    }

    @GET
    @Path("/{userId}/delta")
    @WithSession
    @Operation(summary = "When the user's mailbox was last repaired from its delta (404: never)")
    public Uni<DeltaState> delta(@PathParam("userId") String userId) {
        return DeltaLinkEntity.<DeltaLinkEntity>findById(userId).map(d -> {
            if (d == null) {
                throw new NotFoundException("no delta round has run for user " + userId);
            }
            return new DeltaState(d.userId, d.mailbox, d.updatedAt);
        });
    }
}
