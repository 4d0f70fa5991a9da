package io.docketsync.connector.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.docketsync.contracts.UserKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;

/** A connected user's tokens, sealed with TokenCipher (never in clear; see {@link #context}). */
@Entity
@Table(name = "credential")
@IdClass(UserKey.class)
public class CredentialEntity extends PanacheEntityBase {
    @Id
    @Column(name = "firm_id")
    public String firmId;
    @Id
    @Column(name = "user_id")
    public String userId;
    @Column(name = "refresh_token")
    public String refreshToken;
    @Column(name = "access_token")
    public String accessToken;
    @Column(name = "access_expires_at")
    public Instant accessExpiresAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The associated data a token is sealed with: a sealed token opens only in its own row and column (a row
     * copied to the same user id of another firm does not open). */
    public static String context(String firmId, String userId, String which) {
        return which + "-token:" + UserKey.of(firmId, userId).kafkaKey();
    }

    /** Before issue 13 tokens were bound to the user id alone; such rows still open, and are sealed anew when they
     * are next stored (a rolling upgrade loses no connection). */
    public static String legacyContext(String userId, String which) {
        return which + "-token:" + userId;
    }

    /**
     * Erases the user's tokens with a query, never a loaded entity's {@code delete()}: with requests at the same
     * moment, Hibernate Reactive completed such a delete on another request's event loop (HR000069,
     * quarkusio/quarkus#41945).
     */
    public static io.smallrye.mutiny.Uni<Long> erase(String firmId, String userId) {
        return delete("firmId = ?1 and userId = ?2", firmId, userId);
    }

    @Override
    public String toString() {
        return "CredentialEntity[" + firmId + "/" + userId + ", access token expires " + accessExpiresAt + "]";
    }
}
