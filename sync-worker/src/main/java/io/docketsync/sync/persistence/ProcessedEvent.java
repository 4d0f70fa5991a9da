package io.docketsync.sync.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Events already handled: at-least-once delivery means every consumer sees some twice. The one idiom of every
 * consumer: {@link #seen} to skip work before it starts (outside a transaction, e.g. before a Graph call), and
 * {@link #firstTime} to claim the event in the transaction that applies it; when the claim fails, nothing is applied.
 */
@Entity
@Table(name = "processed_event")
public class ProcessedEvent extends PanacheEntityBase {
    @Id
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "processed_at")
    public Instant processedAt;

    /**
     * True when the event is new, and it is now recorded in the caller's transaction; false when it was handled
     * already (or is being handled by a concurrent transaction, which then wins): the caller applies nothing.
     */
    public static Uni<Boolean> firstTime(String eventId) {
        return Panache.getSession().chain(session -> session.createMutationQuery(
                "insert into ProcessedEvent (eventId, processedAt) values (:id, :at) on conflict do nothing")
                .setParameter("id", eventId).setParameter("at", Instant.now()).executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /** Which of these events were handled already. */
    public static Uni<Set<String>> seen(Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return ProcessedEvent.<ProcessedEvent>list("eventId in ?1", eventIds)
                .map(done -> done.stream().map(p -> p.eventId).collect(Collectors.toSet()));
    }

    /** The key under which the write stage records a mailbox op as done (a dead letter's replay forgets it). */
    public static String opKey(String opId) {
        return "op:" + opId;
    }
}
