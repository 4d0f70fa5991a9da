package io.docketsync.connector.api;

import io.docketsync.connector.messaging.ConnectionPublisher;
import io.docketsync.connector.persistence.ConnectionEntity;
import io.docketsync.contracts.ConnectionChanged;
import io.docketsync.contracts.ConnectionState;
import io.docketsync.contracts.Origin;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** User Settings &gt; Office 365: the caller's own connection. */
@Path("/connections/office365")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("**")
public class ConnectionResource {
    @Inject
    Caller caller;
    @Inject
    ConnectionPublisher publisher;

    @GET
    @WithSession
    @Operation(summary = "The caller's Office 365 connection: state, mailbox, since, last error")
    public Uni<ConnectionChanged> get() {
        String userId = caller.userId();
        String firmId = caller.firmId();
        return ConnectionEntity.<ConnectionEntity>findById(userId).map(c -> c == null
                ? new ConnectionChanged(userId, firmId, ConnectionState.DISCONNECTED, null, null, null)
                : c.toEvent());
    }

    @DELETE
    @Operation(summary = "Disconnect the caller from Office 365")
    public Uni<ConnectionChanged> disconnect() {
        String userId = caller.userId();
        String firmId = caller.firmId();
        return Panache.withTransaction(() -> ConnectionEntity.<ConnectionEntity>findById(userId).chain(found -> {
            ConnectionEntity c = found;
            if (c == null) {
                c = new ConnectionEntity();
                c.userId = userId;
                c.firmId = firmId;
            }
            c.state = ConnectionState.DISCONNECTED;
            c.since = Instant.now();
            c.lastError = null;
            ConnectionEntity saved = c;
            return saved.<ConnectionEntity>persist()
                    .call(() -> publisher.stateChanged(saved, Origin.app(userId)))
                    .map(ConnectionEntity::toEvent);
        }));
    }
}
