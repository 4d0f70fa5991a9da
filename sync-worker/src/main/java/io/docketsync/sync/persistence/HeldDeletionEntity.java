package io.docketsync.sync.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A linked deletion from Outlook the deletion-burst valve held instead of applying (issue 18). */
@Entity
@Table(name = "held_deletion")
public class HeldDeletionEntity extends PanacheEntityBase {
    public static final String HELD = "HELD";
    public static final String APPLIED = "APPLIED";
    public static final String REJECTED = "REJECTED";

    @Id
    public String id;
    @Column(name = "firm_id")
    public String firmId;
    @Column(name = "user_id")
    public String userId;
    public String mailbox;
    @Column(name = "activity_id")
    public String activityId;
    @Column(name = "event_id")
    public String eventId;
    /** The user's link role for the deleted event (COPY, ORGANIZER, ATTENDEE). */
    public String role;
    /** What the inbound rules decided: DELETE_ACTIVITY or REMOVE_USER. */
    public String kind;
    public String reason;
    @Column(name = "held_at")
    public Instant heldAt;
    public String state;
    @Column(name = "decided_by")
    public String decidedBy;
    @Column(name = "decided_at")
    public Instant decidedAt;

    /** Held and not yet decided, in this user's mailbox. */
    public static io.smallrye.mutiny.Uni<Long> heldCount(String firmId, String userId) {
        return count("firmId = ?1 and userId = ?2 and state = ?3", firmId, userId, HELD);
    }
}
