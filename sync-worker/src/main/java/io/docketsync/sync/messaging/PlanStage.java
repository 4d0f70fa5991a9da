package io.docketsync.sync.messaging;

import io.docketsync.contracts.ActivityChanged;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.FirmUser;
import io.docketsync.contracts.Office365Settings;
import io.docketsync.contracts.Origin;
import io.docketsync.sync.domain.EventLink;
import io.docketsync.sync.domain.Mailbox;
import io.docketsync.sync.domain.PushPlan;
import io.docketsync.sync.domain.PushPlanner;
import io.docketsync.sync.persistence.ActivityProjection;
import io.docketsync.sync.persistence.EventLinkEntity;
import io.docketsync.sync.persistence.FirmProjection;
import io.docketsync.sync.persistence.MailboxConnectionEntity;
import io.docketsync.sync.persistence.PendingWrite;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Plans one activity version against what the worker knows now (settings, connections, links), publishes the
 * writes and pending statuses, and remembers who is pending so that their reconnection replays the plan.
 * Planning the same version twice is harmless: op ids are stable, and the writer skips ops it has done.
 */
@ApplicationScoped
public class PlanStage {
    private static final Logger LOG = Logger.getLogger(PlanStage.class);

    @Inject
    SyncPublisher publisher;

    public Uni<Void> plan(EventEnvelope<ActivityChanged> event) {
        String activityId = event.data.activity().id();
        return decide(event).invoke(plan -> {
            if (LOG.isDebugEnabled()) {
                LOG.debugf("plan %s v%d (%s, from %s): %s; pending %s", activityId, event.data.activity().version(),
                        event.data.changeType(), event.origin() == null ? null : event.origin().kind(),
                        plan.ops().stream().map(o -> o.op() + " " + o.userId() + (o.eventId() == null ? "" : " " + o.eventId()))
                                .toList(), plan.pending().stream().map(PushPlan.Pending::userId).toList());
            }
        }).chain(plan -> remember(activityId, event.data.activity().firmId(), plan)
                .chain(() -> publisher.plan(event, plan)));
    }

    /** The activity as the worker holds it, as a change to plan again (a replay, a repush, a restore). */
    static EventEnvelope<ActivityChanged> asItStands(ActivityProjection a) {
        return EventEnvelope.of(SyncPublisher.SOURCE, ActivityChanged.TYPE, a.activityId, a.firmId, Origin.system(),
                new ActivityChanged(ActivityChanged.ChangeType.UPDATED, a.snapshot(), List.of()));
    }

    /** The plan for this change against what the worker knows now, without publishing it. */
    public Uni<PushPlan> decide(EventEnvelope<ActivityChanged> event) {
        String firmId = event.data.activity().firmId();
        String activityId = event.data.activity().id();
        return FirmProjection.<FirmProjection>findById(firmId)
                .chain(firm -> MailboxConnectionEntity.<MailboxConnectionEntity>list("firmId", firmId)
                        .chain(connections -> EventLinkEntity.<EventLinkEntity>list("id.activityId", activityId)
                                .map(links -> plan(event, firm, connections, links))));
    }

    private static PushPlan plan(EventEnvelope<ActivityChanged> event, FirmProjection firm,
            List<MailboxConnectionEntity> connections, List<EventLinkEntity> links) {
        Office365Settings settings = firm == null ? Office365Settings.defaults() : firm.settings();
        Map<String, String> emails = new HashMap<>();
        if (firm != null) {
            for (FirmUser u : firm.users()) {
                emails.put(u.userId(), u.email());
            }
        }
        Map<String, Mailbox> mailboxes = new HashMap<>();
        for (MailboxConnectionEntity c : connections) {
            mailboxes.put(c.userId, new Mailbox(c.userId, c.state, c.mailbox, c.lastError));
        }
        List<EventLink> current = links.stream().map(EventLinkEntity::toDomain).toList();
        return PushPlanner.plan(event.data, event.origin(), settings, mailboxes, emails, current);
    }

    /** The plan's users who wait for re-authorisation replace the activity's previous ones. */
    private static Uni<Void> remember(String activityId, String firmId, PushPlan plan) {
        return PendingWrite.delete("id.activityId", activityId).chain(() -> {
            List<PendingWrite> rows = plan.pending().stream().filter(PushPlan.Pending::replayOnReconnect).map(p -> {
                PendingWrite w = new PendingWrite();
                w.id = new PendingWrite.Key(activityId, p.userId());
                w.firmId = firmId;
                w.reason = p.reason();
                w.since = Instant.now();
                return w;
            }).toList();
            return rows.isEmpty() ? Uni.createFrom().voidItem() : PendingWrite.persist(rows);
        });
    }
}
