package io.docketsync.sync.persistence;

import io.docketsync.sync.domain.StableIds;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A linked deletion from Outlook that was applied: what the deletion-burst valve counts in its window. */
@Entity
@Table(name = "applied_deletion")
public class AppliedDeletionEntity extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "firm_id")
    public String firmId;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "applied_at")
    public Instant appliedAt;

    /** Recorded once per event (a second notification of the same deletion counts once). */
    public static Uni<Void> record(String firmId, String userId, String eventId, Instant at) {
        return Panache.getSession().chain(session -> session.createMutationQuery(
                "insert into AppliedDeletionEntity (id, firmId, userId, eventId, appliedAt) values (:id, :f, :u, :e, :at) "
                        + "on conflict do nothing")
                .setParameter("id", StableIds.appliedDeletion(firmId, userId, eventId)).setParameter("f", firmId)
                .setParameter("u", userId).setParameter("e", eventId).setParameter("at", at).executeUpdate())
                .replaceWithVoid();
    }

    public static Uni<Long> since(String firmId, String userId, Instant from) {
        return count("firmId = ?1 and userId = ?2 and appliedAt >= ?3", firmId, userId, from);
    }
}
