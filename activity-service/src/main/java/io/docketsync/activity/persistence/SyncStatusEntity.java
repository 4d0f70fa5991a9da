package io.docketsync.activity.persistence;

import io.docketsync.contracts.SyncState;
import io.docketsync.contracts.SyncStatusChanged;
import io.docketsync.outbox.Sql;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.ZoneOffset;

/** One Scheduled For user's sync state of one activity, as the sync-worker last reported it. */
@Entity
@Table(name = "sync_status")
public class SyncStatusEntity extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "activity_id")
    public String activityId;
    @Column(name = "user_id")
    public String userId;
    @Enumerated(EnumType.STRING)
    public SyncState state;
    public String reason;
    @Column(name = "activity_version")
    public long activityVersion;
    public Instant at;

    public static String key(String activityId, String userId) {
        return activityId + "/" + userId;
    }

    /** A state as kept: what it was and when it was reported. */
    public record Kept(SyncState state, Instant at) {
    }

    /**
     * The state kept for this key, locked until the caller's transaction ends, or null when none is kept (reactive
     * SQL client).
     */
    public static Uni<Kept> kept(SqlClient connection, String key) {
        return Sql.execute(connection, "SELECT state, at FROM sync_status WHERE id = $1 FOR UPDATE", Tuple.of(key))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new Kept(SyncState.valueOf(r.getString(0)), r.getOffsetDateTime(1).toInstant());
                });
    }

    /**
     * The reported state is kept, unless a later report is kept already (checked again by the statement: a first
     * report of the key has no row to lock). In the caller's transaction on the reactive SQL client.
     *
     * @return whether it was kept
     */
    public static Uni<Boolean> keep(SqlClient connection, SyncStatusChanged s, Instant at) {
        return Sql.execute(connection, """
                INSERT INTO sync_status (id, activity_id, user_id, state, reason, activity_version, at)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT (id) DO UPDATE SET state = excluded.state, reason = excluded.reason,
                    activity_version = excluded.activity_version, at = excluded.at
                WHERE sync_status.at <= excluded.at""", Tuple.from(new Object[] {key(s.activityId(), s.userId()),
                        s.activityId(), s.userId(), s.state().name(), s.reason(), s.activityVersion(),
                        at.atOffset(ZoneOffset.UTC)})).map(rows -> rows.rowCount() == 1);
    }
}
