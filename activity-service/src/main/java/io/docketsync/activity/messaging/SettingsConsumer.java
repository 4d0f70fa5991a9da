package io.docketsync.activity.messaging;

import io.docketsync.activity.service.ProjectionService;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.SettingsChanged;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps each firm's push defaults and users with their permissions from the compacted settings topic. Every
 * record is the firm's whole state, so it replaces what was kept; an older version changes nothing, the same
 * version read again writes the same rows.
 */
@ApplicationScoped
public class SettingsConsumer {
    @Inject
    ProjectionService projections;

    @Incoming("settings")
    @WithTransaction
    public Uni<Void> onSettingsChanged(String json) {
        return projections.settingsChanged(EventCodec.fromJson(json, SettingsChanged.class).data);
    }
}
