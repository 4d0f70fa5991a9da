package io.docketsync.activity.persistence;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/** Loads a firm's projections (settings, users, connections) in the current session. */
@ApplicationScoped
public class FirmDirectory {

    public Uni<FirmContext> firm(String firmId) {
        return FirmSettingsEntity.<FirmSettingsEntity>findById(firmId).chain(settings -> FirmUserEntity
                .<FirmUserEntity>list("firmId = ?1 order by userId", firmId).chain(users -> ConnectionEntity
                        .<ConnectionEntity>list("firmId", firmId).map(connections -> {
                            Map<String, FirmUserEntity> byUser = new LinkedHashMap<>();
                            users.forEach(u -> byUser.put(u.userId, u));
                            Map<String, ConnectionEntity> byConnection = new LinkedHashMap<>();
                            connections.forEach(c -> byConnection.put(c.userId, c));
                            return new FirmContext(firmId, FirmSettingsEntity.settingsOf(settings),
                                    settings == null ? 0 : settings.version, byUser, byConnection);
                        })));
    }
}
