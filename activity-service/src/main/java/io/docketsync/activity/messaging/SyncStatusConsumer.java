package io.docketsync.activity.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.docketsync.activity.persistence.SyncJobEntity;
import io.docketsync.activity.persistence.SyncStatusEntity;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.SyncState;
import io.docketsync.contracts.Origin;
import io.docketsync.activity.persistence.ActivityEntity;
import io.docketsync.activity.persistence.HistoryEntity;
import io.docketsync.contracts.JobProgress;
import io.docketsync.contracts.SettingsApplied;
import io.docketsync.activity.persistence.SettingsAppliedEntity;
import io.docketsync.contracts.SyncStatusChanged;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * sync.status.v1 carries three kinds of event: a user's sync state of an activity, a job's progress, and the firm
 * settings version the sync-worker applied. Each
 * is kept when it is not older than what is kept, so redelivery and reordering across restarts are harmless.
 */
@ApplicationScoped
public class SyncStatusConsumer {

    @Incoming("sync-status")
    @WithTransaction
    public Uni<Void> onStatus(String json) {
        String type = type(json);
        if (SyncStatusChanged.TYPE.equals(type)) {
            return activityStatus(EventCodec.fromJson(json, SyncStatusChanged.class).data);
        }
        if (JobProgress.TYPE.equals(type)) {
            return jobProgress(EventCodec.fromJson(json, JobProgress.class).data);
        }
        if (SettingsApplied.TYPE.equals(type)) {
            return settingsApplied(EventCodec.fromJson(json, SettingsApplied.class).data);
        }
        return Uni.createFrom().voidItem(); // a kind of status this service does not show
    }

    private static Uni<Void> activityStatus(SyncStatusChanged s) {
        if (s == null || s.activityId() == null || s.userId() == null || s.state() == null) {
            throw new EventCodec.MalformedEventException("a sync status needs activityId, userId and state", null);
        }
        Instant at = s.at() == null ? Instant.EPOCH : s.at();
        String key = SyncStatusEntity.key(s.activityId(), s.userId());
        return SyncStatusEntity.<SyncStatusEntity>findById(key).chain(found -> {
            if (found != null && found.at.isAfter(at)) {
                return Uni.createFrom().voidItem();
            }
            Uni<Void> history = failureHistory(s, found == null ? null : found.state);
            SyncStatusEntity e = found == null ? new SyncStatusEntity() : found;
            e.id = key;
            e.activityId = s.activityId();
            e.userId = s.userId();
            e.state = s.state();
            e.reason = s.reason();
            e.activityVersion = s.activityVersion();
            e.at = at;
            return e.persist().chain(() -> history);
        });
    }

    /**
     * A user's sync failing, and their sync working again after a failure, are lines of the activity's history (the
     * status itself keeps only the latest): what went wrong stays visible after it is fixed.
     */
    private static Uni<Void> failureHistory(SyncStatusChanged s, SyncState before) {
        boolean failed = s.state() == SyncState.FAILED && before != SyncState.FAILED;
        boolean recovered = before == SyncState.FAILED && s.state() == SyncState.LINKED;
        if (!failed && !recovered) {
            return Uni.createFrom().voidItem();
        }
        return ActivityEntity.<ActivityEntity>findById(s.activityId()).chain(a -> a == null
                ? Uni.createFrom().voidItem()
                : HistoryEntity.of(a.id, a.firmId, new Origin(Origin.Kind.SYSTEM, s.userId(), null, null),
                        failed ? "SYNC_FAILED" : "SYNC_RECOVERED",
                        failed ? HistoryEntity.Outcome.FAILED : HistoryEntity.Outcome.APPLIED,
                        failed ? s.reason() : "in the user's calendar again", s.activityVersion()).persist()
                        .replaceWithVoid());
    }

    /** Only ever forward: a redelivered older version changes nothing. */
    private static Uni<Void> settingsApplied(SettingsApplied s) {
        if (s == null || s.firmId() == null) {
            throw new EventCodec.MalformedEventException("settings applied needs a firmId", null);
        }
        var key = new SettingsAppliedEntity.Key(s.firmId(), SettingsAppliedEntity.SYNC_WORKER);
        return SettingsAppliedEntity.<SettingsAppliedEntity>findById(key).chain(found -> {
            if (found != null && found.version >= s.version()) {
                return Uni.createFrom().voidItem();
            }
            SettingsAppliedEntity e = found == null ? new SettingsAppliedEntity() : found;
            e.id = key;
            e.version = s.version();
            e.appliedAt = s.at() == null ? Instant.now() : s.at();
            return e.persist().replaceWithVoid();
        });
    }

    private static Uni<Void> jobProgress(JobProgress p) {
        if (p == null || p.jobId() == null) {
            throw new EventCodec.MalformedEventException("job progress needs a jobId", null);
        }
        Instant at = p.at() == null ? Instant.now() : p.at();
        return SyncJobEntity.<SyncJobEntity>findById(p.jobId()).chain(j -> {
            // a job of another service instance's database, or one older than what is kept
            if (j == null || j.updatedAt.isAfter(at)) {
                return Uni.createFrom().voidItem();
            }
            j.total = p.total();
            j.done = p.done();
            j.failed = p.failed();
            j.state = p.state() == null ? j.state : p.state();
            j.lastError = p.lastError();
            j.updatedAt = at;
            return j.persist().replaceWithVoid();
        });
    }

    private static String type(String json) {
        try {
            JsonNode node = EventCodec.mapper().readTree(json);
            return node == null ? null : node.path("type").asText(null);
        } catch (Exception e) {
            throw new EventCodec.MalformedEventException("not a JSON event: " + e.getMessage(), e);
        }
    }
}
