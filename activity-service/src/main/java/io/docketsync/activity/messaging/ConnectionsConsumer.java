package io.docketsync.activity.messaging;

import io.docketsync.activity.persistence.ConnectionEntity;
import io.docketsync.contracts.ConnectionChanged;
import io.docketsync.contracts.EventCodec;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps each user's Office 365 connection (the green check) from the compacted connections topic. A state
 * older than the one kept changes nothing, so a replay or a redelivery is harmless. */
@ApplicationScoped
public class ConnectionsConsumer {

    @Incoming("connections")
    @WithTransaction
    public Uni<Void> onConnectionChanged(String json) {
        ConnectionChanged c = EventCodec.fromJson(json, ConnectionChanged.class).data;
        if (c == null || c.userId() == null || c.firmId() == null || c.state() == null) {
            throw new EventCodec.MalformedEventException("a connection change needs userId, firmId and state", null);
        }
        Instant since = c.since() == null ? Instant.EPOCH : c.since();
        String key = c.firmId() + "/" + c.userId();
        return ConnectionEntity.<ConnectionEntity>findById(key).chain(found -> {
            if (found != null && found.since.isAfter(since)) {
                return Uni.createFrom().voidItem();
            }
            ConnectionEntity e = found == null ? new ConnectionEntity() : found;
            e.id = key;
            e.firmId = c.firmId();
            e.userId = c.userId();
            e.state = c.state();
            e.mailbox = c.mailbox();
            e.since = since;
            e.lastError = c.lastError();
            return e.persist().replaceWithVoid();
        });
    }
}
