package io.docketsync.activity.messaging;

import io.docketsync.activity.service.OfficeCommandService;
import io.docketsync.contracts.ActivityCommand;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.EventEnvelope;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The changes that came from Office 365 (activity.commands.v1): decodes each command and has
 * {@link OfficeCommandService} apply it once, in one transaction per record; the record is acknowledged when that
 * transaction commits. What cannot be read or lacks what its type needs goes to the DLQ with the reason.
 */
@ApplicationScoped
public class ActivityCommandConsumer {
    @Inject
    OfficeCommandService commands;

    @Incoming("commands")
    @WithTransaction
    public Uni<Void> onCommand(String json) {
        EventEnvelope<ActivityCommand> env = EventCodec.fromJson(json, ActivityCommand.class);
        ActivityCommand c = env.data;
        if (c == null || c.commandId() == null || c.type() == null || c.userId() == null) {
            throw new EventCodec.MalformedEventException("a command needs commandId, type and userId", null);
        }
        return commands.apply(env.firmId, c);
    }
}
