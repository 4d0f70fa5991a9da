package io.docketsync.outbox;

import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.EventEnvelope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * Records an event in the caller's transaction. Call it inside {@code Panache.withTransaction(...)} after the
 * state change: the session is flushed first, so the changed row is locked before the event gets its place in
 * the publishing order, and two transactions changing the same aggregate queue their events in commit order.
 */
@ApplicationScoped
public class Outbox {

    public Uni<Void> append(String topic, String key, EventEnvelope<?> event) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = UUID.fromString(event.id);
        row.topic = topic;
        row.messageKey = key;
        row.eventType = event.type;
        row.payload = EventCodec.toJson(event);
        row.createdAt = Instant.now();
        return Panache.getSession()
                .chain(session -> session.flush())
                .chain(() -> row.persist())
                .replaceWithVoid();
    }
}
