package io.docketsync.activity.persistence;

import io.docketsync.contracts.SyncState;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

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
}
