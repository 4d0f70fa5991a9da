package io.docketsync.outbox;

import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.EventEnvelope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Records an event in the caller's transaction. Call it inside {@code Panache.withTransaction(...)} after the
 * state change: the session is flushed first, so the changed row is locked before the event gets its place in
 * the publishing order, and two transactions changing the same aggregate queue their events in commit order.
 *
 * <p>However many events, they are one multi-row INSERT (its rows take their {@code seq} in list order); the
 * table's trigger notifies the relays when the transaction commits.
 *
 * <p>A caller that works on the reactive SQL client instead of a Hibernate session appends with
 * {@link #append(SqlClient, List)} on its own connection (in its transaction, if it has one).
 */
@ApplicationScoped
public class Outbox {
    private static final int COLUMNS = 6;
    /** PostgreSQL takes at most 65535 parameters in one statement. */
    static final int MAX_ROWS_PER_INSERT = 65535 / COLUMNS;

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
        return Panache.getSession().chain(session -> session.flush().chain(() -> insert(session, events)));
    }

    /**
     * {@link #append(String, String, EventEnvelope)} for a caller that has just flushed its session and changed
     * nothing since (the flush's purpose is served): saves a second flush.
     */
    public Uni<Void> appendFlushed(String topic, String key, EventEnvelope<?> event) {
        List<ExportedEvent> events = List.of(new ExportedEvent(topic, key, event));
        return Panache.getSession().chain(session -> insert(session, events));
    }

    /**
     * {@link #append(List)} on the reactive SQL client: the events are inserted on this connection, after whatever
     * it changed before (so in the caller's transaction and publishing order when it holds one).
     */
    public Uni<Void> append(SqlClient connection, List<ExportedEvent> events) {
        return inserts(events, OffsetDateTime.now(ZoneOffset.UTC),
                (sql, values) -> Sql.execute(connection, sql, Tuple.from(values)));
    }

    private static Uni<Void> insert(org.hibernate.reactive.mutiny.Mutiny.Session session, List<ExportedEvent> events) {
        return inserts(events, Instant.now(), (sql, values) -> {
            var query = session.createNativeQuery(Sql.ordinal(sql));
            for (int i = 0; i < values.size(); i++) {
                query.setParameter(i + 1, values.get(i));
            }
            return query.executeUpdate();
        });
    }

    /** The events in INSERTs of at most {@link #MAX_ROWS_PER_INSERT} rows, each executed with its values in order. */
    private static Uni<Void> inserts(List<ExportedEvent> events, Object createdAt,
            BiFunction<String, List<Object>, Uni<?>> execute) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int from = 0; from < events.size(); from += MAX_ROWS_PER_INSERT) {
            List<ExportedEvent> part = events.subList(from, Math.min(events.size(), from + MAX_ROWS_PER_INSERT));
            chain = chain.chain(() -> {
                List<Object> values = new ArrayList<>(part.size() * COLUMNS);
                for (ExportedEvent e : part) {
                    EventEnvelope<?> event = e.event();
                    values.add(UUID.fromString(event.id));
                    values.add(e.topic());
                    values.add(e.key());
                    values.add(event.type);
                    values.add(EventCodec.toJson(event));
                    values.add(createdAt);
                }
                return execute.apply(insertOf(part.size()), values).replaceWithVoid();
            });
        }
        return chain;
    }

    /** {@code INSERT … VALUES ($1, …, $6), ($7, …)}: one statement for {@code rows} events. */
    static String insertOf(int rows) {
        StringBuilder sql = new StringBuilder(
                "INSERT INTO outbox_event (event_id, topic, message_key, event_type, payload, created_at) VALUES ");
        int p = 1;
        for (int r = 0; r < rows; r++) {
            sql.append(r == 0 ? "(" : ", (");
            for (int c = 0; c < COLUMNS; c++) {
                sql.append(c == 0 ? "" : ", ").append('$').append(p++);
            }
            sql.append(')');
        }
        return sql.toString();
    }
}
