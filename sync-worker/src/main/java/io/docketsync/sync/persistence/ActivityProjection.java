package io.docketsync.sync.persistence;

import io.docketsync.contracts.ActivitySnapshot;
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

    public ActivitySnapshot snapshot() {
        try {
            return EventCodec.mapper().readValue(snapshot, ActivitySnapshot.class);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable activity projection " + activityId + ": " + e.getMessage(), e);
        }
    }
}
