package io.docketsync.sync.persistence;

import io.docketsync.contracts.ActivityChanged;
import io.docketsync.contracts.ActivitySnapshot;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.EventCodec;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

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

    /** The change's version becomes the projection; a change made in the application also dates the activity. */
    public void take(ActivityChanged change, Origin origin) {
        activityId = change.activity().id();
        firmId = change.activity().firmId();
        version = change.activity().version();
        deleted = change.changeType() == ActivityChanged.ChangeType.DELETED;
        snapshot = EventCodec.toJson(change.activity());
        receivedAt = Instant.now();
        if (origin == null || origin.kind() != Origin.Kind.OFFICE365) {
            appModifiedAt = change.activity().updatedAt();
        }
    }

    public ActivitySnapshot snapshot() {
        try {
            return EventCodec.mapper().readValue(snapshot, ActivitySnapshot.class);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable activity projection " + activityId + ": " + e.getMessage(), e);
        }
    }
}
