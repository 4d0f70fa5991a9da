package io.docketsync.activity.service;

import io.docketsync.activity.domain.Projections;
import io.docketsync.activity.persistence.ConnectionEntity;
import io.docketsync.activity.persistence.FirmDirectory;
import io.docketsync.activity.persistence.FirmSettingsEntity;
import io.docketsync.activity.persistence.FirmUserEntity;
import io.docketsync.activity.persistence.HistoryEntity;
import io.docketsync.activity.persistence.SettingsAppliedEntity;
import io.docketsync.activity.persistence.SyncJobEntity;
import io.docketsync.activity.persistence.SyncStatusEntity;
import io.docketsync.contracts.ConnectionChanged;
import io.docketsync.contracts.FirmUser;
import io.docketsync.contracts.JobProgress;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.SettingsApplied;
import io.docketsync.contracts.SettingsChanged;
import io.docketsync.contracts.SyncState;
import io.docketsync.contracts.SyncStatusChanged;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps what this service knows of other services' state, from their topics: each firm's push defaults and users
 * with permissions (settings.changes.v1), each user's connection (connections.v1), each user's sync state of an
 * activity, each job's progress and the settings version the sync-worker applied (sync.status.v1). Whether a record
 * is kept is {@link Projections}'; every method runs in the caller's transaction but a sync state's, which is kept in
 * a transaction of its own. A change of a firm's settings, users or connections has every instance forget what it
 * keeps of the firm ({@link FirmDirectory}) once it commits.
 */
@ApplicationScoped
public class ProjectionService {
    @Inject
    Pool pool;
    @Inject
    FirmDirectory directory;

    /** Every record is the firm's whole state, so it replaces what was kept (users included). */
    public Uni<Void> settingsChanged(SettingsChanged s) {
        return FirmSettingsEntity.<FirmSettingsEntity>findById(s.firmId()).chain(found -> {
            if (!Projections.settingsReplace(found == null ? null : found.version, s.version())) {
                return Uni.createFrom().voidItem();
            }
            FirmSettingsEntity f = found == null ? new FirmSettingsEntity() : found;
            f.firmId = s.firmId();
            f.alwaysPushAppointments = s.settings().alwaysPushAppointments();
            f.alwaysPushTasks = s.settings().alwaysPushTasks();
            f.version = s.version();
            return f.persist()
                    .chain(() -> FirmUserEntity.<FirmUserEntity>list("firmId", s.firmId()))
                    .chain(kept -> replaceUsers(s, kept))
                    .chain(() -> directory.changed(s.firmId()));
        });
    }

    /**
     * The firm's users made what the record lists, writing only the rows that changed: a firm of hundreds gains its
     * users one at a time, and rewriting them all at each step cost O(users²) rows.
     */
    private static Uni<Void> replaceUsers(SettingsChanged s, List<FirmUserEntity> kept) {
        Map<String, FirmUser> listed = new LinkedHashMap<>();
        for (FirmUser u : s.users() == null ? List.<FirmUser>of() : s.users()) {
            listed.put(u.userId(), u);
        }
        Uni<Void> removed = Uni.createFrom().voidItem();
        for (FirmUserEntity k : kept) {
            FirmUser now = listed.remove(k.userId);
            if (now == null) {
                removed = removed.chain(() -> k.delete());
            } else {
                k.set(now); // managed: flushed only when something changed
            }
        }
        List<FirmUserEntity> added = listed.values().stream().map(u -> FirmUserEntity.of(s.firmId(), u)).toList();
        // not persist() of nothing: Panache (3.34) combines one Uni per persistence unit of the entities given, and
        // Mutiny 3 refuses a combination of none ("The Uni set is empty"): the record would go unapplied to its DLQ
        return added.isEmpty() ? removed : removed.chain(() -> FirmUserEntity.persist(added));
    }

    /** A connection (userId, firmId and state present); {@code since} absent counts as the beginning of time. */
    public Uni<Void> connectionChanged(ConnectionChanged c) {
        Instant since = c.since() == null ? Instant.EPOCH : c.since();
        String key = c.firmId() + "/" + c.userId();
        return ConnectionEntity.<ConnectionEntity>findById(key).chain(found -> {
            if (!Projections.replaces(found == null ? null : found.since, since)) {
                return Uni.createFrom().voidItem();
            }
            ConnectionEntity e = found == null ? new ConnectionEntity() : found;
            e.id = key;
            e.firmId = c.firmId();
            e.userId = c.userId();
            e.state = c.state();
            e.mailbox = c.mailbox();
            e.since = since;
            e.lastError = c.lastError();
            return e.persist().chain(() -> directory.changed(c.firmId()));
        });
    }

    /**
     * A user's sync state of an activity, kept unless a later report is kept already; a failure, and the recovery
     * from one, are also lines of the activity's history. A transaction of its own on the reactive SQL client: every
     * write to a mailbox reports one, and Hibernate's work per statement cost more than the statements.
     */
    public Uni<Void> syncStatusChanged(SyncStatusChanged s) {
        Instant at = s.at() == null ? Instant.EPOCH : s.at();
        return pool.withTransaction(c -> SyncStatusEntity.kept(c, SyncStatusEntity.key(s.activityId(), s.userId()))
                .chain(kept -> {
                    if (!Projections.replaces(kept == null ? null : kept.at(), at)) {
                        return Uni.createFrom().voidItem();
                    }
                    return SyncStatusEntity.keep(c, s, at).chain(keptNow -> keptNow
                            ? syncHistory(c, s, kept == null ? null : kept.state()) : Uni.createFrom().voidItem());
                }));
    }

    private static Uni<Void> syncHistory(SqlConnection c, SyncStatusChanged s, SyncState before) {
        var line = Projections.syncHistory(before, s.state(), s.reason());
        if (line.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return HistoryEntity.append(c, s.activityId(), new Origin(Origin.Kind.SYSTEM, s.userId(), null, null),
                line.get().action(), line.get().failed() ? HistoryEntity.Outcome.FAILED : HistoryEntity.Outcome.APPLIED,
                line.get().detail(), s.activityVersion());
    }

    /** The firm settings version the sync-worker applied (firmId present): only ever forward. */
    public Uni<Void> settingsApplied(SettingsApplied s) {
        var key = new SettingsAppliedEntity.Key(s.firmId(), SettingsAppliedEntity.SYNC_WORKER);
        return SettingsAppliedEntity.<SettingsAppliedEntity>findById(key).chain(found -> {
            if (!Projections.advances(found == null ? null : found.version, s.version())) {
                return Uni.createFrom().voidItem();
            }
            SettingsAppliedEntity e = found == null ? new SettingsAppliedEntity() : found;
            e.id = key;
            e.version = s.version();
            e.appliedAt = s.at() == null ? Instant.now() : s.at();
            return e.persist().replaceWithVoid();
        });
    }

    /** A job's progress (jobId present); a job this database does not have changes nothing. */
    public Uni<Void> jobProgress(JobProgress p) {
        Instant at = p.at() == null ? Instant.now() : p.at();
        return SyncJobEntity.<SyncJobEntity>findById(p.jobId()).chain(j -> {
            // a job of another service instance's database, or one older than what is kept
            if (j == null || !Projections.replaces(j.updatedAt, at)) {
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
}
