package io.docketsync.sync.plan;

import io.docketsync.contracts.ActivityChanged;
import io.docketsync.contracts.EventCodec;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** activity.changes.v1 → the plan stage ({@link PlanService}), which projects and plans it in one transaction. */
@ApplicationScoped
public class ActivityChangesConsumer {
    @Inject
    PlanService plans;

    @Incoming("activity-changes")
    public Uni<Void> onActivityChanged(String json) {
        return plans.activityChanged(EventCodec.fromJson(json, ActivityChanged.class));
    }
}
