package io.docketsync.connector.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A connected user's tokens, sealed with TokenCipher (never in clear; see {@link #context}). */
@Entity
@Table(name = "credential")
public class CredentialEntity extends PanacheEntityBase {
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

    /** The associated data a token is sealed with: a sealed token opens only in its own row and column. */
    public static String context(String userId, String which) {
        return which + "-token:" + userId;
    }

    @Override
    public String toString() {
        return "CredentialEntity[" + userId + ", access token expires " + accessExpiresAt + "]";
    }
}
