package io.docketsync.connector.messaging;

import io.docketsync.connector.persistence.ConnectionEntity;
import io.docketsync.contracts.ConnectionChanged;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.Topics;
import io.docketsync.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Announces a user's connection state on compacted {@code connections.v1}, in the caller's transaction. */
@ApplicationScoped
public class ConnectionPublisher {
    static final String SOURCE = "/docketsync/connector-service";

    @Inject
    Outbox outbox;

    public Uni<Void> stateChanged(ConnectionEntity connection, Origin origin) {
        return outbox.append(Topics.CONNECTIONS, connection.key().kafkaKey(), EventEnvelope.of(SOURCE, ConnectionChanged.TYPE,
                connection.userId, connection.firmId, origin, connection.toEvent()));
    }
}
