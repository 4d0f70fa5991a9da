package io.docketsync.sync.persistence;

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

@Entity
@Table(name = "sync_job")
public class SyncJob extends PanacheEntityBase {
    @Id
    @Column(name = "job_id")
    public String jobId;
    @Enumerated(EnumType.STRING)
    public JobKind kind;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "firm_id")
    public String firmId;
    public int total;
    public int done;
    public int failed;
    @Enumerated(EnumType.STRING)
    public JobProgress.State state;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Ops of the job written ({@code done}) or failed; the job completes when every op is one or the other. */
    public void count(int done, int failed) {
        this.done += done;
        this.failed += failed;
        if (this.done + this.failed >= total) {
            state = JobProgress.State.COMPLETED;
        }
        updatedAt = Instant.now();
    }

    /** The job ends now, in this state (and why, when it failed). */
    public void finish(JobProgress.State state, String error) {
        this.state = state;
        this.lastError = error;
        this.updatedAt = Instant.now();
    }

    public JobProgress progress() {
        return new JobProgress(jobId, kind, userId, total, done, failed, state, lastError, updatedAt);
    }
}
