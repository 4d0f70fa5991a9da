package io.docketsync.activity.messaging;

import io.docketsync.activity.persistence.FirmSettingsEntity;
import io.docketsync.activity.persistence.FirmUserEntity;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.SettingsChanged;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps each firm's push defaults and users with their permissions from the compacted settings topic. Every
 * record is the firm's whole state, so it replaces what was kept; an older version changes nothing, the same
 * version read again writes the same rows.
 */
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
            List<FirmUserEntity> users = (s.users() == null ? List.<io.docketsync.contracts.FirmUser>of() : s.users())
                    .stream().map(u -> FirmUserEntity.of(s.firmId(), u)).toList();
            return f.persist()
                    .chain(() -> FirmUserEntity.delete("firmId", s.firmId()))
                    .chain(() -> FirmUserEntity.persist(users));
        });
    }
}
