package io.docketsync.sync.messaging;

import io.docketsync.contracts.UserKey;
import io.docketsync.contracts.ConnectionChanged;
import io.docketsync.contracts.ConnectionState;
import io.docketsync.sync.persistence.ActivityProjection;
import io.docketsync.sync.persistence.PendingWrite;
import jakarta.inject.Inject;
import io.docketsync.contracts.EventCodec;
import io.docketsync.sync.persistence.MailboxConnectionEntity;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps the worker's projection of users' connections (replays and stale events change nothing), and replays
 * the writes that waited for a user when they connect. */
@ApplicationScoped
public class ConnectionsConsumer {
    @Inject
    PlanStage planner;

    @Incoming("connections")
    @WithTransaction
    public Uni<Void> onConnectionChanged(String json) {
        var event = EventCodec.fromJson(json, ConnectionChanged.class);
        ConnectionChanged c = event.data;
        return MailboxConnectionEntity.<MailboxConnectionEntity>findById(c.user()).chain(found -> {
            MailboxConnectionEntity row = found == null ? new MailboxConnectionEntity() : found;
            if (found != null && (event.id.equals(found.eventId)
                    || (found.since != null && c.since() != null && c.since().isBefore(found.since)))) {
                return Uni.createFrom().voidItem();
            }
            // decided before the row (which may be `found` itself) takes the new state
            boolean reconnected = c.state() == ConnectionState.CONNECTED
                    && (found == null || found.state != ConnectionState.CONNECTED);
            row.userId = c.userId();
            row.firmId = c.firmId();
            row.state = c.state();
            row.mailbox = c.mailbox();
            row.since = c.since();
            row.lastError = c.lastError();
            row.eventId = event.id;
            row.updatedAt = Instant.now();
            return row.persist().chain(() -> reconnected ? replayPending(c.user()) : Uni.createFrom().voidItem());
        });
    }

    /** What waited for this user is planned again now that their mailbox can be written to. */
    private Uni<Void> replayPending(UserKey user) {
        return PendingWrite.<PendingWrite>list("firmId = ?1 and id.userId = ?2", user.firmId(), user.userId())
                .chain(pending -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (PendingWrite w : pending) {
                chain = chain.chain(() -> ActivityProjection.<ActivityProjection>findById(w.id.activityId)
                        .chain(a -> a == null || a.deleted ? Uni.createFrom().voidItem()
                                : planner.plan(PlanStage.asItStands(a))));
            }
            return chain;
        });
    }
}
