package io.docketsync.sync.plan;

import io.docketsync.contracts.ConnectionState;
import io.docketsync.contracts.UserKey;
import io.docketsync.sync.domain.ReconnectRules;
import io.docketsync.sync.persistence.ActivityProjection;
import io.docketsync.sync.persistence.DeltaLinkEntity;
import io.docketsync.sync.persistence.EventLinkEntity;
import io.docketsync.sync.persistence.InOrder;
import io.docketsync.sync.persistence.RetiredLinkEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * A user connected a mailbox (issue 18, {@link ReconnectRules}): links to any other mailbox of theirs are retired
 * (kept aside; their events and the activities left alone), links retired from this mailbox earlier come back (its
 * events are then updated, never made twice), and a delta link of another mailbox is forgotten (the next repair
 * starts a baseline of this one). Disconnecting changes no link. In the caller's transaction, before what waited for
 * the user is replayed.
 */
@ApplicationScoped
public class Reconnects {
    private static final Logger LOG = Logger.getLogger(Reconnects.class);

    @Inject
    PlanService plans;
    @Inject
    @jakarta.inject.Named("mailboxTokens")
    io.docketsync.sync.domain.MailboxTokens tokens;

    public Uni<Void> connected(UserKey user, String mailbox) {
        if (mailbox == null) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now();
        // a token cached for the user may be the previous mailbox's: the next Graph call asks for the new one
        tokens.forget(user);
        return EventLinkEntity.<EventLinkEntity>list("firmId = ?1 and id.userId = ?2", user.firmId(), user.userId())
                .chain(links -> RetiredLinkEntity.<RetiredLinkEntity>list("firmId = ?1 and userId = ?2",
                        user.firmId(), user.userId()).chain(retired -> apply(user, mailbox, links, retired, now)))
                .chain(() -> DeltaLinkEntity.<DeltaLinkEntity>findById(user))
                .chain(delta -> delta != null && delta.mailbox != null
                        && !ReconnectRules.sameMailbox(delta.mailbox, mailbox)
                        ? delta.delete() : Uni.createFrom().voidItem());
    }

    /**
     * Every change through the session's own entities (no bulk statement beside them): a retired row or a link that
     * is kept under the same key is changed in place, never deleted and made again in one flush.
     */
    private Uni<Void> apply(UserKey user, String mailbox, List<EventLinkEntity> links, List<RetiredLinkEntity> retired,
            Instant now) {
        Map<String, RetiredLinkEntity> retiredByKey = new HashMap<>();
        retired.forEach(r -> retiredByKey.put(r.mailbox.toLowerCase() + "|" + r.activityId + "|" + r.role, r));
        List<EventLinkEntity> freed = new ArrayList<>();
        Set<String> kept = new HashSet<>();
        List<Uni<Void>> steps = new ArrayList<>();
        for (EventLinkEntity l : links) {
            if (ReconnectRules.fate(l.mailbox, ConnectionState.CONNECTED, mailbox) == ReconnectRules.LinkFate.KEEP) {
                kept.add(l.id.activityId + "|" + l.id.role);
                continue;
            }
            freed.add(l);
            RetiredLinkEntity existing = retiredByKey.get(l.mailbox.toLowerCase() + "|" + l.id.activityId + "|" + l.id.role);
            if (existing != null) {
                existing.take(l, now); // retired from that mailbox before: the newer link replaces it
            } else {
                steps.add(RetiredLinkEntity.of(l, now).persist().replaceWithVoid());
            }
        }
        if (!freed.isEmpty()) {
            LOG.infof("%s connected %s: %d links to another mailbox retired", user, mailbox, freed.size());
        }
        List<RetiredLinkEntity> ofThisMailbox = retired.stream()
                .filter(r -> ReconnectRules.sameMailbox(r.mailbox, mailbox)).toList();
        Map<String, EventLinkEntity> freedByKey = new HashMap<>();
        freed.forEach(l -> freedByKey.put(l.id.activityId + "|" + l.id.role, l));
        List<String> stale = new ArrayList<>();
        return InOrder.each(steps, step -> step)
                .chain(() -> InOrder.each(ofThisMailbox, r -> ActivityProjection.<ActivityProjection>findById(
                        r.activityId).chain(a -> {
                            boolean live = a != null && !a.deleted;
                            String key = r.activityId + "|" + r.role;
                            ReconnectRules.RetiredFate fate = ReconnectRules.retired(r.mailbox,
                                    ConnectionState.CONNECTED, mailbox, live,
                                    live && a.snapshot().scheduledFor().contains(user.userId()), kept.contains(key));
                            if (fate != ReconnectRules.RetiredFate.RELINK) {
                                return Uni.createFrom().voidItem();
                            }
                            if (a.version > r.pushedVersion) {
                                stale.add(r.activityId);
                            }
                            kept.add(key);
                            EventLinkEntity reuse = freedByKey.remove(key);
                            Uni<Void> linked;
                            if (reuse != null) {
                                r.into(reuse); // the link of the other mailbox becomes this one's again
                                linked = Uni.createFrom().voidItem();
                            } else {
                                linked = r.toLink().persist().replaceWithVoid();
                            }
                            return linked.chain(() -> r.delete());
                        })))
                .chain(() -> InOrder.each(List.copyOf(freedByKey.values()), l -> l.delete()))
                .invoke(() -> {
                    if (!ofThisMailbox.isEmpty()) {
                        LOG.infof("%s connected %s again: %d retired links of it back", user, mailbox,
                                ofThisMailbox.size());
                    }
                })
                // what changed while the mailbox was away reaches its events now
                .chain(() -> InOrder.each(stale.stream().distinct().toList(), plans::replan));
    }
}
