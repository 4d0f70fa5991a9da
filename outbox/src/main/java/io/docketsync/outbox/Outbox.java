package io.docketsync.outbox;

import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.EventEnvelope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Records an event in the caller's transaction. Call it inside {@code Panache.withTransaction(...)} after the
 * state change: the session is flushed first, so the changed row is locked before the event gets its place in
 * the publishing order, and two transactions changing the same aggregate queue their events in commit order.
 */
@ApplicationScoped
public class Outbox {

    public Uni<Void> append(String topic, String key, EventEnvelope<?> event) {
        return append(List.of(new ExportedEvent(topic, key, event)));
    }

    public Uni<Void> append(ExportedEvent event) {
        return append(List.of(event));
    }

    /** Several events, published in this order after the caller's state change (one flush for all). */
    public Uni<Void> append(List<ExportedEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<OutboxEvent> rows = events.stream().map(Outbox::row).toList();
        return Panache.getSession()
                .chain(session -> session.flush())
                .chain(() -> OutboxEvent.persist(rows))
                .replaceWithVoid();
    }

    private static OutboxEvent row(ExportedEvent exported) {
        String topic = exported.topic();
        String key = exported.key();
        EventEnvelope<?> event = exported.event();
        OutboxEvent row = new OutboxEvent();
        row.eventId = UUID.fromString(event.id);
        row.topic = topic;
        row.messageKey = key;
        row.eventType = event.type;
        row.payload = EventCodec.toJson(event);
        row.createdAt = Instant.now();
        return row;
    }
}
