package io.docketsync.sync.plan;

import io.docketsync.contracts.ConnectionChanged;
import io.docketsync.contracts.EventCodec;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** connections.v1 → the worker's projection of users' connections ({@link ProjectionService}). */
@ApplicationScoped
public class ConnectionsConsumer {
    @Inject
    ProjectionService projections;

    @Incoming("connections")
    @WithTransaction
    public Uni<Void> onConnectionChanged(String json) {
        return projections.connectionChanged(EventCodec.fromJson(json, ConnectionChanged.class));
    }
}
