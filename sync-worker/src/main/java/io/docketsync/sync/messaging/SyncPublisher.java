package io.docketsync.sync.messaging;

import io.docketsync.contracts.UserKey;
import io.docketsync.contracts.ActivityChanged;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.JobProgress;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.MailboxOp;
import io.docketsync.contracts.SettingsApplied;
import io.docketsync.contracts.SyncState;
import io.docketsync.contracts.SyncStatusChanged;
import io.docketsync.contracts.Topics;
import io.docketsync.outbox.Outbox;
import io.docketsync.sync.domain.PushPlan;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/** What the worker announces, through the outbox in the caller's transaction. */
@ApplicationScoped
public class SyncPublisher {
    static final String SOURCE = "/docketsync/sync-worker";

    @Inject
    Outbox outbox;

    /** The plan's writes, keyed by mailbox (firm + user), and its pending users' statuses, keyed by activity. */
    public Uni<Void> plan(EventEnvelope<ActivityChanged> cause, PushPlan plan) {
        String activityId = cause.data.activity().id();
        long version = cause.data.activity().version();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (MailboxOp op : plan.ops()) {
            chain = chain.chain(() -> op(cause.firmId, cause.origin(), op));
        }
        for (PushPlan.Pending p : plan.pending()) {
            chain = chain.chain(() -> status(cause.firmId, new SyncStatusChanged(activityId, p.userId(),
                    p.state(), p.reason(), null, version, Instant.now())));
        }
        return chain;
    }

    public Uni<Void> op(String firmId, Origin origin, MailboxOp op) {
        return outbox.append(Topics.MAILBOX_OPS, UserKey.of(firmId, op.userId()).kafkaKey(),
                EventEnvelope.of(SOURCE, MailboxOp.TYPE, op.activityId(), firmId, origin, op));
    }

    public Uni<Void> progress(String firmId, JobProgress progress) {
        return outbox.append(Topics.SYNC_STATUS, progress.jobId(),
                EventEnvelope.of(SOURCE, JobProgress.TYPE, progress.jobId(), firmId, null, progress));
    }

    public Uni<Void> settingsApplied(SettingsApplied applied) {
        return outbox.append(Topics.SYNC_STATUS, applied.firmId(), EventEnvelope.of(SOURCE, SettingsApplied.TYPE,
                applied.firmId(), applied.firmId(), null, applied));
    }

    public Uni<Void> status(String firmId, SyncStatusChanged status) {
        return outbox.append(Topics.SYNC_STATUS, status.activityId(),
                EventEnvelope.of(SOURCE, SyncStatusChanged.TYPE, status.activityId(), firmId, null, status));
    }
}
