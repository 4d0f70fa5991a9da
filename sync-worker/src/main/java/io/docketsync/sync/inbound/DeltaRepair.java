package io.docketsync.sync.inbound;

import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.GraphNotification;
import io.docketsync.contracts.Origin;
import io.docketsync.sync.config.SyncConfig;
import io.docketsync.sync.domain.Calendar;
import io.docketsync.sync.domain.DeltaRound;
import io.docketsync.sync.domain.OfficeEvent;
import io.docketsync.sync.messaging.SyncEvents;
import io.docketsync.sync.persistence.DeltaLinkEntity;
import io.docketsync.sync.persistence.EventLinks;
import io.docketsync.sync.persistence.InOrder;
import io.docketsync.sync.persistence.ProcessedEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Notifications were missed (or the subscription was recreated): the mailbox's delta since the last round is read
 * and every change judged as if notified, with the same rules and command ids, so changes that were notified after
 * all are recognised. A first round (no delta link yet, or an expired one) is a baseline: it reconciles only events
 * already linked, and never turns the mailbox's existing events into activities.
 */
@ApplicationScoped
public class DeltaRepair {
    private static final Logger LOG = Logger.getLogger(DeltaRepair.class);

    @Inject
    Calendar calendar;
    @Inject
    InboundService inbound;
    @Inject
    SyncConfig config;

    public Uni<Void> repair(EventEnvelope<GraphNotification> env) {
        GraphNotification n = env.data;
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return Panache.withSession(() -> ProcessedEvent.seen(Set.of(env.id)).chain(seen -> seen.isEmpty()
                ? DeltaLinkEntity.<DeltaLinkEntity>findById(n.user()).map(stored -> stored == null ? "" : stored.deltaLink)
                : Uni.createFrom().<String>nullItem()))
                .chain(deltaLink -> deltaLink == null ? Uni.createFrom().voidItem()
                        : calendar.delta(n.user(), n.mailbox(), deltaLink.isEmpty() ? null : deltaLink,
                                today.minus(config.deltaWindowBack()), today.plus(config.deltaWindowAhead()))
                                .chain(round -> Panache.withTransaction(() -> ProcessedEvent.firstTime(env.id)
                                        .chain(first -> first ? apply(env, round) : Uni.createFrom().voidItem()))));
    }

    private Uni<Void> apply(EventEnvelope<GraphNotification> cause, DeltaRound round) {
        GraphNotification n = cause.data;
        LOG.infof("delta repair of %s's mailbox: %d changed, %d removed%s", n.user(), round.changed().size(),
                round.removed().size(), round.baseline() ? " (baseline: linked events only)" : "");
        return InOrder.each(round.changed(), e -> EventLinks.of(n.user(), e.eventId()).chain(link -> round.baseline()
                        && link == null ? Uni.createFrom().voidItem()
                                : inbound.judged(asNotification(cause, e.eventId(), "updated"), e,
                                        round.occurrences().getOrDefault(e.eventId(), List.of()))))
                .chain(() -> InOrder.each(round.removed(), id -> inbound.deleted(asNotification(cause, id, "deleted"))))
                .chain(() -> remember(n, round.deltaLink()));
    }

    private static Uni<Void> remember(GraphNotification n, String deltaLink) {
        if (deltaLink == null) {
            return Uni.createFrom().voidItem();
        }
        return DeltaLinkEntity.<DeltaLinkEntity>findById(n.user()).chain(found -> {
            DeltaLinkEntity d = found == null ? new DeltaLinkEntity() : found;
            d.firmId = n.firmId();
            d.userId = n.userId();
            d.mailbox = n.mailbox();
            d.deltaLink = deltaLink;
            d.updatedAt = Instant.now();
            return d.persist().replaceWithVoid();
        });
    }

    /** A change found by delta, judged as the notification that would have announced it. */
    private static EventEnvelope<GraphNotification> asNotification(EventEnvelope<GraphNotification> cause,
            String eventId, String changeType) {
        GraphNotification n = cause.data;
        return EventEnvelope.of(SyncEvents.SOURCE, GraphNotification.TYPE, n.userId(), n.firmId(), Origin.system(),
                new GraphNotification(GraphNotification.Kind.CHANGE, n.userId(), n.firmId(), n.mailbox(),
                        n.subscriptionId(), changeType, null, null, eventId, null, Instant.now()));
    }
}
