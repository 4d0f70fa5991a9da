package io.docketsync.sync.messaging;

import io.docketsync.outbox.ExportedEvent;
import io.docketsync.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** Publishes the worker's events (made by {@link SyncEvents}) through the outbox, in the caller's transaction. */
@ApplicationScoped
public class SyncPublisher {
    @Inject
    Outbox outbox;

    public Uni<Void> publish(ExportedEvent event) {
        return outbox.append(event);
    }

    /** On this connection of the reactive SQL client, in its transaction. */
    public Uni<Void> publish(SqlClient connection, ExportedEvent event) {
        return outbox.append(connection, List.of(event));
    }

    /** In this order, on this connection of the reactive SQL client (in its transaction). */
    public Uni<Void> publish(SqlClient connection, List<ExportedEvent> events) {
        return outbox.append(connection, events);
    }

    /** In this order. */
    public Uni<Void> publish(List<ExportedEvent> events) {
        return outbox.append(events);
    }
}
