package io.docketsync.sync.inbound;

import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.GraphNotification;
import io.docketsync.sync.config.SyncConfig;
import io.docketsync.messaging.KeyedLanes;
import io.docketsync.messaging.OwnContexts;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * graph.notifications.v1 → the inbound flow: a change of an event is judged ({@link InboundService}); missed
 * notifications (a lifecycle "missed", or a subscription made anew) start a delta repair ({@link DeltaRepair}).
 *
 * <p>Each user's notifications are judged in order, one at a time (they share the user's links and deletion count),
 * and different users' side by side ({@link KeyedLanes}): a notification that waits for our own write to be
 * recorded, or a read that waits out Graph's throttling, holds up only its user. A notification is acknowledged
 * once judged (Kafka's offset moves past it only then), and a failed one goes to the dead-letter topic as before.
 */
@ApplicationScoped
public class GraphNotificationsConsumer {
    @Inject
    InboundService inbound;
    @Inject
    DeltaRepair repair;
    @Inject
    Vertx vertx;
    @Inject
    MeterRegistry metrics;
    @Inject
    SyncConfig config;

    private KeyedLanes<EventEnvelope<GraphNotification>> lanes;

    @PostConstruct
    void lanes() {
        lanes = new KeyedLanes<>(this::judge, config.inboundInFlight(), OwnContexts.of(vertx));
        // notifications received and not judged yet in this instance
        metrics.gauge("docketsync.sync.notifications.queued", lanes, KeyedLanes::queued);
    }

    @Incoming("graph-notifications")
    public Uni<Void> onNotification(Message<String> message) {
        EventEnvelope<GraphNotification> env;
        try {
            env = EventCodec.fromJson(message.getPayload(), GraphNotification.class);
        } catch (RuntimeException unreadable) {
            return Uni.createFrom().completionStage(message.nack(unreadable));
        }
        GraphNotification n = env.data;
        String key = n.firmId() == null || n.userId() == null ? "" : n.user().kafkaKey();
        return lanes.handOn(key, env, message);
    }

    private Uni<Void> judge(String user, EventEnvelope<GraphNotification> env) {
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
