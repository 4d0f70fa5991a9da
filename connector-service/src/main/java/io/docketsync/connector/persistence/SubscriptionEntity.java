package io.docketsync.connector.persistence;

import io.docketsync.contracts.UserKey;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;

/** A user's Graph change-notification subscription on their events (one per user). */
@Entity
@Table(name = "graph_subscription")
@IdClass(UserKey.class)
public class SubscriptionEntity extends PanacheEntityBase {
    public static final String REAUTHORIZE = "REAUTHORIZE";
    public static final String RECREATE = "RECREATE";

    @Id
    @Column(name = "firm_id")
    public String firmId;
    @Id
    @Column(name = "user_id")
    public String userId;
    @Column(name = "subscription_id")
    public String subscriptionId;
    @Column(name = "client_state_hash")
    public String clientStateHash;
    public String resource;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "pending_action")
    public String pendingAction;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    public int renewals;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
