package io.docketsync.sync.plan;

import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.SettingsChanged;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** settings.changes.v1 (compacted: the latest record is the firm's whole state) → {@link ProjectionService}. */
@ApplicationScoped
public class SettingsConsumer {
    @Inject
    ProjectionService projections;

    @Incoming("settings")
    @WithTransaction
    public Uni<Void> onSettingsChanged(String json) {
        return projections.settingsChanged(EventCodec.fromJson(json, SettingsChanged.class));
    }
}
