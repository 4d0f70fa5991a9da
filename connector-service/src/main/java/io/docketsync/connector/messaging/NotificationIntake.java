package io.docketsync.connector.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.docketsync.connector.domain.NotificationVerdict;
import io.docketsync.connector.persistence.SubscriptionEntity;
import io.docketsync.contracts.GraphNotification;
import io.docketsync.outbox.Sql;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Judges what Graph posted to the webhooks: only notifications naming a live subscription with its clientState
 * are published (graph.notifications.v1, keyed by mailbox: firm id + user id, through the outbox); the others are
 * counted and dropped. Lifecycle events become work for the subscription maintenance (kept in the database).
 */
@ApplicationScoped
public class NotificationIntake {
    private static final Logger LOG = Logger.getLogger(NotificationIntake.class);
    public static final String REJECTED_COUNTER = "docketsync.connector.notifications.rejected";
    public static final String ACCEPTED_COUNTER = "docketsync.connector.notifications.accepted";

    /** What was done with one post. */
    public record Tally(int accepted, int rejected) {
    }

    @Inject
    NotificationPublisher publisher;
    @Inject
    MeterRegistry registry;
    @Inject
    Pool pool;
    private volatile Counter acceptedChange;
    private volatile Counter acceptedLifecycle;

    /**
     * @param items the notifications of one post ({@code value}), each a JSON object
     *
     * <p>Two statements whatever the post's size: the live subscriptions named with their owners' connections (one
     * join), and every accepted notification's event (one multi-row INSERT into the outbox). A post of lifecycle
     * events also records the work they leave on their subscriptions, in the same transaction. On the reactive SQL
     * client, not Hibernate: this is the connector's hottest path (every write of ours comes back here), and the
     * ORM's work per statement cost more than the statements.
     */
    public Uni<Tally> accept(List<JsonNode> items, boolean lifecycle) {
        Instant received = Instant.now();
        Set<String> ids = new LinkedHashSet<>();
        items.forEach(n -> {
            String id = text(n, "subscriptionId");
            if (id != null) {
                ids.add(id);
            }
        });
        // a change post's one write is the INSERT: no transaction needed around it
        return lifecycle
                ? pool.withTransaction(c -> live(c, ids).chain(live -> handleAll(c, items, true, live, received)))
                : pool.withConnection(c -> live(c, ids).chain(live -> handleAll(c, items, false, live, received)));
    }

    /** A live subscription and its owner's connection. */
    private record Live(String subscriptionId, String clientStateHash, String resource, String firmId, String userId,
            String mailbox) {
    }

    /** The subscriptions with these ids whose owner has a connection, by subscription id. */
    private static Uni<Map<String, Live>> live(SqlConnection c, Set<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Sql.execute(c, """
                SELECT s.subscription_id, s.client_state_hash, s.resource, c.firm_id, c.user_id, c.mailbox
                FROM graph_subscription s JOIN connection c ON c.firm_id = s.firm_id AND c.user_id = s.user_id
                WHERE s.subscription_id = ANY($1)""", Tuple.of(ids.toArray(String[]::new))).map(rows -> {
            Map<String, Live> byId = new HashMap<>();
            for (Row r : rows) {
                Live l = new Live(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                        r.getString(5));
                byId.put(l.subscriptionId(), l);
            }
            return byId;
        });
    }

    private Uni<Tally> handleAll(SqlConnection c, List<JsonNode> items, boolean lifecycle, Map<String, Live> live,
            Instant received) {
        int accepted = 0;
        int rejected = 0;
        List<Runnable> counts = new ArrayList<>();
        Map<String, List<String>> rejectedByReason = new java.util.TreeMap<>();
        List<GraphNotification> events = new ArrayList<>();
        Map<String, String> pendingWork = new LinkedHashMap<>(); // subscription id → the work that stands
        String kind = lifecycle ? "lifecycle" : "change";
        for (JsonNode n : items) {
            String subscriptionId = text(n, "subscriptionId");
            Live found = subscriptionId == null ? null : live.get(subscriptionId);
            NotificationVerdict verdict = NotificationVerdict.judge(subscriptionId, text(n, "clientState"),
                    found == null ? null : found.clientStateHash());
            if (verdict != NotificationVerdict.ACCEPTED) {
                rejected++;
                counts.add(() -> registry.counter(REJECTED_COUNTER, "reason", verdict.reason(), "kind", kind).increment());
                rejectedByReason.computeIfAbsent(verdict.reason(), r -> new ArrayList<>()).add(subscriptionId);
                continue;
            }
            accepted++;
            if (lifecycle) {
                lifecycle(n, found, received, events, pendingWork);
            } else {
                events.add(change(n, found, received));
            }
        }
        if (rejected > 0) {
            // one line per post, whatever its size, and no value from the body that could forge a log line
            LOG.infof("%d of %d %s notifications rejected: %s", rejected, items.size(), lifecycle ? "lifecycle"
                    : "change", LogSafe.summary(rejectedByReason));
        }
        int acceptedCount = accepted;
        Tally tally = new Tally(accepted, rejected);
        // the subscriptions' work first: the rows change before their events take a place in the publishing order
        Uni<Void> work = Uni.createFrom().voidItem();
        for (Map.Entry<String, String> w : pendingWork.entrySet()) {
            work = work.chain(() -> pending(c, w.getKey(), w.getValue(), received));
        }
        return work.chain(() -> publisher.publish(c, events)).invoke(() -> {
            counts.forEach(Runnable::run);
            if (acceptedCount > 0) {
                (lifecycle ? acceptedLifecycle() : acceptedChange()).increment(acceptedCount);
            }
        }).replaceWith(tally);
    }

    private Counter acceptedChange() {
        Counter c = acceptedChange;
        if (c == null) {
            c = acceptedChange = registry.counter(ACCEPTED_COUNTER, "kind", "change");
        }
        return c;
    }

    private Counter acceptedLifecycle() {
        Counter c = acceptedLifecycle;
        if (c == null) {
            c = acceptedLifecycle = registry.counter(ACCEPTED_COUNTER, "kind", "lifecycle");
        }
        return c;
    }

    private static GraphNotification change(JsonNode n, Live live, Instant received) {
        return new GraphNotification(GraphNotification.Kind.CHANGE, live.userId(), live.firmId(), live.mailbox(),
                live.subscriptionId(), text(n, "changeType"), null, text(n, "resource"),
                text(n.path("resourceData"), "id"),
                changeKeyOf(text(n.path("resourceData"), "@odata.etag")), received);
    }

    /** The events a lifecycle notification publishes, in order, and the subscription work it leaves. */
    private static void lifecycle(JsonNode n, Live live, Instant received, List<GraphNotification> events,
            Map<String, String> pendingWork) {
        String event = text(n, "lifecycleEvent");
        events.add(new GraphNotification(GraphNotification.Kind.LIFECYCLE, live.userId(), live.firmId(),
                live.mailbox(), live.subscriptionId(), null, event, live.resource(), null, null, received));
        if ("reauthorizationRequired".equals(event)) {
            // RECREATE wins over REAUTHORIZE: a removed subscription cannot be reauthorized
            pendingWork.merge(live.subscriptionId(), SubscriptionEntity.REAUTHORIZE,
                    (asked, now) -> SubscriptionEntity.RECREATE.equals(asked) ? asked : now);
        } else if ("subscriptionRemoved".equals(event)) {
            pendingWork.put(live.subscriptionId(), SubscriptionEntity.RECREATE);
        } else if ("missed".equals(event)) {
            events.add(new GraphNotification(GraphNotification.Kind.DELTA_REPAIR, live.userId(), live.firmId(),
                    live.mailbox(), live.subscriptionId(), null, event, live.resource(), null, null, received));
        } else {
            LOG.infof("unknown lifecycle event '%s' for subscription %s: published as received", LogSafe.value(event),
                    live.subscriptionId());
        }
    }

    /** Graph's etag for an Outlook item is W/"changeKey". */
    static String changeKeyOf(String etag) {
        if (etag == null || etag.isBlank()) {
            return null;
        }
        String key = etag.startsWith("W/") ? etag.substring(2) : etag;
        return key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"") ? key.substring(1, key.length() - 1) : key;
    }

    /**
     * The work a lifecycle event asked of the subscription, kept for the maintenance. RECREATE wins over REAUTHORIZE,
     * also over one asked before this post: a removed subscription cannot be reauthorized.
     */
    private static Uni<Void> pending(SqlConnection c, String subscriptionId, String action, Instant at) {
        return Sql.execute(c, """
                UPDATE graph_subscription SET pending_action = CASE WHEN pending_action = 'RECREATE' THEN pending_action
                    ELSE $2 END, next_attempt_at = NULL, updated_at = $3
                WHERE subscription_id = $1""", Tuple.of(subscriptionId, action, at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }
}
