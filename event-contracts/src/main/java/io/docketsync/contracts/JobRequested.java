package io.docketsync.contracts;

import java.time.LocalDate;

/** On {@link Topics#SYNC_JOBS}, keyed by firm id + user id ({@link UserKey#kafkaKey()}): a job accepted by activity-service for the worker. */
public record JobRequested(String jobId, JobKind kind, String userId, String firmId, LocalDate from, LocalDate to,
        String prefix) {
    public static final String TYPE = "io.docketsync.sync.job-requested.v1";

    public UserKey user() {
        return UserKey.of(firmId, userId);
    }
}
