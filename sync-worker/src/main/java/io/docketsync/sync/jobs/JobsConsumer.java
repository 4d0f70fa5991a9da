package io.docketsync.sync.jobs;

import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.JobRequested;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** sync.jobs.v1 → "Push my calendar to 365" and "Import from 365" ({@link JobService}). */
@ApplicationScoped
public class JobsConsumer {
    @Inject
    JobService jobs;

    @Incoming("jobs")
    public Uni<Void> onJobRequested(String json) {
        return jobs.requested(EventCodec.fromJson(json, JobRequested.class).data);
    }
}
