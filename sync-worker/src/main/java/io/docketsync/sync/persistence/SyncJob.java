package io.docketsync.sync.persistence;

import io.docketsync.contracts.JobKind;
import io.docketsync.contracts.JobProgress;
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

    /**
     * Ops of the job written ({@code done}) or failed; the job completes when every op is one or the other. One
     * statement in the caller's transaction on the reactive SQL client: the update locks the row (a job's ops may
     * span mailboxes recorded by several consumers at once) and answers the job's progress after the count; null
     * when there is no such job.
     */
    public static Uni<JobProgress> count(SqlClient connection, String jobId, int done, int failed) {
        return Sql.execute(connection, """
                UPDATE sync_job SET done = done + $2, failed = failed + $3,
                    state = CASE WHEN done + $2 + failed + $3 >= total THEN 'COMPLETED' ELSE state END,
                    updated_at = now()
                WHERE job_id = $1
                RETURNING job_id, kind, user_id, total, done, failed, state, last_error, updated_at""",
                Tuple.of(jobId, done, failed)).map(rows -> {
                    if (rows.rowCount() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new JobProgress(r.getString("job_id"), JobKind.valueOf(r.getString("kind")),
                            r.getString("user_id"), r.getInteger("total"), r.getInteger("done"),
                            r.getInteger("failed"), JobProgress.State.valueOf(r.getString("state")),
                            r.getString("last_error"), r.getOffsetDateTime("updated_at").toInstant());
                });
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
