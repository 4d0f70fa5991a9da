package io.docketsync.sync.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
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
