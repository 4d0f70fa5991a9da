package io.docketsync.sync.messaging;

import io.docketsync.contracts.ConnectionChanged;
import io.docketsync.contracts.EventCodec;
import io.docketsync.sync.persistence.MailboxConnectionEntity;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps the worker's projection of users' connections. Replays and stale events change nothing. */
@ApplicationScoped
public class ConnectionsConsumer {

    @Incoming("connections")
    @WithTransaction
    public Uni<Void> onConnectionChanged(String json) {
        var event = EventCodec.fromJson(json, ConnectionChanged.class);
        ConnectionChanged c = event.data;
        return MailboxConnectionEntity.<MailboxConnectionEntity>findById(c.userId()).chain(found -> {
            MailboxConnectionEntity row = found == null ? new MailboxConnectionEntity() : found;
            if (found != null && (event.id.equals(found.eventId)
                    || (found.since != null && c.since() != null && c.since().isBefore(found.since)))) {
                return Uni.createFrom().voidItem();
            }
            row.userId = c.userId();
            row.firmId = c.firmId();
            row.state = c.state();
            row.mailbox = c.mailbox();
            row.since = c.since();
            row.lastError = c.lastError();
            row.eventId = event.id;
            row.updatedAt = Instant.now();
            return row.persist().replaceWithVoid();
        });
    }
}
