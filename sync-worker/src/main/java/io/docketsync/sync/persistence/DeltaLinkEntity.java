package io.docketsync.sync.persistence;

import io.docketsync.contracts.UserKey;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;

/** A mailbox's last calendarView delta link: the next repair reads only what changed since. */
@Entity
@Table(name = "delta_link")
@IdClass(UserKey.class)
public class DeltaLinkEntity extends PanacheEntityBase {
    @Id
    @Column(name = "firm_id")
    public String firmId;
    @Id
    @Column(name = "user_id")
    public String userId;
    public String mailbox;
    @Column(name = "delta_link")
    public String deltaLink;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
