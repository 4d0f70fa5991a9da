package io.docketsync.sync.plan;

import io.docketsync.contracts.ConnectionChanged;
import io.docketsync.contracts.ConnectionState;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.SettingsApplied;
import io.docketsync.contracts.SettingsChanged;
import io.docketsync.sync.messaging.SyncEvents;
import io.docketsync.sync.messaging.SyncPublisher;
import io.docketsync.sync.persistence.FirmProjection;
import io.docketsync.sync.persistence.MailboxConnectionEntity;
import io.docketsync.sync.persistence.PlanLock;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * What the plan stage plans against: each firm's settings and users, and each user's connection. Replays and stale
 * events change nothing (compared by version, or by the connection's time); a user who connects has what waited
 * for them planned again. In the caller's transaction.
 */
@ApplicationScoped
public class ProjectionService {
    @Inject
    PlanService plans;
    @Inject
    SyncPublisher publisher;
    @Inject
    Reconnects reconnects;

    public Uni<Void> settingsChanged(EventEnvelope<SettingsChanged> env) {
        SettingsChanged s = env.data;
        return FirmProjection.<FirmProjection>findById(s.firmId()).chain(found -> {
            if (found != null && found.version > s.version()) {
                return Uni.createFrom().voidItem(); // an older state than the one we hold
            }
            boolean newer = found == null || found.version < s.version();
            FirmProjection firm = found == null ? new FirmProjection() : found;
            firm.apply(s, env.time == null ? Instant.now() : env.time);
            // told once per version, so a front end knows when its settings change is in effect here too
            return firm.persist().chain(() -> newer ? publisher.publish(SyncEvents.settingsApplied(
                    new SettingsApplied(s.firmId(), s.version(), Instant.now()))) : Uni.createFrom().voidItem());
        });
    }

    public Uni<Void> connectionChanged(EventEnvelope<ConnectionChanged> event) {
        // the firm's plans wait, and this waits for those under way: the replay below sees every change planned
        // while the user was not yet known connected here
        return PlanLock.connecting(event.data.firmId()).chain(() -> take(event));
    }

    private Uni<Void> take(EventEnvelope<ConnectionChanged> event) {
        ConnectionChanged c = event.data;
        return MailboxConnectionEntity.<MailboxConnectionEntity>findById(c.user()).chain(found -> {
            if (found != null && (event.id.equals(found.eventId)
                    || (found.since != null && c.since() != null && c.since().isBefore(found.since)))) {
                return Uni.createFrom().voidItem();
            }
            // decided before the row (which may be `found` itself) takes the new state
            boolean reconnected = c.state() == ConnectionState.CONNECTED
                    && (found == null || found.state != ConnectionState.CONNECTED);
            MailboxConnectionEntity row = found == null ? new MailboxConnectionEntity() : found;
            row.take(c, event.id);
            // a mailbox connected: links to another one retired, its own retired links back (issue 18); a
            // disconnection changes no link and deletes nothing
            return row.persist()
                    .chain(() -> c.state() == ConnectionState.CONNECTED ? reconnects.connected(c.user(), c.mailbox())
                            : Uni.createFrom().voidItem())
                    .chain(() -> reconnected ? plans.replayOnConnect(c.user(), c.since()) : Uni.createFrom().voidItem());
        });
    }
}
