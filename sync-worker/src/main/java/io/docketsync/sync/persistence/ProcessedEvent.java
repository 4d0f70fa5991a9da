package io.docketsync.sync.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.docketsync.outbox.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
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

    private static final String FIRST_TIME =
            "INSERT INTO processed_event (event_id, processed_at) VALUES ($1, now()) ON CONFLICT DO NOTHING";
    private static final String FIRST_TIME_ORM = Sql.ordinal(FIRST_TIME);

    /**
     * True when the event is new, and it is now recorded in the caller's transaction; false when it was handled
     * already (or is being handled by a concurrent transaction, which then wins): the caller applies nothing.
     */
    public static Uni<Boolean> firstTime(String eventId) {
        // native SQL: Hibernate translates an HQL insert again at every execution, the most frequent statement here
        return Panache.getSession().chain(session -> session.createNativeQuery(FIRST_TIME_ORM)
                .setParameter(1, eventId).executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /** {@link #firstTime(String)} in the caller's transaction on the reactive SQL client. */
    public static Uni<Boolean> firstTime(SqlClient connection, String eventId) {
        return Sql.execute(connection, FIRST_TIME, Tuple.of(eventId)).map(rows -> rows.rowCount() == 1);
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

    /** {@link #seen(Collection)} on the reactive SQL client (one statement, no session). */
    public static Uni<Set<String>> seen(SqlClient client, Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return Sql.execute(client, "SELECT event_id FROM processed_event WHERE event_id = ANY($1)",
                Tuple.of(eventIds.toArray(String[]::new))).map(rows -> {
                    Set<String> seen = new HashSet<>();
                    rows.forEach(r -> seen.add(r.getString(0)));
                    return seen;
                });
    }

    /** The key under which the write stage records a mailbox op as done (a dead letter's replay forgets it). */
    public static String opKey(String opId) {
        return "op:" + opId;
    }
}
