package io.docketsync.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "docketsync.outbox")
public interface OutboxConfig {
    /** Off for a service instance that must not publish (e.g. a read replica). */
    @WithDefault("true")
    boolean relayEnabled();

    /**
     * How long the relay waits between polls while it is not listening for the outbox's notifications (before its
     * LISTEN connection is up, and while it reconnects).
     */
    @WithDefault("PT0.05S")
    Duration idleWait();

    /**
     * How long the relay waits for a notification before it looks anyway (a notification lost with its connection,
     * rows written by something without the trigger).
     */
    @WithDefault("PT5S")
    Duration fallbackPoll();

    @WithDefault("500")
    int batchSize();

    /**
     * How many workers of this instance publish at once, each its share of the outbox's lanes (a lane holds the
     * events of the keys that hash to it, so each key is published by one worker at a time, in order).
     */
    @WithDefault("2")
    int workers();
}
