package io.docketsync.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "docketsync.outbox")
public interface OutboxConfig {
    /** Off for a service instance that must not publish (e.g. a read replica). */
    @WithDefault("true")
    boolean relayEnabled();

    /** How long the relay waits when nothing is waiting to be published. */
    @WithDefault("PT0.05S")
    Duration idleWait();

    @WithDefault("500")
    int batchSize();
}
