package io.docketsync.sync.inbound;

import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.GraphNotification;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * graph.notifications.v1 → the inbound flow: a change of an event is judged ({@link InboundService}); missed
 * notifications (a lifecycle "missed", or a subscription made anew) start a delta repair ({@link DeltaRepair}).
 */
@ApplicationScoped
public class GraphNotificationsConsumer {
    @Inject
    InboundService inbound;
    @Inject
    DeltaRepair repair;

    @Incoming("graph-notifications")
    public Uni<Void> onNotification(String json) {
        var env = EventCodec.fromJson(json, GraphNotification.class);
        GraphNotification n = env.data;
        if (n.kind() == GraphNotification.Kind.DELTA_REPAIR
                || (n.kind() == GraphNotification.Kind.LIFECYCLE && "missed".equalsIgnoreCase(n.lifecycleEvent()))) {
            return repair.repair(env);
        }
        if (n.kind() != GraphNotification.Kind.CHANGE || n.eventId() == null) {
            return Uni.createFrom().voidItem(); // a lifecycle event connector-service handles: nothing to read
        }
        return inbound.notified(env);
    }
}
