package io.docketsync.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import org.apache.kafka.clients.producer.Producer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Runs the relay's workers for the life of the service, wakes them when PostgreSQL notifies the outbox's channel
 * ({@link ChannelListener}), and reports the relay in readiness and metrics.
 */
@ApplicationScoped
@Readiness
public class OutboxRelayLifecycle implements HealthCheck {
    @Inject
    Pool pool;
    @Inject
    Vertx vertx;
    @Inject
    OutboxConfig config;
    @Inject
    MeterRegistry registry;
    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrapServers;
    @ConfigProperty(name = "quarkus.application.name", defaultValue = "docketsync")
    String applicationName;
    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    Optional<String> databaseUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> databaseUser;
    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> databasePassword;

    private Producer<String, String> producer;
    private OutboxRelay relay;
    private ChannelListener listener;

    void start(@Observes StartupEvent ignored) {
        if (!config.relayEnabled()) {
            return;
        }
        producer = OutboxProducers.create(bootstrapServers, applicationName + "-outbox");
        relay = new OutboxRelay(pool, producer, config.batchSize(), config.idleWait(), config.fallbackPoll(),
                config.workers());
        registry.gauge("docketsync.outbox.published", relay, OutboxRelay::published);
        registry.gauge("docketsync.outbox.rounds", relay, OutboxRelay::rounds);
        relay.start("outbox-relay");
        databaseUrl.ifPresent(url -> listener = ChannelListener.outbox(vertx, ChannelListener.options(url,
                databaseUser.orElse(null), databasePassword.orElse(null)), relay));
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        if (relay != null) {
            if (listener != null) {
                listener.close();
            }
            relay.stop();
            relay.join(5_000);
            producer.close();
        }
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("outbox-relay");
        if (relay == null) {
            return builder.up().withData("enabled", false).build();
        }
        Throwable failure = relay.lastFailure();
        builder.withData("published", relay.published()).withData("listening", relay.listening());
        if (!relay.alive()) {
            return builder.down().withData("error", "relay thread stopped").build();
        }
        return failure == null ? builder.up().build() : builder.down().withData("error", String.valueOf(failure.getMessage())).build();
    }
}
