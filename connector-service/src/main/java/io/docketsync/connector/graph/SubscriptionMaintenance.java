package io.docketsync.connector.graph;

import io.docketsync.connector.ConnectorConfig;
import io.docketsync.connector.domain.Secrets;
import io.docketsync.connector.domain.SubscriptionPolicy;
import io.docketsync.connector.messaging.NotificationPublisher;
import io.docketsync.connector.persistence.ConnectionEntity;
import io.docketsync.contracts.UserKey;
import io.docketsync.connector.persistence.SubscriptionEntity;
import io.docketsync.contracts.GraphNotification;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Keeps subscriptions alive: renews those about to expire, reauthorizes on reauthorizationRequired, recreates
 * removed ones (then asks for a delta repair of the mailbox). All state is in the database, so a restart
 * loses nothing; each subscription is worked on in a transaction that holds its row and its user's connection
 * row (FOR UPDATE ... SKIP LOCKED), so several instances never work on the same one.
 */
@ApplicationScoped
public class SubscriptionMaintenance {
    private static final Logger LOG = Logger.getLogger(SubscriptionMaintenance.class);

    static final String NEXT_DUE = """
            SELECT s.* FROM graph_subscription s JOIN connection c ON c.firm_id = s.firm_id AND c.user_id = s.user_id
            WHERE c.state = 'CONNECTED'
              AND (s.next_attempt_at IS NULL OR s.next_attempt_at <= :now)
              AND (s.pending_action IS NOT NULL OR s.expires_at <= :dueBefore)
            ORDER BY s.pending_action NULLS LAST, s.expires_at
            LIMIT 1
            FOR UPDATE OF s, c SKIP LOCKED""";

    /** What was done to one subscription. */
    private record Done(String subscriptionId, Instant expiresAt, String newClientState, boolean recreated) {
    }

    @Inject
    ConnectorConfig config;
    @Inject
    GraphGateway graph;
    @Inject
    GraphTokens tokens;
    @Inject
    NotificationPublisher notifications;

    @Scheduled(identity = "subscription-maintenance", every = "${docketsync.connector.maintenance-interval}",
            delayed = "${docketsync.connector.maintenance-delay}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return runOnce().onFailure().invoke(e -> LOG.warnf(e, "subscription maintenance failed")).onFailure()
                .recoverWithNull().replaceWithVoid();
    }

    /** Works on due subscriptions until none is left or the batch is done; answers how many were worked on. */
    public Uni<Integer> runOnce() {
        return next(0);
    }

    private Uni<Integer> next(int done) {
        if (done >= config.maintenanceBatchSize()) {
            return Uni.createFrom().item(done);
        }
        return maintainOne().chain(worked -> worked ? next(done + 1) : Uni.createFrom().item(done));
    }

    private Uni<Boolean> maintainOne() {
        Instant now = Instant.now();
        SubscriptionPolicy policy = new SubscriptionPolicy(config.subscriptionLifetime(), config.subscriptionRenewBefore());
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery(NEXT_DUE, SubscriptionEntity.class)
                .setParameter("now", now)
                .setParameter("dueBefore", policy.dueIfExpiringBefore(now))
                .getResultList())
                .chain((List<SubscriptionEntity> due) -> due.isEmpty() ? Uni.createFrom().item(false)
                        : work(due.get(0), policy).replaceWith(true)));
    }

    private Uni<Void> work(SubscriptionEntity sub, SubscriptionPolicy policy) {
        return ConnectionEntity.<ConnectionEntity>findById(UserKey.of(sub.firmId, sub.userId)).chain(connection -> tokens
                .forLockedConnection(connection).chain(result -> {
                    if (result instanceof GraphTokens.Unavailable unavailable) {
                        return failed(sub, unavailable.title() + ": " + unavailable.detail());
                    }
                    String accessToken = ((GraphTokens.Issued) result).accessToken();
                    return Offload.blocking(() -> atGraph(accessToken, sub.subscriptionId, sub.pendingAction, policy))
                            .chain(done -> applied(sub, connection, done))
                            .onFailure(GraphCallException.class).recoverWithUni(e -> failed(sub, e.getMessage()));
                }));
    }

    /** Blocking: the Graph side of the work. */
    private Done atGraph(String accessToken, String subscriptionId, String action, SubscriptionPolicy policy) {
        try {
            if (SubscriptionEntity.RECREATE.equals(action)) {
                return recreate(accessToken, policy);
            }
            if (SubscriptionEntity.REAUTHORIZE.equals(action)) {
                graph.reauthorizeSubscription(accessToken, subscriptionId);
            }
            Instant expires = graph.renewSubscription(accessToken, subscriptionId, policy.expirationFrom(Instant.now()));
            return new Done(subscriptionId, expires, null, false);
        } catch (GraphCallException e) {
            if (!e.notFound()) {
                throw e;
            }
            // Graph no longer has it (expired or removed): notifications may have been missed meanwhile
            LOG.infof("subscription %s is gone at Graph; recreating it", subscriptionId);
            return recreate(accessToken, policy);
        }
    }

    private Done recreate(String accessToken, SubscriptionPolicy policy) {
        String clientState = Secrets.random();
        GraphGateway.CreatedSubscription created = graph.createSubscription(accessToken, clientState,
                policy.expirationFrom(Instant.now()));
        return new Done(created.id(), created.expiresAt(), clientState, true);
    }

    private Uni<Void> applied(SubscriptionEntity sub, ConnectionEntity connection, Done done) {
        String previous = sub.subscriptionId;
        sub.subscriptionId = done.subscriptionId();
        sub.expiresAt = done.expiresAt();
        sub.pendingAction = null;
        sub.nextAttemptAt = null;
        sub.lastError = null;
        sub.updatedAt = Instant.now();
        if (done.recreated()) {
            sub.clientStateHash = Secrets.hash(done.newClientState());
            sub.createdAt = sub.updatedAt;
        } else {
            sub.renewals++;
        }
        Uni<Void> persisted = sub.persist().replaceWithVoid();
        if (!done.recreated()) {
            return persisted;
        }
        LOG.infof("subscription %s of user %s/%s replaced by %s; asking for a delta repair", previous, sub.firmId, sub.userId,
                done.subscriptionId());
        return persisted.chain(() -> notifications.publish(new GraphNotification(GraphNotification.Kind.DELTA_REPAIR,
                connection.userId, connection.firmId, connection.mailbox, done.subscriptionId(), null,
                "subscriptionRemoved", sub.resource, null, null, Instant.now())));
    }

    private Uni<Void> failed(SubscriptionEntity sub, String why) {
        LOG.warnf("subscription %s of user %s/%s: maintenance failed, retrying after %s: %s", sub.subscriptionId,
                sub.firmId, sub.userId, config.maintenanceRetryBackoff(), why);
        sub.lastError = why;
        sub.nextAttemptAt = Instant.now().plus(config.maintenanceRetryBackoff());
        sub.updatedAt = Instant.now();
        return sub.persist().replaceWithVoid();
    }
}
