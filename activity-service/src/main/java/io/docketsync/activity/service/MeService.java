package io.docketsync.activity.service;

import io.docketsync.activity.persistence.FirmContext;
import io.docketsync.activity.persistence.FirmDirectory;
import io.docketsync.activity.persistence.SettingsAppliedEntity;
import io.docketsync.api.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** What this service knows of the caller: their firm's users, permissions and connections, and settings versions. */
@ApplicationScoped
public class MeService {
    @Inject
    FirmDirectory directory;

    /**
     * @param syncWorkerSettingsVersion the firm settings version the sync-worker reported it plans with (0: none yet)
     */
    public record Me(String userId, FirmContext firm, long syncWorkerSettingsVersion) {
    }

    public Uni<Me> me(Caller caller) {
        String userId = caller.userId();
        String firmId = caller.firmId();
        return directory.firm(firmId).chain(firm -> SettingsAppliedEntity.<SettingsAppliedEntity>findById(
                new SettingsAppliedEntity.Key(firmId, SettingsAppliedEntity.SYNC_WORKER))
                .map(worker -> new Me(userId, firm, worker == null ? 0 : worker.version)));
    }
}
