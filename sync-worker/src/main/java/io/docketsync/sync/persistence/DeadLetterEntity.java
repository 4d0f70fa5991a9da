package io.docketsync.sync.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A record of a {@code <topic>.dlq}: what could not be processed, why, whom it concerns, and whether it was
 * replayed (at most once) or settled by a later success. */
@Entity
@Table(name = "dead_letter")
public class DeadLetterEntity extends PanacheEntityBase {
    @Id
    public String id;
    /** The topic the record could not be processed from, where a replay publishes it again. */
    public String topic;
    @Column(name = "dlq_topic")
    public String dlqTopic;
    @Column(name = "dlq_partition")
    public int dlqPartition;
    @Column(name = "dlq_offset")
    public long dlqOffset;
    @Column(name = "message_key")
    public String messageKey;
    public String reason;
    public String payload;
    @Column(name = "firm_id")
    public String firmId;
    @Column(name = "activity_id")
    public String activityId;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "replayed_at")
    public Instant replayedAt;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
}
