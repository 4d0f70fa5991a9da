package io.docketsync.sync.messaging;

import io.docketsync.contracts.ActivityChanged;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.Origin;
import io.docketsync.sync.persistence.ActivityProjection;
import io.docketsync.sync.persistence.ProcessedEvent;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The plan stage: every activity change becomes the mailbox writes it needs (on sync.mailbox-ops.v1, keyed by
 * mailbox owner) and the pending statuses of users who cannot be written to yet, committed with the projection
 * update in one transaction. A replayed or stale event plans nothing.
 */
@ApplicationScoped
public class ActivityChangesConsumer {
    @Inject
    PlanStage planner;

    @Incoming("activity-changes")
    @WithTransaction
    public Uni<Void> onActivityChanged(String json) {
        EventEnvelope<ActivityChanged> event = EventCodec.fromJson(json, ActivityChanged.class);
        return ProcessedEvent.firstTime(event.id).chain(first -> first ? plan(event) : Uni.createFrom().voidItem());
    }

    private Uni<Void> plan(EventEnvelope<ActivityChanged> event) {
        ActivityChanged change = event.data;
        String activityId = change.activity().id();
        return ActivityProjection.<ActivityProjection>findById(activityId).chain(found -> {
            if (found != null && found.version > change.activity().version()) {
                return Uni.createFrom().voidItem(); // a newer version was planned already
            }
            ActivityProjection p = found == null ? new ActivityProjection() : found;
            p.activityId = activityId;
            p.firmId = change.activity().firmId();
            p.version = change.activity().version();
            p.deleted = change.changeType() == ActivityChanged.ChangeType.DELETED;
            p.snapshot = EventCodec.toJson(change.activity());
            if (event.origin() == null || event.origin().kind() != Origin.Kind.OFFICE365) {
                p.appModifiedAt = change.activity().updatedAt();
            }
            return p.persist().chain(() -> planner.plan(event));
        });
    }
}
