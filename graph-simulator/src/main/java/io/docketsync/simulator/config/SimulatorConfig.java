package io.docketsync.simulator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** docketsync.simulator.*: every key has a default that runs locally (see application.properties). */
@ConfigMapping(prefix = "docketsync.simulator")
public interface SimulatorConfig {
    /** Load the halemarsh.test tenant with alice, bob, carol (Exchange Online) and dave (on-premises). */
    @WithDefault("true")
    boolean demoData();

    @WithDefault("docketsync-local")
    String clientId();

    @WithDefault("docketsync-local-secret")
    String clientSecret();

    /**
     * The client that POST /_sim/token tokens are issued to unless the request names one: "the user's Outlook"
     * (Microsoft Office's public client id), so that a test acting as the user in Outlook spends that app's
     * per-mailbox budget, as a real user does, not docketsync's.
     */
    @WithDefault("d3590ed6-52b3-4102-aeff-aad2292ab01c")
    String outlookClientId();

    @WithDefault("PT1H")
    Duration accessTokenLifetime();

    @WithDefault("P90D")
    Duration refreshTokenLifetime();

    @WithDefault("PT10M")
    Duration authCodeLifetime();

    /**
     * How long a calendarView delta token stays usable (Graph documents that tokens expire and are then answered 410
     * Gone / syncStateNotFound; for Outlook the duration is not fixed). POST /_sim/users/{user}/expire-delta-tokens
     * ends a mailbox's tokens at once.
     */
    @WithDefault("P7D")
    Duration deltaTokenLifetime();

    /** Graph's default page size for events and calendarView. */
    @WithDefault("10")
    int pageSize();

    Limits limits();

    Subscriptions subscriptions();

    Notifications notifications();

    Latency latency();

    @WithDefault("10000")
    int requestLogSize();

    interface Limits {
        /** Outlook's budget: 10,000 requests per app and mailbox in 10 minutes. */
        @WithDefault("10000")
        int requestsPerWindow();

        @WithDefault("PT10M")
        Duration window();

        /** Outlook's limit of concurrent requests per app and mailbox. */
        @WithDefault("4")
        int maxConcurrent();

        /**
         * Whether a 429's Retry-After may carry a fraction of a second ("2.128", as Graph's throttling guidance
         * shows it); false rounds every wait up to whole seconds.
         */
        @WithDefault("true")
        boolean fractionalRetryAfter();
    }

    interface Subscriptions {
        /** Graph gives the notification endpoint 10 seconds to answer the validation request. */
        @WithDefault("PT10S")
        Duration validationTimeout();

        /** Graph's maximum subscription length for Outlook events. */
        @WithDefault("10080")
        long maxExpirationMinutes();

        /**
         * Graph requires HTTPS notification URLs. True also accepts http:// to a loopback host (localhost, 127.0.0.1,
         * ::1), for local runs and tests whose receivers have no certificate; other http:// URLs stay refused.
         */
        @WithDefault("false")
        boolean allowHttpLoopbackNotifications();
    }

    interface Notifications {
        /** Graph waits 3 seconds for a 2xx from the notification endpoint. */
        @WithDefault("PT3S")
        Duration timeout();

        /** The first retry's wait; each further retry waits twice as long, up to {@link #maxBackoff()}. */
        @WithDefault("PT1S")
        Duration initialBackoff();

        @WithDefault("PT10M")
        Duration maxBackoff();

        /**
         * How long a change notification is retried (Graph: up to 4 hours); after it, it is dropped and the
         * subscription's lifecycleNotificationUrl (if any) is sent a {@code missed} lifecycle notification.
         */
        @WithDefault("PT4H")
        Duration deliveryRetryWindow();
    }

    /**
     * How long Graph takes to answer: off by default (tests and the plain local run answer at once); the benchmark
     * turns it on. Each Graph request, and each inner request of a $batch, waits a log-normal time (median
     * {@link #median()}, spread {@link #sigma()}, at most {@link #max()}) while it holds its mailbox's concurrency
     * slot, as a request being served by Exchange does. The wait is a timer: no thread is held.
     */
    interface Latency {
        @WithDefault("false")
        boolean enabled();

        /** The median answer time; Graph's calendar calls answer in about 100–300 ms. */
        @WithDefault("PT0.12S")
        Duration median();

        /** The log-normal's sigma: 0.5 puts p95 at 2.3× and p99 at 3.2× the median. */
        @WithDefault("0.5")
        double sigma();

        /** No answer waits longer than this (the tail cut off). */
        @WithDefault("PT2S")
        Duration max();

        /** 0: a fresh random sequence; otherwise the same sequence of waits for the same requests. */
        @WithDefault("0")
        long seed();
    }
}
