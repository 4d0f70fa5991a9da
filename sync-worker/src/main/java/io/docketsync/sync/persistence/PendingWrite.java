package io.docketsync.sync.persistence;

import io.docketsync.outbox.Sql;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** An activity a user should have in their calendar but could not be given yet. */
@Entity
@Table(name = "pending_write")
public class PendingWrite extends PanacheEntityBase {
    @EmbeddedId
    public Key id;
    @Column(name = "firm_id")
    public String firmId;
    public String reason;
    public Instant since;

    /**
     * The activity waits for this user's reconnection (for this reason, since now), in the caller's transaction on
     * the reactive SQL client.
     */
    public static Uni<Void> waitFor(SqlClient connection, Key key, String firmId, String reason) {
        return Sql.execute(connection, """
                INSERT INTO pending_write (activity_id, user_id, firm_id, reason, since) VALUES ($1, $2, $3, $4, now())
                ON CONFLICT (activity_id, user_id) DO UPDATE SET firm_id = excluded.firm_id, reason = excluded.reason,
                    since = excluded.since""", Tuple.of(key.activityId, key.userId, firmId, reason)).replaceWithVoid();
    }

    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "activity_id")
        public String activityId;
        @Column(name = "user_id")
        public String userId;

        public Key() {
        }

        public Key(String activityId, String userId) {
            this.activityId = activityId;
            this.userId = userId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(activityId, k.activityId) && Objects.equals(userId, k.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(activityId, userId);
        }
    }
}
