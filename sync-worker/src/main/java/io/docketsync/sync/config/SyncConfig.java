package io.docketsync.sync.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.time.Period;

/** The sync-worker's settings ({@code docketsync.sync.*}); each has a local default in application.properties. */
@ConfigMapping(prefix = "docketsync.sync")
public interface SyncConfig {
    /** Graph: the simulator locally, https://graph.microsoft.com/v1.0 in production. */
    String graphBaseUrl();

    /** {@code connector}: each user's delegated token from connector-service; {@code app}: one app-only token. */
    String tokenSource();

    /** connector-service's base URL (the token endpoint). */
    String connectorUrl();

    /** The internal service credential connector-service expects. */
    String connectorCredential();

    /** How long a mailbox op keeps waiting out Graph's throttling before it is reported failed. */
    Duration throttlePatience();

    /** How long a read (a notified event, a delta round, an import's calendar) waits out Graph's throttling. */
    Duration readPatience();

    /** How often a notification of an event holding our unrecorded write is read again before it is judged as is. */
    long ownWriteRetries();

    @WithName("delta-window-back")
    Period deltaWindowBack();

    @WithName("delta-window-ahead")
    Period deltaWindowAhead();

    /** Mailbox ops one write of a consumer takes at most: its polls that came while the last write was out. */
    int opsPerWrite();

    /** A write of the write stage out longer than this is logged as a warning, with what its threads are doing. */
    Duration writeStallWarning();

    /** Requests per {@code $batch} (Graph takes at most 20). */
    int batchSize();

    /** $batches in flight per mailbox: Graph runs 4 requests of a batch at once, Outlook allows 4 per mailbox. */
    int maxInFlightPerMailbox();

    /**
     * Graph requests in flight per mailbox in this instance, reads and writes together, a $batch counting the up to
     * 4 of its requests Graph runs at once (Outlook allows 4 concurrent requests per app and mailbox).
     */
    int graphRequestsPerMailbox();

    /** Threads that make the blocking Graph SDK calls (reads, writes, tokens) for the reactive flows. */
    int graphThreads();

    CircuitBreaker circuitBreaker();

    /** Notifications received and not judged yet, over all users, before this instance stops taking more. */
    int inboundInFlight();

    /** Per mailbox: when {@code failureRatio} of the last {@code requestVolume} batches failed, pause for {@code delay}. */
    interface CircuitBreaker {
        int requestVolume();

        double failureRatio();

        Duration delay();
    }
}
