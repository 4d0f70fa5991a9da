package io.docketsync.sync.inbound;

import io.docketsync.contracts.ActivityCommand;
import io.docketsync.contracts.GraphNotification;
import io.docketsync.contracts.MailboxOp;
import io.docketsync.contracts.Office365Settings;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.SyncState;
import io.docketsync.contracts.SyncStatusChanged;
import io.docketsync.outbox.ExportedEvent;
import io.docketsync.sync.domain.DeletionBurst;
import io.docketsync.sync.domain.InboundDecision;
import io.docketsync.sync.domain.StableIds;
import io.docketsync.sync.messaging.SyncEvents;
import io.docketsync.sync.messaging.SyncPublisher;
import io.docketsync.sync.persistence.ActivityProjection;
import io.docketsync.sync.persistence.AppliedDeletionEntity;
import io.docketsync.sync.persistence.EventLinkEntity;
import io.docketsync.sync.persistence.EventLinks;
import io.docketsync.sync.persistence.FirmProjection;
import io.docketsync.sync.persistence.HeldDeletionEntity;
import io.docketsync.sync.persistence.InOrder;
import io.docketsync.sync.persistence.MailboxConnectionEntity;
import io.docketsync.sync.plan.PlanService;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The deletion-burst safety valve (issue 18, {@link DeletionBurst}): a linked deletion from Outlook that would change
 * the firm's calendar is counted per mailbox; beyond the firm's threshold within its window it is held in
 * {@code held_deletion} instead of applied, and the user's connection shows the hold. An administrator (or the user,
 * for their own activities) then applies it (the command the rules decided then, sent now) or rejects it (the
 * activity's event written back to that mailbox through the normal write path).
 *
 * <p>The inbound flow asks {@link #held} once per deleted event, in the transaction that applies it.
 */
@ApplicationScoped
public class DeletionHold {
    private static final Logger LOG = Logger.getLogger(DeletionHold.class);
    static final String METRIC_HELD = "docketsync.sync.deletions.held";
    static final String METRIC_DECIDED = "docketsync.sync.deletions.decided";
    static final String METRIC_WAITING = "docketsync.sync.deletions.waiting";

    @Inject
    SyncPublisher publisher;
    @Inject
    PlanService plans;
    @Inject
    MeterRegistry metrics;

    /** Held deletions waiting for a decision, as last counted (all firms). */
    private final AtomicLong waiting = new AtomicLong();

    @PostConstruct
    void gauge() {
        metrics.gauge(METRIC_WAITING, waiting);
    }

    /**
     * True when the deletion the rules decided is held (the caller then applies nothing); false when it is to be
     * applied as decided (and it is counted in the mailbox's window).
     */
    public Uni<Boolean> held(GraphNotification n, InboundDecision d, EventLinkEntity link, FirmProjection firm) {
        if (link == null || !DeletionBurst.counts(d.kind())) {
            return Uni.createFrom().item(Boolean.FALSE);
        }
        Office365Settings settings = firm == null ? Office365Settings.defaults() : firm.settings();
        if (settings.massDeleteThreshold() <= 0) {
            return Uni.createFrom().item(Boolean.FALSE);
        }
        Instant now = Instant.now();
        return HeldDeletionEntity.heldCount(n.firmId(), n.userId())
                .chain(heldNow -> AppliedDeletionEntity.since(n.firmId(), n.userId(),
                        DeletionBurst.windowStart(now, settings)).map(applied -> DeletionBurst.verdict(settings,
                                applied.intValue(), heldNow.intValue())))
                .chain(verdict -> verdict == DeletionBurst.Verdict.APPLY
                        ? AppliedDeletionEntity.record(n.firmId(), n.userId(), n.eventId(), now).replaceWith(Boolean.FALSE)
                        : hold(n, d, link, settings, now).replaceWith(Boolean.TRUE));
    }

    private Uni<Void> hold(GraphNotification n, InboundDecision d, EventLinkEntity link, Office365Settings settings,
            Instant now) {
        HeldDeletionEntity h = new HeldDeletionEntity();
        h.id = StableIds.heldDeletion(n.firmId(), n.userId(), n.eventId());
        h.firmId = n.firmId();
        h.userId = n.userId();
        h.mailbox = n.mailbox();
        h.activityId = d.activityId();
        h.eventId = n.eventId();
        h.role = link.id.role;
        h.kind = d.kind().name();
        h.reason = d.reason();
        h.heldAt = now;
        h.state = HeldDeletionEntity.HELD;
        String why = "deleted in Office 365 beyond the firm's limit of " + settings.massDeleteThreshold()
                + " deletions in " + settings.massDeleteWindowMinutes() + " minutes: held until an administrator "
                + "applies or rejects it";
        LOG.infof("%s in %s's mailbox (activity %s): %s held (%s)", n.eventId(), n.user(), d.activityId(), d.kind(),
                why);
        metrics.counter(METRIC_HELD).increment();
        // the event is gone: the link goes (a later write of the activity makes it again), the decision stays
        return HeldDeletionEntity.<HeldDeletionEntity>findById(h.id)
                .chain(found -> found != null ? Uni.createFrom().voidItem() : h.persist().replaceWithVoid())
                .chain(() -> EventLinks.remove(link))
                .chain(() -> showOnConnection(n.firmId(), n.userId()))
                .chain(() -> ActivityProjection.<ActivityProjection>findById(d.activityId()))
                .chain(a -> publisher.publish(SyncEvents.status(n.firmId(), new SyncStatusChanged(d.activityId(),
                        n.userId(), SyncState.PENDING, why, n.eventId(), a == null ? 0 : a.version, now))));
    }

    /** The user's connection shows how many deletions wait and since when (none: no hold is active). */
    private Uni<Void> showOnConnection(String firmId, String userId) {
        return HeldDeletionEntity.<HeldDeletionEntity>list("firmId = ?1 and userId = ?2 and state = ?3 order by heldAt",
                firmId, userId, HeldDeletionEntity.HELD).chain(held -> MailboxConnectionEntity.update(
                        "heldDeletions = ?1, holdSince = ?2 where firmId = ?3 and userId = ?4", held.size(),
                        held.isEmpty() ? null : held.get(0).heldAt, firmId, userId))
                .chain(() -> HeldDeletionEntity.count("state", HeldDeletionEntity.HELD))
                .invoke(waiting::set).replaceWithVoid();
    }

    /** Why a decision could not be taken: not found (404), not allowed (403), already decided (409). */
    public static final class Refused extends RuntimeException {
        public final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    /**
     * An administrator's (or the user's) decision about one held deletion, in one transaction: the command or the
     * write that carries it out goes through the outbox with the row's new state. Deciding again the same way
     * answers the row as it is; the other way is refused (409).
     */
    public Uni<HeldDeletionEntity> decide(String firmId, String id, DeletionBurst.Decision decision, String caller,
            boolean admin) {
        return Panache.withTransaction(() -> HeldDeletionEntity.<HeldDeletionEntity>findById(id).chain(h -> {
            if (h == null || !h.firmId.equals(firmId)) {
                return Uni.createFrom().failure(new Refused(404, "no held change " + id));
            }
            return ActivityProjection.<ActivityProjection>findById(h.activityId).chain(a -> {
                boolean exists = a != null && !a.deleted;
                var snapshot = exists ? a.snapshot() : null;
                if (!DeletionBurst.mayDecide(caller, admin, h.userId, exists ? snapshot.createdBy() : null,
                        exists ? snapshot.organizerId() : null, exists)) {
                    return Uni.createFrom().failure(new Refused(403, caller.equals(h.userId)
                            ? "only a firm administrator may decide about a held deletion of an activity "
                                    + "the user did not create or organize"
                            : "only a firm administrator or " + h.userId + " may decide about this held deletion"));
                }
                String decided = decision == DeletionBurst.Decision.APPLY ? HeldDeletionEntity.APPLIED
                        : HeldDeletionEntity.REJECTED;
                if (!HeldDeletionEntity.HELD.equals(h.state)) {
                    return h.state.equals(decided) ? Uni.createFrom().item(h)
                            : Uni.createFrom().failure(new Refused(409, "held change " + id + " was "
                                    + h.state.toLowerCase() + " already"));
                }
                h.state = decided;
                h.decidedBy = caller;
                h.decidedAt = Instant.now();
                metrics.counter(METRIC_DECIDED, "decision", decision.name()).increment();
                LOG.infof("held deletion %s (%s in %s's mailbox, activity %s): %s by %s", id, h.eventId, h.userId,
                        h.activityId, decided, caller);
                Uni<Void> carriedOut = !exists ? Uni.createFrom().voidItem()
                        : decision == DeletionBurst.Decision.APPLY ? publisher.publish(applied(h))
                        : rejected(h, a);
                return carriedOut.chain(() -> h.<HeldDeletionEntity>persist())
                        .chain(saved -> showOnConnection(h.firmId, h.userId).replaceWith(saved));
            });
        }));
    }

    /** Every held deletion of a user (or of the firm) waiting for a decision, applied or rejected all the same. */
    public Uni<List<HeldDeletionEntity>> decideAll(String firmId, String userId, DeletionBurst.Decision decision,
            String caller, boolean admin) {
        return Panache.withSession(() -> (userId == null
                ? HeldDeletionEntity.<HeldDeletionEntity>list("firmId = ?1 and state = ?2 order by heldAt", firmId,
                        HeldDeletionEntity.HELD)
                : HeldDeletionEntity.<HeldDeletionEntity>list("firmId = ?1 and userId = ?2 and state = ?3 order by "
                        + "heldAt", firmId, userId, HeldDeletionEntity.HELD)))
                .chain(held -> {
                    List<HeldDeletionEntity> done = new java.util.ArrayList<>();
                    return InOrder.each(held, h -> decide(firmId, h.id, decision, caller, admin)
                            .invoke(done::add).replaceWithVoid()).replaceWith(done);
                });
    }

    /** Applied now: the command the rules decided when the event was deleted, as of the decision. */
    private static ExportedEvent applied(HeldDeletionEntity h) {
        ActivityCommand.Type type = InboundDecision.Kind.valueOf(h.kind) == InboundDecision.Kind.DELETE_ACTIVITY
                ? ActivityCommand.Type.DELETE : ActivityCommand.Type.REMOVE_SCHEDULED_USER;
        ActivityCommand cmd = new ActivityCommand(StableIds.heldDecision(h.id, "APPLY"), type, h.activityId, null,
                h.userId, null, null, new ActivityCommand.GraphLink(h.mailbox, h.eventId, null, null), Instant.now());
        return SyncEvents.command(h.firmId, Origin.office365(h.userId, h.mailbox, null), cmd);
    }

    /**
     * Rejected: the activity's current version is written to the user's calendar once more, as When Deleting's
     * RESTORE_EVENT writes it (an update the writer makes as a new event, the link being gone; over the event when a
     * later edit of the activity wrote it meanwhile).
     */
    private Uni<Void> rejected(HeldDeletionEntity h, ActivityProjection a) {
        return plans.decide(PlanService.asItStands(a)).chain(plan -> publisher.publish(plan.ops().stream()
                .filter(op -> op.userId().equals(h.userId) && op.op() != MailboxOp.OpType.DELETE
                        && op.role().name().equals(h.role))
                .map(op -> SyncEvents.op(h.firmId, Origin.system(), new MailboxOp(StableIds.heldDecision(h.id,
                        "REJECT"), MailboxOp.OpType.UPDATE, op.userId(), op.mailbox(), op.activityId(),
                        op.activityVersion(), op.eventId(), op.content(), null, null, op.role(), null)))
                .toList()));
    }
}
