package io.docketsync.sync.messaging;

import io.docketsync.contracts.ActivityChanged;
import io.docketsync.contracts.ActivityCommand;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.JobProgress;
import io.docketsync.contracts.MailboxOp;
import io.docketsync.contracts.GraphNotification;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.SettingsApplied;
import io.docketsync.contracts.SyncStatusChanged;
import io.docketsync.contracts.Topics;
import io.docketsync.contracts.UserKey;
import io.docketsync.outbox.ExportedEvent;
import io.docketsync.sync.domain.PushPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Every event the worker announces, each with its topic and key: the one place that decides where they go. */
public final class SyncEvents {
    public static final String SOURCE = "/docketsync/sync-worker";

    private SyncEvents() {
    }

    /** A write for a user's mailbox, keyed by mailbox (firm + user): one mailbox's ops stay in order. */
    public static ExportedEvent op(String firmId, Origin origin, MailboxOp op) {
        return new ExportedEvent(Topics.MAILBOX_OPS, UserKey.of(firmId, op.userId()).kafkaKey(),
                EventEnvelope.of(SOURCE, MailboxOp.TYPE, op.activityId(), firmId, origin, op));
    }

    /** A user's sync status for an activity, keyed by activity. */
    public static ExportedEvent status(String firmId, SyncStatusChanged status) {
        return new ExportedEvent(Topics.SYNC_STATUS, status.activityId(),
                EventEnvelope.of(SOURCE, SyncStatusChanged.TYPE, status.activityId(), firmId, null, status));
    }

    public static ExportedEvent progress(String firmId, JobProgress progress) {
        return new ExportedEvent(Topics.SYNC_STATUS, progress.jobId(),
                EventEnvelope.of(SOURCE, JobProgress.TYPE, progress.jobId(), firmId, null, progress));
    }

    public static ExportedEvent settingsApplied(SettingsApplied applied) {
        return new ExportedEvent(Topics.SYNC_STATUS, applied.firmId(), EventEnvelope.of(SOURCE, SettingsApplied.TYPE,
                applied.firmId(), applied.firmId(), null, applied));
    }

    /**
     * A change of a mailbox's event to be judged by the inbound flow as if Graph had notified it, keyed by mailbox
     * like connector-service's notifications; its id names the event and the moment, so it is judged once.
     */
    public static ExportedEvent notification(String firmId, GraphNotification n) {
        String key = UserKey.of(firmId, n.userId()).kafkaKey();
        return new ExportedEvent(Topics.GRAPH_NOTIFICATIONS, key,
                EventEnvelope.of(SOURCE, GraphNotification.TYPE, n.userId(), firmId, Origin.system(), n));
    }

    /** A change from Office 365 for activity-service, keyed by the activity it changes (or makes). */
    public static ExportedEvent command(String firmId, Origin origin, ActivityCommand command) {
        String key = command.activityId() != null ? command.activityId() : command.newActivityId();
        return new ExportedEvent(Topics.ACTIVITY_COMMANDS, key,
                EventEnvelope.of(SOURCE, ActivityCommand.TYPE, key, firmId, origin, command));
    }

    /** A plan's writes, and its pending users' statuses. */
    public static List<ExportedEvent> plan(EventEnvelope<ActivityChanged> cause, PushPlan plan) {
        String activityId = cause.data.activity().id();
        long version = cause.data.activity().version();
        List<ExportedEvent> events = new ArrayList<>();
        for (MailboxOp op : plan.ops()) {
            events.add(op(cause.firmId, cause.origin(), op));
        }
        for (PushPlan.Pending p : plan.pending()) {
            events.add(status(cause.firmId, new SyncStatusChanged(activityId, p.userId(), p.state(), p.reason(), null,
                    version, Instant.now())));
        }
        return events;
    }
}
