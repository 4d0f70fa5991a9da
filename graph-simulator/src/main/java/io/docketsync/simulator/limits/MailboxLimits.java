package io.docketsync.simulator.limits;

import io.docketsync.simulator.api.GraphException;
import io.docketsync.simulator.config.SimulatorConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Outlook's limits per (application, mailbox): a request budget over a sliding window and a number of
 * concurrent requests. Exceeding either is answered 429 TooManyRequests with Retry-After. Every request that
 * addresses the mailbox counts, the inner requests of a $batch as much as requests sent alone.
 */
@ApplicationScoped
public class MailboxLimits {
    /** The limits in force; the admin API replaces them at run time. */
    public record Settings(int requestsPerWindow, Duration window, int maxConcurrent) {
    }

    /** What a concurrency refusal asks the client to wait: Outlook does not know when a slot frees up. */
    static final Duration CONCURRENCY_WAIT = Duration.ofMillis(1500);

    private static final class Usage {
        final Deque<Instant> requests = new ArrayDeque<>();
        int inFlight;
        int peakInFlight;
    }

    /** One (application, mailbox)'s use now: requests in flight, the most there were at once, the window's count. */
    public record InUse(String app, String mailboxId, int inFlight, int peakInFlight, int requestsInWindow) {
    }

    @Inject
    SimulatorConfig config;

    private volatile Settings settings;
    private final Map<String, Usage> usage = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        reset();
    }

    public Settings settings() {
        return settings;
    }

    public void configure(Settings newSettings) {
        settings = newSettings;
    }

    public void reset() {
        settings = new Settings(config.limits().requestsPerWindow(), config.limits().window(),
                config.limits().maxConcurrent());
        usage.clear();
    }

    /** Takes one request of the budget and one concurrency slot, or throws Graph's 429. */
    public void acquire(String app, String mailboxId) {
        Settings limits = settings;
        Usage u = usage.computeIfAbsent(app + "|" + mailboxId, k -> new Usage());
        synchronized (u) {
            Instant now = Instant.now();
            Instant horizon = now.minus(limits.window());
            while (!u.requests.isEmpty() && !u.requests.peekFirst().isAfter(horizon)) {
                u.requests.removeFirst();
            }
            if (u.inFlight >= limits.maxConcurrent()) {
                throw GraphException.throttled("Application is over its MailboxConcurrency limit.",
                        retryAfter(CONCURRENCY_WAIT));
            }
            if (u.requests.size() >= limits.requestsPerWindow()) {
                Duration wait = Duration.between(now, u.requests.peekFirst().plus(limits.window()));
                throw GraphException.throttled("Application is over its request limit for this mailbox. The "
                        + "budget is " + limits.requestsPerWindow() + " requests per " + limits.window()
                        + ".", retryAfter(wait));
            }
            u.requests.addLast(now);
            u.inFlight++;
            u.peakInFlight = Math.max(u.peakInFlight, u.inFlight);
        }
    }

    /** A wait as this simulator writes Retry-After (fractional seconds unless limits.fractional-retry-after=false). */
    public String retryAfter(Duration wait) {
        return GraphException.retryAfter(wait, config.limits().fractionalRetryAfter());
    }

    /** Every (application, mailbox) that made requests since the last reset. */
    public java.util.List<InUse> usage() {
        java.util.List<InUse> out = new java.util.ArrayList<>();
        usage.forEach((key, u) -> {
            String[] appAndMailbox = key.split("\\|", 2);
            synchronized (u) {
                out.add(new InUse(appAndMailbox[0], appAndMailbox[1], u.inFlight, u.peakInFlight, u.requests.size()));
            }
        });
        return out;
    }

    public void release(String app, String mailboxId) {
        Usage u = usage.get(app + "|" + mailboxId);
        if (u != null) {
            synchronized (u) {
                u.inFlight = Math.max(0, u.inFlight - 1);
            }
        }
    }
}
