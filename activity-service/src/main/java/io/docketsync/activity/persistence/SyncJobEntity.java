package io.docketsync.activity.persistence;

import io.docketsync.contracts.JobKind;
import io.docketsync.contracts.JobProgress;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/** A push or import job accepted for a user; the sync-worker reports its progress. */
@Entity
@Table(name = "sync_job")
public class SyncJobEntity extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "firm_id")
    public String firmId;
    @Column(name = "user_id")
    public String userId;
    @Enumerated(EnumType.STRING)
    public JobKind kind;
    @Column(name = "from_date")
    public LocalDate fromDate;
    @Column(name = "to_date")
    public LocalDate toDate;
    public String prefix;
    @Enumerated(EnumType.STRING)
    public JobProgress.State state;
    public int total;
    public int done;
    public int failed;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "requested_at")
    public Instant requestedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
