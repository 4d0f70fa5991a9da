package io.docketsync.settings.persistence;

import io.docketsync.contracts.Origin;
import io.docketsync.contracts.Permission;
import io.docketsync.settings.messaging.SettingsPublisher;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** DESIGN.md section 5's demo firm, loaded by the local run (docketsync.settings.demo-data=true) when absent. */
@ApplicationScoped
public class DemoData {
    private static final Logger LOG = Logger.getLogger(DemoData.class);
    public static final String FIRM = "hale-marsh";

    @ConfigProperty(name = "docketsync.settings.demo-data")
    boolean enabled;
    @Inject
    SettingsPublisher publisher;

    void load(@Observes StartupEvent ignored) {
        if (!enabled) {
            return;
        }
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> FirmEntity.<FirmEntity>findById(FIRM).chain(existing -> {
            if (existing != null) {
                return io.smallrye.mutiny.Uni.createFrom().voidItem();
            }
            FirmEntity firm = new FirmEntity();
            firm.firmId = FIRM;
            return firm.persist()
                    .chain(() -> FirmUserEntity.persist(List.of(
                            user("alice", "Alice Hale", true, Permission.ANY, Permission.ANY),
                            user("bob", "Bob Marsh", false, Permission.OWN, Permission.OWN),
                            user("carol", "Carol Reed", false, Permission.NONE, Permission.NONE),
                            user("dave", "Dave Stone", false, Permission.OWN, Permission.OWN))))
                    .chain(() -> publisher.firmChanged(firm, Origin.system()))
                    .invoke(() -> LOG.infof("demo firm %s loaded", FIRM));
            })));
        } catch (Throwable e) {
            throw new IllegalStateException("demo data could not be loaded: " + e.getMessage(), e);
        }
    }

    private static FirmUserEntity user(String id, String name, boolean admin, Permission edit, Permission delete) {
        FirmUserEntity u = new FirmUserEntity();
        u.id = new FirmUserEntity.Key(FIRM, id);
        u.displayName = name;
        u.email = id + "@halemarsh.test";
        u.admin = admin;
        u.editPermission = edit;
        u.deletePermission = delete;
        return u;
    }
}
