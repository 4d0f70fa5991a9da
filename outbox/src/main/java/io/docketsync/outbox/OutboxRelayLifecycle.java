package io.docketsync.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.Producer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Runs the relay on its own thread for the life of the service, and reports it in readiness and metrics. */
@ApplicationScoped
@Readiness
public class OutboxRelayLifecycle implements HealthCheck {
    @Inject
    Pool pool;
    @Inject
    OutboxConfig config;
    @Inject
    MeterRegistry registry;
    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrapServers;
    @ConfigProperty(name = "quarkus.application.name", defaultValue = "docketsync")
    String applicationName;

    private Producer<String, String> producer;
    private OutboxRelay relay;
    private Thread thread;

    void start(@Observes StartupEvent ignored) {
        if (!config.relayEnabled()) {
            return;
        }
        producer = OutboxProducers.create(bootstrapServers, applicationName + "-outbox");
        relay = new OutboxRelay(pool, producer, config.batchSize(), config.idleWait());
        registry.gauge("docketsync.outbox.published", relay, OutboxRelay::published);
        thread = new Thread(relay, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        if (relay != null) {
            relay.stop();
            thread.join(5_000);
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
        builder.withData("published", relay.published());
        if (!thread.isAlive()) {
            return builder.down().withData("error", "relay thread stopped").build();
        }
        return failure == null ? builder.up().build() : builder.down().withData("error", String.valueOf(failure.getMessage())).build();
    }
}
