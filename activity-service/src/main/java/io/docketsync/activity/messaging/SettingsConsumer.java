package io.docketsync.activity.messaging;

import io.docketsync.activity.persistence.FirmSettingsEntity;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.SettingsChanged;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps the firms' push defaults from the compacted settings topic; older versions change nothing. */
@ApplicationScoped
public class SettingsConsumer {

    @Incoming("settings")
    @WithTransaction
    public Uni<Void> onSettingsChanged(String json) {
        SettingsChanged s = EventCodec.fromJson(json, SettingsChanged.class).data;
        return FirmSettingsEntity.<FirmSettingsEntity>findById(s.firmId()).chain(found -> {
            if (found != null && found.version > s.version()) {
                return Uni.createFrom().voidItem();
            }
            FirmSettingsEntity f = found == null ? new FirmSettingsEntity() : found;
            f.firmId = s.firmId();
            f.alwaysPushAppointments = s.settings().alwaysPushAppointments();
            f.alwaysPushTasks = s.settings().alwaysPushTasks();
            f.version = s.version();
            return f.persist().replaceWithVoid();
        });
    }
}
