package io.docketsync.activity.persistence;

import io.docketsync.activity.ActivityConfig;
import io.docketsync.outbox.ChannelListener;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A firm's projections (settings, users, connections), kept in memory between requests: a save reads them from the
 * database only the first time, or after they changed. Whoever changes a firm's projections calls
 * {@link #changed(String)} in that transaction, which NOTIFYs every instance of the service when it commits; each
 * forgets the firm then. While an instance does not listen (starting, or its connection lost) it reads every time,
 * and it forgets everything when it listens again. The entities handed out are read-only copies: never change them.
 */
@ApplicationScoped
public class FirmDirectory {
    static final String CHANNEL = "activity_firm_changed";
    /** A belt to the notifications' braces: nothing is kept longer than this. */
    private static final Duration MAX_AGE = Duration.ofMinutes(5);

    private record Kept(FirmContext firm, long at) {
        boolean fresh() {
            return System.nanoTime() - at < MAX_AGE.toNanos();
        }
    }

    private final Map<String, Kept> kept = new ConcurrentHashMap<>();
    /** Moves on with every forgetting, so that a read begun before a change is not kept after it. */
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean listening;
    private ChannelListener listener;

    @Inject
    Vertx vertx;
    @Inject
    ActivityConfig config;
    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    Optional<String> databaseUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> databaseUser;
    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> databasePassword;

    void start(@Observes StartupEvent ignored) {
        if (config.firmCache() && databaseUrl.isPresent()) {
            listener = ChannelListener.listen(vertx, ChannelListener.options(databaseUrl.get(),
                    databaseUser.orElse(null), databasePassword.orElse(null)), CHANNEL, this::forget, this::listening);
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (listener != null) {
            listener.close();
        }
    }

    /** The firm as kept, or read in the current session (three queries) and kept. */
    public Uni<FirmContext> firm(String firmId) {
        Kept k = listening ? kept.get(firmId) : null;
        if (k != null && k.fresh()) {
            return Uni.createFrom().item(k.firm());
        }
        long before = generation.get();
        return load(firmId).invoke(firm -> {
            if (listening && generation.get() == before) {
                kept.put(firmId, new Kept(firm, System.nanoTime()));
            }
        });
    }

    /**
     * The firm's settings, users or connections change in the current transaction: every instance forgets what it
     * keeps of the firm once the transaction commits (nothing happens if it rolls back).
     */
    public Uni<Void> changed(String firmId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "SELECT count(*) FROM (SELECT pg_notify(?1, ?2)) AS notified", Long.class)
                .setParameter(1, CHANNEL).setParameter(2, firmId).getSingleResult()).replaceWithVoid();
    }

    private void forget(String firmId) {
        generation.incrementAndGet();
        kept.remove(firmId);
    }

    private void listening(boolean now) {
        listening = now;
        generation.incrementAndGet();
        kept.clear();
    }

    /** Read in the current session, then detached from it: its flushes never look at them. */
    private static Uni<FirmContext> load(String firmId) {
        return FirmSettingsEntity.<FirmSettingsEntity>findById(firmId)
                .chain(settings -> FirmUserEntity.<FirmUserEntity>list("firmId = ?1 order by userId", firmId)
                        .chain(users -> ConnectionEntity.<ConnectionEntity>list("firmId", firmId)
                                .chain(connections -> Panache.getSession().map(session -> {
                                    Map<String, FirmUserEntity> byUser = new LinkedHashMap<>();
                                    for (FirmUserEntity u : users) {
                                        session.detach(u);
                                        byUser.put(u.userId, u);
                                    }
                                    Map<String, ConnectionEntity> byConnection = new LinkedHashMap<>();
                                    for (ConnectionEntity c : connections) {
                                        session.detach(c);
                                        byConnection.put(c.userId, c);
                                    }
                                    if (settings != null) {
                                        session.detach(settings);
                                    }
                                    return new FirmContext(firmId, FirmSettingsEntity.settingsOf(settings),
                                            settings == null ? 0 : settings.version,
                                            java.util.Collections.unmodifiableMap(byUser),
                                            java.util.Collections.unmodifiableMap(byConnection));
                                }))));
    }
}
