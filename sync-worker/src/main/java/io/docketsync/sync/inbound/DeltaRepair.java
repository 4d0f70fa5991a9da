package io.docketsync.sync.inbound;

import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.GraphNotification;
import io.docketsync.contracts.Origin;
import io.docketsync.sync.config.SyncConfig;
import io.docketsync.sync.domain.Calendar;
import io.docketsync.sync.domain.DeltaRound;
import io.docketsync.sync.domain.OfficeEvent;
import io.docketsync.sync.messaging.SyncEvents;
import io.docketsync.sync.persistence.ActivityProjection;
import io.docketsync.sync.persistence.DeltaLinkEntity;
import io.docketsync.sync.persistence.EventLinkEntity;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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
        LocalDate from = today.minus(config.deltaWindowBack());
        LocalDate to = today.plus(config.deltaWindowAhead());
        return Panache.withSession(() -> ProcessedEvent.seen(Set.of(env.id)).chain(seen -> seen.isEmpty()
                ? DeltaLinkEntity.<DeltaLinkEntity>findById(n.user()).map(stored -> stored == null ? "" : stored.deltaLink)
                : Uni.createFrom().<String>nullItem()))
                .chain(deltaLink -> deltaLink == null ? Uni.createFrom().voidItem()
                        : calendar.delta(n.user(), n.mailbox(), deltaLink.isEmpty() ? null : deltaLink, from, to)
                                .chain(round -> withLinkedSeries(n, round, from, to))
                                .chain(round -> Panache.withTransaction(() -> ProcessedEvent.firstTime(env.id)
                                        .chain(first -> first ? apply(env, round) : Uni.createFrom().voidItem()))));
    }

    /**
     * Delta names a deleted occurrence by its own id only, never its series: when the round removed an id linked to
     * nothing, each series linked in this mailbox (and not in the round already) is read again with its occurrences
     * and judged with the round, so that an occurrence deleted while notifications were missed is found by its
     * original start. Costs two reads per linked series, only in such rounds.
     */
    private Uni<DeltaRound> withLinkedSeries(GraphNotification n, DeltaRound round, LocalDate from, LocalDate to) {
        if (round.removed().isEmpty()) {
            return Uni.createFrom().item(round);
        }
        return Panache.withSession(() -> EventLinkEntity.<EventLinkEntity>list(
                "firmId = ?1 and id.userId = ?2 and id.role <> 'ATTENDEE'", n.firmId(), n.userId())
                .chain(links -> seriesToReadAgain(links, round)))
                .chain(masters -> {
                    List<OfficeEvent> changed = new ArrayList<>(round.changed());
                    Map<String, List<OfficeEvent>> occurrences = new HashMap<>(round.occurrences());
                    return InOrder.each(masters, id -> calendar.read(n.user(), n.mailbox(), id)
                            .chain(master -> master.isEmpty() ? Uni.createFrom().voidItem()
                                    : calendar.instances(n.user(), n.mailbox(), id,
                                            from.minusDays(7).atStartOfDay(ZoneOffset.UTC).toInstant(),
                                            to.plusDays(8).atStartOfDay(ZoneOffset.UTC).toInstant())
                                            .invoke(instances -> {
                                                changed.add(master.get().event());
                                                occurrences.put(master.get().event().eventId(), instances);
                                            }).replaceWithVoid()))
                            .replaceWith(() -> new DeltaRound(changed, round.removed(), round.deltaLink(),
                                    round.baseline(), occurrences));
                });
    }

    /** The event ids of the recurring activities linked in the mailbox, when the round removed an unknown id. */
    private static Uni<List<String>> seriesToReadAgain(List<EventLinkEntity> links, DeltaRound round) {
        Set<String> linkedEvents = links.stream().map(l -> l.eventId).collect(Collectors.toSet());
        if (linkedEvents.containsAll(round.removed())) {
            return Uni.createFrom().item(List.of());
        }
        Set<String> inRound = round.changed().stream().map(OfficeEvent::eventId).collect(Collectors.toSet());
        Map<String, String> eventByActivity = new HashMap<>();
        links.stream().filter(l -> l.eventId != null && !inRound.contains(l.eventId))
                .forEach(l -> eventByActivity.put(l.id.activityId, l.eventId));
        if (eventByActivity.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return ActivityProjection.<ActivityProjection>list("activityId in ?1 and deleted = false",
                eventByActivity.keySet()).map(activities -> activities.stream()
                        .filter(a -> a.snapshot().recurring()).map(a -> eventByActivity.get(a.activityId))
                        .distinct().toList());
    }

    private Uni<Void> apply(EventEnvelope<GraphNotification> cause, DeltaRound round) {
        GraphNotification n = cause.data;
        LOG.infof("delta repair of %s's mailbox: %d changed, %d removed%s", n.user(), round.changed().size(),
                round.removed().size(), round.baseline() ? " (baseline: linked events only)" : "");
        return InOrder.each(round.changed(), e -> EventLinks.of(n.user(), e.eventId()).chain(link -> round.baseline()
                        && link == null ? Uni.createFrom().voidItem()
                                : inbound.judged(asNotification(cause, e.eventId(), "updated"), e,
                                        round.occurrences().get(e.eventId()))))
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
