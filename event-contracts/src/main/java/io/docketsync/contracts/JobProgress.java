package io.docketsync.contracts;

import java.time.Instant;

/** On {@link Topics#SYNC_STATUS}, keyed by job id: how far a job is. */
public record JobProgress(String jobId, JobKind kind, String userId, int total, int done, int failed, State state,
        String lastError, Instant at) {
    public static final String TYPE = "io.docketsync.sync.job-progress.v1";

    public enum State { QUEUED, RUNNING, COMPLETED, FAILED }
}
