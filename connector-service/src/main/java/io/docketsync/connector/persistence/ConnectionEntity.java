package io.docketsync.connector.persistence;

import io.docketsync.contracts.ConnectionChanged;
import io.docketsync.contracts.ConnectionState;
import io.docketsync.contracts.UserKey;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

@Entity
@Table(name = "connection")
@IdClass(UserKey.class)
public class ConnectionEntity extends PanacheEntityBase {
    @Id
    @Column(name = "firm_id")
    public String firmId;
    @Id
    @Column(name = "user_id")
    public String userId;
    @Enumerated(EnumType.STRING)
    public ConnectionState state;
    public String mailbox;
    public Instant since;
    @Column(name = "last_error")
    public String lastError;
    @Version
    public long version;

    public UserKey key() {
        return UserKey.of(firmId, userId);
    }

    public ConnectionChanged toEvent() {
        return new ConnectionChanged(userId, firmId, state, mailbox, since, lastError);
    }
}
