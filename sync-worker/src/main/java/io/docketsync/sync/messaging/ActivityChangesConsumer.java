package io.docketsync.sync.messaging;

import io.docketsync.contracts.ActivityChanged;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.FirmUser;
import io.docketsync.contracts.Office365Settings;
import io.docketsync.sync.domain.EventLink;
import io.docketsync.sync.domain.Mailbox;
import io.docketsync.sync.domain.PushPlan;
import io.docketsync.sync.domain.PushPlanner;
import io.docketsync.sync.persistence.ActivityProjection;
import io.docketsync.sync.persistence.EventLinkEntity;
import io.docketsync.sync.persistence.FirmProjection;
import io.docketsync.sync.persistence.MailboxConnectionEntity;
import io.docketsync.sync.persistence.ProcessedEvent;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The plan stage: every activity change becomes the mailbox writes it needs (on sync.mailbox-ops.v1, keyed by
 * mailbox owner) and the pending statuses of users who cannot be written to yet, committed with the projection
 * update in one transaction. A replayed or stale event plans nothing.
 */
@ApplicationScoped
public class ActivityChangesConsumer {
    @Inject
    SyncPublisher publisher;

    @Incoming("activity-changes")
    @WithTransaction
    public Uni<Void> onActivityChanged(String json) {
        EventEnvelope<ActivityChanged> event = EventCodec.fromJson(json, ActivityChanged.class);
        return ProcessedEvent.firstTime(event.id).chain(first -> first ? plan(event) : Uni.createFrom().voidItem());
    }

    private Uni<Void> plan(EventEnvelope<ActivityChanged> event) {
        ActivityChanged change = event.data;
        String activityId = change.activity().id();
        return ActivityProjection.<ActivityProjection>findById(activityId).chain(found -> {
            if (found != null && found.version > change.activity().version()) {
                return Uni.createFrom().voidItem(); // a newer version was planned already
            }
            ActivityProjection p = found == null ? new ActivityProjection() : found;
            p.activityId = activityId;
            p.firmId = change.activity().firmId();
            p.version = change.activity().version();
            p.deleted = change.changeType() == ActivityChanged.ChangeType.DELETED;
            p.snapshot = EventCodec.toJson(change.activity());
            if (event.origin() == null || event.origin().kind() != io.docketsync.contracts.Origin.Kind.OFFICE365) {
                p.appModifiedAt = change.activity().updatedAt();
            }
            return p.persist()
                    .chain(() -> FirmProjection.<FirmProjection>findById(p.firmId))
                    .chain(firm -> MailboxConnectionEntity.<MailboxConnectionEntity>list("firmId", p.firmId)
                            .chain(connections -> EventLinkEntity.<EventLinkEntity>list("id.activityId", activityId)
                                    .chain(links -> publish(event, firm, connections, links))));
        });
    }

    private Uni<Void> publish(EventEnvelope<ActivityChanged> event, FirmProjection firm,
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
            mailboxes.put(c.userId, new Mailbox(c.userId, c.state, c.mailbox));
        }
        List<EventLink> current = links.stream().map(EventLinkEntity::toDomain).toList();
        PushPlan plan = PushPlanner.plan(event.data, event.origin(), settings, mailboxes, emails, current);
        return publisher.plan(event, plan);
    }
}
