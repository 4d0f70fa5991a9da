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
import java.util.List;
import java.util.Set;

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
        // native SQL: Hibernate translates an HQL insert again at every execution, the most frequent statement here
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "insert into processed_event (event_id, processed_at) values (:id, :at) on conflict do nothing")
                .setParameter("id", eventId).setParameter("at", Instant.now()).executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /** Which of these events were handled already. */
    public static Uni<Set<String>> seen(Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        // native SQL: an HQL query with a list parameter is translated again at every execution (never plan-cached)
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "select event_id from processed_event where event_id in (:ids)", String.class)
                .setParameter("ids", List.copyOf(eventIds)).getResultList())
                .map(Set::copyOf);
    }

    /** The key under which the write stage records a mailbox op as done (a dead letter's replay forgets it). */
    public static String opKey(String opId) {
        return "op:" + opId;
    }
}
