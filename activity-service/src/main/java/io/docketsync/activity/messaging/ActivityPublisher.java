package io.docketsync.activity.messaging;

import io.docketsync.activity.persistence.ActivityEntity;
import io.docketsync.contracts.ActivityChanged;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.Topics;
import io.docketsync.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** Announces activity changes (full snapshot) on activity.changes.v1, in the caller's transaction. */
@ApplicationScoped
public class ActivityPublisher {
    static final String SOURCE = "/docketsync/activity-service";

    @Inject
    Outbox outbox;

    public Uni<Void> changed(ActivityChanged.ChangeType type, ActivityEntity a, List<String> previousScheduledFor,
            Origin origin) {
        return outbox.append(Topics.ACTIVITY_CHANGES, a.id, EventEnvelope.of(SOURCE, ActivityChanged.TYPE, a.id,
                a.firmId, origin, new ActivityChanged(type, a.snapshot(), previousScheduledFor)));
    }
}
