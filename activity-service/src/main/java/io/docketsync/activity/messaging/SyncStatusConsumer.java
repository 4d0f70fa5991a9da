package io.docketsync.activity.messaging;

import io.docketsync.activity.service.ProjectionService;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.JobProgress;
import io.docketsync.contracts.SettingsApplied;
import io.docketsync.contracts.SyncStatusChanged;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * sync.status.v1 carries three kinds of event: a user's sync state of an activity, a job's progress, and the firm
 * settings version the sync-worker applied. Each is decoded here and kept by {@link ProjectionService} when it is
 * not older than what is kept, so redelivery and reordering across restarts are harmless.
 */
@ApplicationScoped
public class SyncStatusConsumer {
    @Inject
    ProjectionService projections;

    /** A sync state is kept in a transaction of its own ({@link ProjectionService#syncStatusChanged}). */
    @Incoming("sync-status")
    public Uni<Void> onStatus(String json) {
        String type = EventCodec.typeOf(json); // read up to the type only: the event itself is read once, below
        if (SyncStatusChanged.TYPE.equals(type)) {
            SyncStatusChanged s = EventCodec.fromJson(json, SyncStatusChanged.class).data;
            if (s == null || s.activityId() == null || s.userId() == null || s.state() == null) {
                throw new EventCodec.MalformedEventException("a sync status needs activityId, userId and state", null);
            }
            return projections.syncStatusChanged(s);
        }
        if (JobProgress.TYPE.equals(type)) {
            JobProgress p = EventCodec.fromJson(json, JobProgress.class).data;
            if (p == null || p.jobId() == null) {
                throw new EventCodec.MalformedEventException("job progress needs a jobId", null);
            }
            return Panache.withTransaction(() -> projections.jobProgress(p));
        }
        if (SettingsApplied.TYPE.equals(type)) {
            SettingsApplied s = EventCodec.fromJson(json, SettingsApplied.class).data;
            if (s == null || s.firmId() == null) {
                throw new EventCodec.MalformedEventException("settings applied needs a firmId", null);
            }
            return Panache.withTransaction(() -> projections.settingsApplied(s));
        }
        return Uni.createFrom().voidItem(); // a kind of status this service does not show
    }
}
