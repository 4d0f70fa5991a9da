package io.docketsync.sync.persistence;

import io.docketsync.contracts.UserKey;
import io.docketsync.outbox.Sql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A change key Graph answered for one of our writes, recorded as soon as its {@code $batch} answered (see
 * {@link WrittenChanges}), so the write's notification is known as our echo before the wave records the link.
 */
@Entity
@Table(name = "written_change")
public class WrittenChange extends PanacheEntityBase {
    private static final String FORGET = "DELETE FROM written_change WHERE id LIKE $1 ESCAPE '\\'";
    private static final String FORGET_ORM = Sql.ordinal(FORGET);

    @Id
    public String id;
    @Column(name = "written_at")
    public Instant writtenAt;

    public static String id(UserKey user, String eventId, String changeKey) {
        return user.kafkaKey() + "|" + eventId + "|" + changeKey;
    }

    /** True when the event in the user's mailbox holds exactly what we wrote (that change key came from us). */
    public static Uni<Boolean> isOurs(UserKey user, String eventId, String changeKey) {
        if (changeKey == null || eventId == null) {
            return Uni.createFrom().item(Boolean.FALSE);
        }
        return WrittenChange.<WrittenChange>findById(id(user, eventId, changeKey)).map(found -> found != null);
    }

    /** True when one of our recent writes (the last hour) was answered with this event id, whatever it holds now. */
    public static Uni<Boolean> anyFor(UserKey user, String eventId) {
        if (eventId == null) {
            return Uni.createFrom().item(Boolean.FALSE);
        }
        return WrittenChange.count("id like ?1 escape '\\'", ofEvent(user, eventId)).map(n -> n > 0);
    }

    /**
     * The event's link is gone for good (we deleted the event, or the user did and that was judged): its writes are
     * forgotten, so a later deletion notification of it is not taken for one of a create not recorded yet.
     */
    public static Uni<Void> forget(UserKey user, String eventId) {
        if (eventId == null) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(FORGET_ORM)
                .setParameter(1, ofEvent(user, eventId)).executeUpdate()).replaceWithVoid();
    }

    /** {@link #forget(UserKey, String)} in the caller's transaction on the reactive SQL client. */
    public static Uni<Void> forget(SqlClient connection, UserKey user, String eventId) {
        if (eventId == null) {
            return Uni.createFrom().voidItem();
        }
        return Sql.execute(connection, FORGET, Tuple.of(ofEvent(user, eventId))).replaceWithVoid();
    }

    /** The LIKE pattern of every change key recorded for the event. */
    private static String ofEvent(UserKey user, String eventId) {
        return (user.kafkaKey() + "|" + eventId + "|").replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%";
    }
}
