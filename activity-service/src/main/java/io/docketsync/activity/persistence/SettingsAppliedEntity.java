package io.docketsync.activity.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** The firm settings version another service applied, as it reported it (today: the sync-worker). */
@Entity
@Table(name = "settings_applied")
public class SettingsAppliedEntity extends PanacheEntityBase {
    public static final String SYNC_WORKER = "sync-worker";

    @EmbeddedId
    public Key id;
    public long version;
    @Column(name = "applied_at")
    public Instant appliedAt;

    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "firm_id")
        public String firmId;
        public String consumer;

        public Key() {
        }

        public Key(String firmId, String consumer) {
            this.firmId = firmId;
            this.consumer = consumer;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(firmId, k.firmId) && Objects.equals(consumer, k.consumer);
        }

        @Override
        public int hashCode() {
            return Objects.hash(firmId, consumer);
        }
    }
}
