package io.docketsync.sync.persistence;

import io.docketsync.contracts.ActivityChanged;
import io.docketsync.contracts.ActivitySnapshot;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.Origin;
import io.docketsync.outbox.Sql;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

@Entity
@Table(name = "activity_projection")
public class ActivityProjection extends PanacheEntityBase {
    @Id
    @Column(name = "activity_id")
    public String activityId;
    @Column(name = "firm_id")
    public String firmId;
    public long version;
    public boolean deleted;
    public String snapshot;
    @Column(name = "app_modified_at")
    public Instant appModifiedAt;
    /** When the worker took the latest change (its own clock), whoever made it. */
    @Column(name = "received_at")
    public Instant receivedAt;

    /** What {@link #take(SqlClient, ActivityChanged, Origin)} made of a change. */
    public enum Taken {
        /** The activity was not projected before: this is its first version here. */
        FIRST,
        /** The change's version replaced the projected one. */
        REPLACED,
        /** A newer version was projected already: the change was left alone. */
        STALE
    }

    /**
     * The change's version becomes the projection unless a newer one is projected already; a change made in the
     * application also dates the activity. One statement in the caller's transaction on the reactive SQL client.
     */
    public static Uni<Taken> take(SqlClient connection, ActivityChanged change, Origin origin) {
        boolean fromApp = origin == null || origin.kind() != Origin.Kind.OFFICE365;
        ActivitySnapshot a = change.activity();
        OffsetDateTime appModifiedAt = fromApp && a.updatedAt() != null ? a.updatedAt().atOffset(ZoneOffset.UTC) : null;
        return Sql.execute(connection, """
                INSERT INTO activity_projection (activity_id, firm_id, version, deleted, snapshot, app_modified_at,
                                                 received_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT (activity_id) DO UPDATE SET firm_id = excluded.firm_id, version = excluded.version,
                    deleted = excluded.deleted, snapshot = excluded.snapshot, received_at = excluded.received_at,
                    app_modified_at = CASE WHEN $8 THEN excluded.app_modified_at
                        ELSE activity_projection.app_modified_at END
                WHERE activity_projection.version <= excluded.version
                RETURNING xmax = 0 AS inserted""", Tuple.from(new Object[] {a.id(), a.firmId(), a.version(),
                        change.changeType() == ActivityChanged.ChangeType.DELETED, EventCodec.toJson(a), appModifiedAt,
                        OffsetDateTime.now(ZoneOffset.UTC), fromApp}))
                .map(rows -> rows.rowCount() == 0 ? Taken.STALE
                        : rows.iterator().next().getBoolean(0) ? Taken.FIRST : Taken.REPLACED);
    }

    public ActivitySnapshot snapshot() {
        try {
            return EventCodec.mapper().readValue(snapshot, ActivitySnapshot.class);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable activity projection " + activityId + ": " + e.getMessage(), e);
        }
    }
}
