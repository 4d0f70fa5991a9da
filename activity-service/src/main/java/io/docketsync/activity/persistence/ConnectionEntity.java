package io.docketsync.activity.persistence;

import io.docketsync.contracts.ConnectionState;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A user's Office 365 connection, as connector-service last published it on connections.v1. */
@Entity
@Table(name = "user_connection")
public class ConnectionEntity extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "firm_id")
    public String firmId;
    @Column(name = "user_id")
    public String userId;
    @Enumerated(EnumType.STRING)
    public ConnectionState state;
    public String mailbox;
    public Instant since;
    @Column(name = "last_error")
    public String lastError;
}
