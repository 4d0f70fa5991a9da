package io.docketsync.activity.messaging;

import io.docketsync.activity.ActivityConfig;
import io.docketsync.contracts.ActivityCommand;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.EventEnvelope;
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
 * The changes that came from Office 365 (activity.commands.v1): decodes each command and has
 * {@link io.docketsync.activity.service.OfficeCommandService} apply it once, in one transaction per record; the
 * record is acknowledged when that transaction commits. What cannot be read or lacks what its type needs goes to
 * the DLQ with the reason.
 *
 * <p>An activity's commands are applied in order, one at a time (the worker keys them by the activity they change or
 * make); different activities' side by side ({@link KeyedLanes}), so a partition is not a single line.
 */
@ApplicationScoped
public class ActivityCommandConsumer {
    @Inject
    CommandTransaction commands;
    @Inject
    ActivityConfig config;
    @Inject
    Vertx vertx;
    @Inject
    MeterRegistry metrics;

    private KeyedLanes<EventEnvelope<ActivityCommand>> lanes;

    @PostConstruct
    void lanes() {
        lanes = new KeyedLanes<>(this::apply, config.commandsInFlight(), OwnContexts.of(vertx));
        // commands received and not applied yet in this instance
        metrics.gauge("docketsync.activity.commands.queued", lanes, KeyedLanes::queued);
    }

    @Incoming("commands")
    public Uni<Void> onCommand(Message<String> message) {
        EventEnvelope<ActivityCommand> env;
        try {
            env = EventCodec.fromJson(message.getPayload(), ActivityCommand.class);
            ActivityCommand c = env.data;
            if (c == null || c.commandId() == null || c.type() == null || c.userId() == null) {
                throw new EventCodec.MalformedEventException("a command needs commandId, type and userId", null);
            }
        } catch (RuntimeException unreadable) {
            return Uni.createFrom().completionStage(message.nack(unreadable));
        }
        ActivityCommand c = env.data;
        String activity = c.activityId() != null ? c.activityId() : String.valueOf(c.newActivityId());
        return lanes.handOn(activity, env, message);
    }

    /** Each command in its own transaction (CommandTransaction), its message acknowledged once that commits. */
    private Uni<Void> apply(String activity, EventEnvelope<ActivityCommand> env) {
        return commands.apply(env.firmId, env.data);
    }
}
