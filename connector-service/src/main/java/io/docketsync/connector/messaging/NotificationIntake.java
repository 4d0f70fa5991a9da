package io.docketsync.connector.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.docketsync.connector.domain.NotificationVerdict;
import io.docketsync.connector.persistence.ConnectionEntity;
import io.docketsync.connector.persistence.SubscriptionEntity;
import io.docketsync.contracts.GraphNotification;
import io.docketsync.contracts.UserKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
    private volatile Counter acceptedChange;
    private volatile Counter acceptedLifecycle;

    /**
     * @param items the notifications of one post ({@code value}), each a JSON object
     *
     * <p>One transaction of at most four statements whatever the post's size: the live subscriptions named, and
     * their owners' connections (two queries), every accepted notification's event (one multi-row INSERT into the
     * outbox) and, for lifecycle events only, the subscriptions' pending work (flushed at commit).
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
        return Panache.withTransaction(() -> subscriptionsWithConnections(ids)
                .chain(live -> handleAll(items, lifecycle, live, received)));
    }

    /** A live subscription and its owner's connection. */
    private record Live(SubscriptionEntity subscription, ConnectionEntity connection) {
    }

    /**
     * The subscriptions with these ids whose owner has a connection, by subscription id (two queries, native SQL:
     * Hibernate translates an HQL query with a list parameter again at every execution, which cost more than the
     * rest of a post's intake).
     */
    private static Uni<Map<String, Live>> subscriptionsWithConnections(Set<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<String> named = List.copyOf(ids);
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select * from graph_subscription where subscription_id in (:ids)", SubscriptionEntity.class)
                .setParameter("ids", named).getResultList()
                .chain(subs -> subs.isEmpty() ? Uni.createFrom().item(Map.<String, Live>of())
                        : session.createNativeQuery("select c.* from connection c join graph_subscription s on"
                                + " s.firm_id = c.firm_id and s.user_id = c.user_id where s.subscription_id in (:ids)",
                                ConnectionEntity.class)
                        .setParameter("ids", named).getResultList().map(connections -> {
                            Map<UserKey, ConnectionEntity> byOwner = new HashMap<>();
                            connections.forEach(c -> byOwner.put(UserKey.of(c.firmId, c.userId), c));
                            Map<String, Live> byId = new HashMap<>();
                            for (SubscriptionEntity sub : subs) {
                                ConnectionEntity c = byOwner.get(UserKey.of(sub.firmId, sub.userId));
                                if (c != null) {
                                    byId.put(sub.subscriptionId, new Live(sub, c));
                                }
                            }
                            return byId;
                        })));
    }

    private Uni<Tally> handleAll(List<JsonNode> items, boolean lifecycle, Map<String, Live> live, Instant received) {
        int accepted = 0;
        int rejected = 0;
        List<Runnable> counts = new ArrayList<>();
        Map<String, List<String>> rejectedByReason = new java.util.TreeMap<>();
        List<GraphNotification> events = new ArrayList<>();
        List<Runnable> pendingWork = new ArrayList<>();
        String kind = lifecycle ? "lifecycle" : "change";
        for (JsonNode n : items) {
            String subscriptionId = text(n, "subscriptionId");
            Live found = subscriptionId == null ? null : live.get(subscriptionId);
            NotificationVerdict verdict = NotificationVerdict.judge(subscriptionId, text(n, "clientState"),
                    found == null ? null : found.subscription().clientStateHash);
            if (verdict != NotificationVerdict.ACCEPTED) {
                rejected++;
                counts.add(() -> registry.counter(REJECTED_COUNTER, "reason", verdict.reason(), "kind", kind).increment());
                rejectedByReason.computeIfAbsent(verdict.reason(), r -> new ArrayList<>()).add(subscriptionId);
                continue;
            }
            accepted++;
            if (lifecycle) {
                lifecycle(n, found.subscription(), found.connection(), received, events, pendingWork);
            } else {
                events.add(change(n, found.subscription(), found.connection(), received));
            }
        }
        if (rejected > 0) {
            // one line per post, whatever its size, and no value from the body that could forge a log line
            LOG.infof("%d of %d %s notifications rejected: %s", rejected, items.size(), lifecycle ? "lifecycle"
                    : "change", LogSafe.summary(rejectedByReason));
        }
        int acceptedCount = accepted;
        Tally tally = new Tally(accepted, rejected);
        pendingWork.forEach(Runnable::run); // entity changes, flushed with the outbox's INSERT
        return publisher.publish(events).invoke(() -> {
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

    private static GraphNotification change(JsonNode n, SubscriptionEntity sub, ConnectionEntity c, Instant received) {
        return new GraphNotification(GraphNotification.Kind.CHANGE, c.userId, c.firmId, c.mailbox,
                sub.subscriptionId, text(n, "changeType"), null, text(n, "resource"), text(n.path("resourceData"), "id"),
                changeKeyOf(text(n.path("resourceData"), "@odata.etag")), received);
    }

    /** The events a lifecycle notification publishes, in order, and the subscription work it leaves. */
    private static void lifecycle(JsonNode n, SubscriptionEntity sub, ConnectionEntity c, Instant received,
            List<GraphNotification> events, List<Runnable> pendingWork) {
        String event = text(n, "lifecycleEvent");
        events.add(new GraphNotification(GraphNotification.Kind.LIFECYCLE, c.userId, c.firmId, c.mailbox,
                sub.subscriptionId, null, event, sub.resource, null, null, received));
        if ("reauthorizationRequired".equals(event)) {
            pendingWork.add(() -> pending(sub, SubscriptionEntity.REAUTHORIZE));
        } else if ("subscriptionRemoved".equals(event)) {
            pendingWork.add(() -> pending(sub, SubscriptionEntity.RECREATE));
        } else if ("missed".equals(event)) {
            events.add(new GraphNotification(GraphNotification.Kind.DELTA_REPAIR, c.userId, c.firmId, c.mailbox,
                    sub.subscriptionId, null, event, sub.resource, null, null, received));
        } else {
            LOG.infof("unknown lifecycle event '%s' for subscription %s: published as received", LogSafe.value(event),
                    sub.subscriptionId);
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

    /** The subscription is managed in the transaction: the change is flushed at commit. */
    private static void pending(SubscriptionEntity sub, String action) {
        // RECREATE wins over REAUTHORIZE: a removed subscription cannot be reauthorized
        if (!SubscriptionEntity.RECREATE.equals(sub.pendingAction)) {
            sub.pendingAction = action;
        }
        sub.nextAttemptAt = null;
        sub.updatedAt = Instant.now();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }
}
