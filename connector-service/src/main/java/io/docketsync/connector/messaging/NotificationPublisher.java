package io.docketsync.connector.messaging;

import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.GraphNotification;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.Topics;
import io.docketsync.outbox.ExportedEvent;
import io.docketsync.outbox.Outbox;
import java.util.List;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Validated Graph notifications and delta-repair requests on {@code graph.notifications.v1}, keyed by mailbox (firm id + user id),
 * in the caller's transaction (outbox). */
@ApplicationScoped
public class NotificationPublisher {
    @Inject
    Outbox outbox;

    public Uni<Void> publish(GraphNotification n) {
        return outbox.append(exported(n));
    }

    /** Several, in this order: one INSERT for all (none for none). */
    public Uni<Void> publish(List<GraphNotification> notifications) {
        return outbox.append(notifications.stream().map(NotificationPublisher::exported).toList());
    }

    /** {@link #publish(List)} on this connection of the reactive SQL client (in its transaction, if it holds one). */
    public Uni<Void> publish(SqlClient connection, List<GraphNotification> notifications) {
        return outbox.append(connection, notifications.stream().map(NotificationPublisher::exported).toList());
    }

    private static ExportedEvent exported(GraphNotification n) {
        return new ExportedEvent(Topics.GRAPH_NOTIFICATIONS, n.user().kafkaKey(), EventEnvelope.of(
                ConnectionPublisher.SOURCE, GraphNotification.TYPE, n.userId(), n.firmId(),
                Origin.office365(n.userId(), n.mailbox(), null), n));
    }
}
