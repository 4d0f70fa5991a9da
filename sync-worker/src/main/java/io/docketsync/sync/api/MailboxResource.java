package io.docketsync.sync.api;

import io.docketsync.sync.persistence.MailboxConnectionEntity;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Operators' view of the mailboxes this worker knows (a bearer token with the operator role). */
@Path("/sync/mailboxes")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(OperatorRole.NAME)
public class MailboxResource {

    @GET
    @WithSession
    @Operation(summary = "Every user's connection as the worker sees it, of one firm when ?firm= names it; one user's "
            + "is at /sync/firms/{firm}/mailboxes/{user}")
    public Uni<List<MailboxConnectionEntity>> list(@QueryParam("firm") String firmId) {
        return firmId == null ? MailboxConnectionEntity.listAll()
                : MailboxConnectionEntity.list("firmId = ?1 order by userId", firmId);
    }
}
