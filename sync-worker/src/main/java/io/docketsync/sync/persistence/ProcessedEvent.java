package io.docketsync.sync.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Events already handled: at-least-once delivery means every consumer sees some twice. */
@Entity
@Table(name = "processed_event")
public class ProcessedEvent extends PanacheEntityBase {
    @Id
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "processed_at")
    public Instant processedAt;

    /** True when the event is new (and is now recorded, in the caller's transaction). */
    public static Uni<Boolean> firstTime(String eventId) {
        return ProcessedEvent.<ProcessedEvent>findById(eventId).chain(found -> {
            if (found != null) {
                return Uni.createFrom().item(false);
            }
            ProcessedEvent e = new ProcessedEvent();
            e.eventId = eventId;
            e.processedAt = Instant.now();
            return e.persist().replaceWith(true);
        });
    }
}
