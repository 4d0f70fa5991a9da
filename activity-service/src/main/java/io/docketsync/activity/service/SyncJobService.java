package io.docketsync.activity.service;

import io.docketsync.activity.domain.JobRange;
import io.docketsync.activity.persistence.FirmDirectory;
import io.docketsync.activity.persistence.SyncJobEntity;
import io.docketsync.api.Caller;
import io.docketsync.api.ProblemException;
import io.docketsync.contracts.JobKind;
import io.docketsync.contracts.JobProgress;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;

/**
 * "Push my calendar to 365" and "Import from 365" for the caller: a job is stored QUEUED and announced on
 * sync.jobs.v1 (outbox) in the caller's transaction; the sync-worker reports its progress on sync.status.v1.
 * A job is its requester's: another user's (or firm's) is 404.
 */
@ApplicationScoped
public class SyncJobService {
    @Inject
    JobPublisher publisher;
    @Inject
    FirmDirectory directory;

    /** Accepts a job of a range already checked, when the caller is an active user of the firm (else 403). */
    public Uni<SyncJobEntity> accept(Caller caller, JobKind kind, JobRange range, String prefix) {
        SyncJobEntity j = new SyncJobEntity();
        j.id = UUID.randomUUID().toString();
        j.firmId = caller.firmId();
        j.userId = caller.userId();
        return directory.firm(j.firmId).chain(firm -> {
            CallerChecks.requireActiveUser(firm, j.userId);
            j.kind = kind;
            j.fromDate = range.from();
            j.toDate = range.to();
            j.prefix = prefix;
            j.state = JobProgress.State.QUEUED;
            j.requestedAt = Instant.now();
            j.updatedAt = j.requestedAt;
            return j.persist().chain(() -> publisher.requested(j)).replaceWith(j);
        });
    }

    /** The caller's job of that kind, else 404. */
    public Uni<SyncJobEntity> job(Caller caller, String id, JobKind kind) {
        String firmId = caller.firmId();
        String userId = caller.userId();
        return SyncJobEntity.<SyncJobEntity>findById(id).map(j -> {
            if (j == null || j.kind != kind || !j.firmId.equals(firmId) || !j.userId.equals(userId)) {
                throw ProblemException.notFound("no " + (kind == JobKind.PUSH_MY_CALENDAR ? "push" : "import")
                        + " job " + id + " of yours");
            }
            return j;
        });
    }
}
