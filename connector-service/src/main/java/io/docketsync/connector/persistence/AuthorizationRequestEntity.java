package io.docketsync.connector.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A started Connect flow: found by the hash of its state, deleted by its callback (single use). */
@Entity
@Table(name = "authorization_request")
public class AuthorizationRequestEntity extends PanacheEntityBase {
    @Id
    @Column(name = "state_hash")
    public String stateHash;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "firm_id")
    public String firmId;
    /** Sealed (TokenCipher), context {@link #verifierContext(String)}. */
    @Column(name = "code_verifier")
    public String codeVerifier;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "created_at")
    public Instant createdAt;

    public static String verifierContext(String stateHash) {
        return "pkce-verifier:" + stateHash;
    }
}
