package io.docketsync.outbox;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {
    /** IDENTITY: the row is inserted at persist time, after the caller's change was flushed (see {@link Outbox}). */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;
    @Column(name = "event_id", nullable = false, unique = true)
    public UUID eventId;
    @Column(nullable = false)
    public String topic;
    @Column(name = "message_key", nullable = false)
    public String messageKey;
    @Column(name = "event_type", nullable = false)
    public String eventType;
    @Column(nullable = false)
    public String payload;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
