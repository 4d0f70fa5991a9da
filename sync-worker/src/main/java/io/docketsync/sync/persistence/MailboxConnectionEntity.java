package io.docketsync.sync.persistence;

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
import java.time.Instant;

@Entity
@Table(name = "mailbox_connection")
@IdClass(UserKey.class)
public class MailboxConnectionEntity extends PanacheEntityBase {
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
    /** The last event applied, so a replayed event is recognised. */
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "updated_at")
    public Instant updatedAt;
    /** Deletions from this mailbox the deletion-burst valve holds for a decision (0: no hold is active). */
    @Column(name = "held_deletions")
    public int heldDeletions;
    /** Since when the hold is active (null: none). */
    @Column(name = "hold_since")
    public Instant holdSince;

    /** The connection as the event tells it; {@code eventId} marks it, so a replay of the event changes nothing. */
    public void take(ConnectionChanged c, String eventId) {
        userId = c.userId();
        firmId = c.firmId();
        state = c.state();
        mailbox = c.mailbox();
        since = c.since();
        lastError = c.lastError();
        this.eventId = eventId;
        updatedAt = Instant.now();
    }
}
