package io.docketsync.settings.messaging;

import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.SettingsChanged;
import io.docketsync.contracts.Topics;
import io.docketsync.outbox.Outbox;
import io.docketsync.settings.persistence.FirmEntity;
import io.docketsync.settings.persistence.FirmUserEntity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Announces a firm's whole state on the compacted settings topic, in the caller's transaction. */
@ApplicationScoped
public class SettingsPublisher {
    static final String SOURCE = "/docketsync/settings-service";

    @Inject
    Outbox outbox;

    public Uni<Void> firmChanged(FirmEntity firm, Origin origin) {
        // flushed first: the event carries the users just saved and the version the database gave this change; the
        // only flush (reading the users changes nothing, so the outbox needs no other)
        return Panache.getSession().chain(s -> s.flush())
                .chain(() -> FirmUserEntity.<FirmUserEntity>list("id.firmId = ?1 order by id.userId", firm.firmId))
                .chain(users -> {
                    var data = new SettingsChanged(firm.firmId, firm.settings(),
                            users.stream().map(FirmUserEntity::toContract).toList(), firm.version);
                    return outbox.appendFlushed(Topics.SETTINGS_CHANGES, firm.firmId,
                            EventEnvelope.of(SOURCE, SettingsChanged.TYPE, firm.firmId, firm.firmId, origin, data));
                });
    }
}
