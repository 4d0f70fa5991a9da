package io.docketsync.connector.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.docketsync.connector.domain.NotificationVerdict;
import io.docketsync.connector.persistence.ConnectionEntity;
import io.docketsync.connector.persistence.SubscriptionEntity;
import io.docketsync.contracts.GraphNotification;
import io.docketsync.contracts.UserKey;
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

    /** @param items the notifications of one post ({@code value}), each a JSON object */
    public Uni<Tally> accept(List<JsonNode> items, boolean lifecycle) {
        Instant received = Instant.now();
        Set<String> ids = new LinkedHashSet<>();
        items.forEach(n -> {
            String id = text(n, "subscriptionId");
            if (id != null) {
                ids.add(id);
            }
        });
        return Panache.withTransaction(() -> (ids.isEmpty() ? Uni.createFrom().item(List.<SubscriptionEntity>of())
                : SubscriptionEntity.<SubscriptionEntity>list("subscriptionId in ?1", List.copyOf(ids)))
                .chain(subs -> {
                    Map<String, SubscriptionEntity> byId = new HashMap<>();
                    subs.forEach(s -> byId.put(s.subscriptionId, s));
                    List<UserKey> users = subs.stream().map(s -> UserKey.of(s.firmId, s.userId)).distinct()
                            .toList();
                    return connectionsOf(users).chain(connections -> {
                        Map<UserKey, ConnectionEntity> byUser = new HashMap<>();
                        connections.forEach(c -> byUser.put(c.key(), c));
                        return handleAll(items, lifecycle, byId, byUser, received);
                    });
                }));
    }

    private Uni<Tally> handleAll(List<JsonNode> items, boolean lifecycle, Map<String, SubscriptionEntity> subs,
            Map<UserKey, ConnectionEntity> connections, Instant received) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        int accepted = 0;
        int rejected = 0;
        List<Runnable> counts = new ArrayList<>();
        Map<String, List<String>> rejectedByReason = new java.util.TreeMap<>();
        for (JsonNode n : items) {
            String subscriptionId = text(n, "subscriptionId");
            SubscriptionEntity sub = subscriptionId == null ? null : subs.get(subscriptionId);
            ConnectionEntity connection = sub == null ? null : connections.get(UserKey.of(sub.firmId, sub.userId));
            NotificationVerdict verdict = NotificationVerdict.judge(subscriptionId, text(n, "clientState"),
                    sub == null || connection == null ? null : sub.clientStateHash);
            String kind = lifecycle ? "lifecycle" : "change";
            if (verdict != NotificationVerdict.ACCEPTED) {
                rejected++;
                counts.add(() -> registry.counter(REJECTED_COUNTER, "reason", verdict.reason(), "kind", kind).increment());
                rejectedByReason.computeIfAbsent(verdict.reason(), r -> new ArrayList<>()).add(subscriptionId);
                continue;
            }
            accepted++;
            counts.add(() -> registry.counter(ACCEPTED_COUNTER, "kind", kind).increment());
            chain = chain.chain(() -> lifecycle ? lifecycle(n, sub, connection, received) : change(n, sub, connection,
                    received));
        }
        if (rejected > 0) {
            // one line per post, whatever its size, and no value from the body that could forge a log line
            LOG.infof("%d of %d %s notifications rejected: %s", rejected, items.size(), lifecycle ? "lifecycle"
                    : "change", LogSafe.summary(rejectedByReason));
        }
        Tally tally = new Tally(accepted, rejected);
        return chain.invoke(() -> counts.forEach(Runnable::run)).replaceWith(tally);
    }

    private Uni<Void> change(JsonNode n, SubscriptionEntity sub, ConnectionEntity c, Instant received) {
        return publisher.publish(new GraphNotification(GraphNotification.Kind.CHANGE, c.userId, c.firmId, c.mailbox,
                sub.subscriptionId, text(n, "changeType"), null, text(n, "resource"), text(n.path("resourceData"), "id"),
                changeKeyOf(text(n.path("resourceData"), "@odata.etag")), received));
    }

    private Uni<Void> lifecycle(JsonNode n, SubscriptionEntity sub, ConnectionEntity c, Instant received) {
        String event = text(n, "lifecycleEvent");
        Uni<Void> asReceived = publisher.publish(new GraphNotification(GraphNotification.Kind.LIFECYCLE, c.userId,
                c.firmId, c.mailbox, sub.subscriptionId, null, event, sub.resource, null, null, received));
        if ("reauthorizationRequired".equals(event)) {
            return asReceived.chain(() -> pending(sub, SubscriptionEntity.REAUTHORIZE));
        }
        if ("subscriptionRemoved".equals(event)) {
            return asReceived.chain(() -> pending(sub, SubscriptionEntity.RECREATE));
        }
        if ("missed".equals(event)) {
            return asReceived.chain(() -> publisher.publish(new GraphNotification(GraphNotification.Kind.DELTA_REPAIR,
                    c.userId, c.firmId, c.mailbox, sub.subscriptionId, null, event, sub.resource, null, null, received)));
        }
        LOG.infof("unknown lifecycle event '%s' for subscription %s: published as received", LogSafe.value(event),
                sub.subscriptionId);
        return asReceived;
    }

    /** The connections of the subscriptions' owners, each found by firm and user (one query). */
    private static Uni<List<ConnectionEntity>> connectionsOf(List<UserKey> users) {
        if (users.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> firms = users.stream().map(UserKey::firmId).distinct().toList();
        List<String> ids = users.stream().map(UserKey::userId).distinct().toList();
        return ConnectionEntity.<ConnectionEntity>list("firmId in ?1 and userId in ?2", firms, ids)
                .map(found -> found.stream().filter(c -> users.contains(c.key())).toList());
    }

    /** Graph's etag for an Outlook item is W/"changeKey". */
    static String changeKeyOf(String etag) {
        if (etag == null || etag.isBlank()) {
            return null;
        }
        String key = etag.startsWith("W/") ? etag.substring(2) : etag;
        return key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"") ? key.substring(1, key.length() - 1) : key;
    }

    private static Uni<Void> pending(SubscriptionEntity sub, String action) {
        // RECREATE wins over REAUTHORIZE: a removed subscription cannot be reauthorized
        if (!SubscriptionEntity.RECREATE.equals(sub.pendingAction)) {
            sub.pendingAction = action;
        }
        sub.nextAttemptAt = null;
        sub.updatedAt = Instant.now();
        return sub.persist().replaceWithVoid();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }
}
