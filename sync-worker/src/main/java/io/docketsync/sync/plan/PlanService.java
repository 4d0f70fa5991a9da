package io.docketsync.sync.plan;

import io.docketsync.contracts.ActivityChanged;
import io.docketsync.contracts.ActivitySnapshot;
import io.docketsync.contracts.ConnectionState;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.Office365Settings;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.UserKey;
import io.docketsync.sync.domain.EventLink;
import io.docketsync.sync.domain.Mailbox;
import io.docketsync.sync.domain.PushPlan;
import io.docketsync.sync.domain.PushPlanner;
import io.docketsync.sync.messaging.SyncEvents;
import io.docketsync.sync.messaging.SyncPublisher;
import io.docketsync.sync.persistence.ActivityProjection;
import io.docketsync.outbox.Sql;
import io.docketsync.sync.persistence.EventLinkEntity;
import io.docketsync.sync.persistence.EventLinks;
import io.docketsync.sync.persistence.FirmProjection;
import io.docketsync.sync.persistence.InOrder;
import io.docketsync.sync.persistence.PendingWrite;
import io.docketsync.sync.persistence.PlanLock;
import io.docketsync.sync.persistence.ProcessedEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The plan stage: every activity change becomes the mailbox writes it needs (on sync.mailbox-ops.v1, keyed by
 * mailbox owner) and the pending statuses of users who cannot be written to yet, committed with the projection
 * update in one transaction, and who is pending is remembered so that their reconnection replays the plan. Planning
 * the same version twice is harmless: op ids are stable, and the writer skips ops it has done. A change from
 * activity.changes.v1 is planned in a transaction of its own; every other plan in the caller's.
 */
@ApplicationScoped
public class PlanService {
    private static final Logger LOG = Logger.getLogger(PlanService.class);

    @Inject
    SyncPublisher publisher;
    @Inject
    Pool pool;

    /**
     * A change from activity.changes.v1: the projection takes it and it is planned; a replayed or stale one is not.
     * One transaction of its own on the reactive SQL client: every change passes here, and Hibernate's work per
     * statement cost more than the statements.
     */
    public Uni<Void> activityChanged(EventEnvelope<ActivityChanged> event) {
        return pool.withTransaction(c -> PlanLock.planning(c, event.data.activity().firmId())
                .chain(() -> ProcessedEvent.firstTime(c, event.id))
                .chain(first -> first ? project(c, event) : Uni.createFrom().voidItem()));
    }

    private Uni<Void> project(SqlConnection c, EventEnvelope<ActivityChanged> event) {
        String activityId = event.data.activity().id();
        String firmId = event.data.activity().firmId();
        return ActivityProjection.take(c, event.data, event.origin()).chain(taken -> switch (taken) {
            case STALE -> Uni.createFrom().voidItem(); // a newer version was planned already
            case FIRST, REPLACED -> decide(c, event).invoke(plan -> log(event, plan))
                    .chain(plan -> remember(c, activityId, firmId, plan, taken == ActivityProjection.Taken.FIRST)
                            .chain(() -> publisher.publish(c, SyncEvents.plan(event, plan))));
        });
    }

    /** Plans the change and publishes its writes and pending statuses, in the caller's Hibernate transaction. */
    public Uni<Void> plan(EventEnvelope<ActivityChanged> event) {
        String activityId = event.data.activity().id();
        return decide(event).invoke(plan -> log(event, plan))
                .chain(plan -> remember(activityId, event.data.activity().firmId(), plan)
                        .chain(() -> publisher.publish(SyncEvents.plan(event, plan))));
    }

    private static void log(EventEnvelope<ActivityChanged> event, PushPlan plan) {
        if (LOG.isDebugEnabled()) {
            LOG.debugf("plan %s v%d (%s, from %s): %s; pending %s", event.data.activity().id(),
                    event.data.activity().version(), event.data.changeType(),
                    event.origin() == null ? null : event.origin().kind(),
                    plan.ops().stream().map(o -> o.op() + " " + o.userId()
                            + (o.eventId() == null ? "" : " " + o.eventId())).toList(),
                    plan.pending().stream().map(PushPlan.Pending::userId).toList());
        }
    }

    /** The activity as the worker holds it, as a change to plan again (a replay, a repush, a restore). */
    public static EventEnvelope<ActivityChanged> asItStands(ActivityProjection a) {
        return EventEnvelope.of(SyncEvents.SOURCE, ActivityChanged.TYPE, a.activityId, a.firmId, Origin.system(),
                new ActivityChanged(ActivityChanged.ChangeType.UPDATED, a.snapshot(), List.of()));
    }

    /** The activity planned again as it stands; nothing when it is gone. */
    public Uni<Void> replan(String activityId) {
        return ActivityProjection.<ActivityProjection>findById(activityId)
                .chain(a -> a == null || a.deleted ? Uni.createFrom().voidItem() : plan(asItStands(a)));
    }

    /**
     * The user's mailbox can be written to (again): what waited for it is planned again, once per activity. That is
     * what was left pending for their re-authorisation, and what changed since they connected and involves them. The
     * latter because a connection reaches the worker on its own topic, as changes reach it on theirs: a change the
     * user made right after connecting (the application already showed them connected) may have been planned while
     * the worker still took them for not connected. What changed before they connected stays theirs to push ("Push my
     * calendar"). Planning again what was written already writes nothing.
     */
    public Uni<Void> replayOnConnect(UserKey user, Instant connectedSince) {
        Uni<List<ActivityProjection>> changedSince = connectedSince == null ? Uni.createFrom().item(List.of())
                : ActivityProjection.<ActivityProjection>list("firmId = ?1 and receivedAt >= ?2 and deleted = false",
                        user.firmId(), connectedSince);
        return PendingWrite.<PendingWrite>list("firmId = ?1 and id.userId = ?2", user.firmId(), user.userId())
                .chain(pending -> changedSince.chain(changed -> {
                    Set<String> activities = new LinkedHashSet<>();
                    pending.forEach(w -> activities.add(w.id.activityId));
                    changed.stream().filter(a -> involves(a.snapshot(), user.userId()))
                            .forEach(a -> activities.add(a.activityId));
                    return InOrder.each(List.copyOf(activities), this::replan);
                }));
    }

    private static boolean involves(ActivitySnapshot a, String userId) {
        return (a.scheduledFor() != null && a.scheduledFor().contains(userId)) || userId.equals(a.organizerId());
    }

    /** The plan for this change against what the worker knows now, without publishing it (caller's session). */
    public Uni<PushPlan> decide(EventEnvelope<ActivityChanged> event) {
        String firmId = event.data.activity().firmId();
        String activityId = event.data.activity().id();
        return FirmProjection.read(firmId)
                .chain(firm -> EventLinkEntity.<EventLinkEntity>list("id.activityId", activityId)
                        .map(links -> links.stream().map(EventLinkEntity::toDomain).toList())
                        .chain(links -> connections(firmId, PushPlanner.usersConsulted(event.data, links))
                                .map(mailboxes -> plan(event, firm, mailboxes, links))));
    }

    /** How many activities one statement reads the links of: PostgreSQL takes at most 32,767 parameters. */
    static final int LINKS_PER_READ = 1000;

    /**
     * {@link #decide(EventEnvelope)} for many changes of one firm at once (a push job's activities): the firm, the
     * links of every activity ({@value #LINKS_PER_READ} activities a statement) and the connections of every user
     * they consult are read once, not once per change, and each plan is then made from its own share of them, as
     * {@code decide} would make it. In the caller's session; the plans in the changes' order.
     */
    public Uni<List<PushPlan>> decideAll(String firmId, List<EventEnvelope<ActivityChanged>> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> activityIds = events.stream().map(e -> e.data.activity().id()).distinct().toList();
        Map<String, List<EventLink>> linksOf = new HashMap<>();
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < activityIds.size(); i += LINKS_PER_READ) {
            chunks.add(activityIds.subList(i, Math.min(activityIds.size(), i + LINKS_PER_READ)));
        }
        return FirmProjection.read(firmId)
                .chain(firm -> InOrder.each(chunks, ids -> links(ids).invoke(rows -> rows.forEach(r -> linksOf
                        .computeIfAbsent((String) r[0], k -> new ArrayList<>()).add(new EventLink((String) r[1],
                                (String) r[2], (String) r[3], EventLink.Role.valueOf((String) r[4])))))
                        .replaceWithVoid())
                        .chain(() -> {
                            // each change's consulted users, worked out once: they pick its share of the connections
                            List<Set<String>> consulted = events.stream().map(e -> PushPlanner.usersConsulted(e.data,
                                    linksOf.getOrDefault(e.data.activity().id(), List.of()))).toList();
                            Set<String> users = new LinkedHashSet<>();
                            consulted.forEach(users::addAll);
                            return connections(firmId, users).map(all -> {
                                List<PushPlan> plans = new ArrayList<>(events.size());
                                for (int i = 0; i < events.size(); i++) {
                                    EventEnvelope<ActivityChanged> e = events.get(i);
                                    Map<String, Mailbox> mailboxes = new HashMap<>();
                                    for (String user : consulted.get(i)) {
                                        Mailbox mailbox = all.get(user);
                                        if (mailbox != null) {
                                            mailboxes.put(user, mailbox);
                                        }
                                    }
                                    plans.add(plan(e, firm, mailboxes,
                                            linksOf.getOrDefault(e.data.activity().id(), List.of())));
                                }
                                return plans;
                            });
                        }));
    }

    /**
     * The links of these activities (activity, user, mailbox, event, role), read without being managed: thousands of
     * managed rows would be dirty-checked at each flush of the caller's transaction.
     */
    private static Uni<List<Object[]>> links(List<String> activityIds) {
        return Panache.getSession().chain(session -> session.createNativeQuery("select activity_id, user_id, mailbox,"
                + " event_id, role from event_link where activity_id in (:ids)", Object[].class)
                .setParameter("ids", activityIds).getResultList());
    }

    /** {@link #decide(EventEnvelope)} in the caller's transaction on the reactive SQL client. */
    private static Uni<PushPlan> decide(SqlConnection c, EventEnvelope<ActivityChanged> event) {
        String firmId = event.data.activity().firmId();
        return FirmProjection.read(c, firmId)
                .chain(firm -> EventLinks.ofActivity(c, event.data.activity().id())
                        .chain(links -> connections(c, firmId, PushPlanner.usersConsulted(event.data, links))
                                .map(mailboxes -> plan(event, firm, mailboxes, links))));
    }

    /** {@link #connections(String, Set)} on the reactive SQL client. */
    private static Uni<Map<String, Mailbox>> connections(SqlConnection c, String firmId, Set<String> users) {
        if (users.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Sql.execute(c, """
                SELECT user_id, state, mailbox, last_error FROM mailbox_connection
                WHERE firm_id = $1 AND user_id = ANY($2)""", Tuple.of(firmId, users.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Mailbox> mailboxes = new HashMap<>();
                    for (Row r : rows) {
                        mailboxes.put(r.getString(0), new Mailbox(r.getString(0),
                                ConnectionState.valueOf(r.getString(1)), r.getString(2), r.getString(3)));
                    }
                    return mailboxes;
                });
    }

    /**
     * The connections of these users only, read without being managed: a firm has hundreds of users, and every
     * managed row would be dirty-checked at each flush of the plan's transaction. Native SQL: Hibernate translates
     * an HQL query with a list parameter again at every execution.
     */
    private static Uni<Map<String, Mailbox>> connections(String firmId, Set<String> users) {
        if (users.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("select user_id, state, mailbox,"
                + " last_error from mailbox_connection where firm_id = :firm and user_id in (:users)", Object[].class)
                .setParameter("firm", firmId).setParameter("users", List.copyOf(users)).getResultList())
                .map(rows -> {
                    Map<String, Mailbox> mailboxes = new HashMap<>();
                    for (Object[] c : rows) {
                        String userId = (String) c[0];
                        mailboxes.put(userId, new Mailbox(userId, ConnectionState.valueOf((String) c[1]),
                                (String) c[2], (String) c[3]));
                    }
                    return mailboxes;
                });
    }

    private static PushPlan plan(EventEnvelope<ActivityChanged> event, FirmProjection firm,
            Map<String, Mailbox> mailboxes, List<EventLink> links) {
        Office365Settings settings = firm == null ? Office365Settings.defaults() : firm.settings();
        Map<String, String> emails = firm == null ? Map.of() : firm.emails();
        return PushPlanner.plan(event.data, event.origin(), settings, mailboxes, emails, links);
    }

    /** The plan's users who wait for re-authorisation replace the activity's previous ones (caller's session). */
    private static Uni<Void> remember(String activityId, String firmId, PushPlan plan) {
        return Panache.getSession().chain(session -> session.createNativeQuery(Sql.ordinal(FORGET_PENDING))
                .setParameter(1, activityId).executeUpdate()).chain(() -> {
                    List<PendingWrite> rows = waiting(plan).map(p -> {
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

    /**
     * {@link #remember(String, String, PushPlan)} in the caller's transaction on the reactive SQL client. An activity
     * planned for the first time has no users to replace (only its own plans write them, and its projection is never
     * removed), so most new activities cost no statement here.
     */
    private static Uni<Void> remember(SqlConnection c, String activityId, String firmId, PushPlan plan,
            boolean firstPlan) {
        Uni<Void> forgotten = firstPlan ? Uni.createFrom().voidItem()
                : Sql.execute(c, FORGET_PENDING, Tuple.of(activityId)).replaceWithVoid();
        return forgotten.chain(() -> InOrder.each(waiting(plan).toList(), p -> PendingWrite.waitFor(c,
                new PendingWrite.Key(activityId, p.userId()), firmId, p.reason())));
    }

    private static final String FORGET_PENDING = "DELETE FROM pending_write WHERE activity_id = $1";

    private static Stream<PushPlan.Pending> waiting(PushPlan plan) {
        return plan.pending().stream().filter(PushPlan.Pending::replayOnReconnect);
    }
}
