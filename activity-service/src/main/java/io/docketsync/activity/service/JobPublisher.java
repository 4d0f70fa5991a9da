package io.docketsync.activity.service;

import io.docketsync.activity.persistence.SyncJobEntity;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.JobRequested;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.Topics;
import io.docketsync.contracts.UserKey;
import io.docketsync.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Announces an accepted job on sync.jobs.v1 (keyed by user id) through the outbox, in the caller's transaction. */
@ApplicationScoped
public class JobPublisher {
    @Inject
    Outbox outbox;

    public Uni<Void> requested(SyncJobEntity j) {
        return outbox.append(Topics.SYNC_JOBS, UserKey.of(j.firmId, j.userId).kafkaKey(), EventEnvelope.of(ActivityPublisher.SOURCE, JobRequested.TYPE,
                j.id, j.firmId, Origin.app(j.userId),
                new JobRequested(j.id, j.kind, j.userId, j.firmId, j.fromDate, j.toDate, j.prefix)));
    }
}
