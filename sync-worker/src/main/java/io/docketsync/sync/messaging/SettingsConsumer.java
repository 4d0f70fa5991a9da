package io.docketsync.sync.messaging;

import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.SettingsApplied;
import io.docketsync.contracts.SettingsChanged;
import io.docketsync.sync.persistence.FirmProjection;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps each firm's settings and users (compacted topic: the latest record is the whole state). */
@ApplicationScoped
public class SettingsConsumer {
    @Inject
    SyncPublisher publisher;

    @Incoming("settings")
    @WithTransaction
    public Uni<Void> onSettingsChanged(String json) {
        EventEnvelope<SettingsChanged> env = EventCodec.fromJson(json, SettingsChanged.class);
        SettingsChanged s = env.data;
        return FirmProjection.<FirmProjection>findById(s.firmId()).chain(found -> {
            if (found != null && found.version > s.version()) {
                return Uni.createFrom().voidItem(); // an older state than the one we hold
            }
            boolean newer = found == null || found.version < s.version();
            FirmProjection firm = found == null ? new FirmProjection() : found;
            firm.apply(s, env.time == null ? Instant.now() : env.time);
            // told once per version, so a front end knows when its settings change is in effect here too
            return firm.persist().chain(() -> newer ? publisher.settingsApplied(new SettingsApplied(s.firmId(),
                    s.version(), Instant.now())) : Uni.createFrom().voidItem());
        });
    }
}
