package io.docketsync.activity.messaging;

import io.docketsync.activity.service.ProjectionService;
import io.docketsync.contracts.ConnectionChanged;
import io.docketsync.contracts.EventCodec;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps each user's Office 365 connection (the green check) from the compacted connections topic. A state
 * older than the one kept changes nothing, so a replay or a redelivery is harmless. */
@ApplicationScoped
public class ConnectionsConsumer {
    @Inject
    ProjectionService projections;

    @Incoming("connections")
    @WithTransaction
    public Uni<Void> onConnectionChanged(String json) {
        ConnectionChanged c = EventCodec.fromJson(json, ConnectionChanged.class).data;
        if (c == null || c.userId() == null || c.firmId() == null || c.state() == null) {
            throw new EventCodec.MalformedEventException("a connection change needs userId, firmId and state", null);
        }
        return projections.connectionChanged(c);
    }
}
