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
 * concurrent requests. Exceeding either is answered 429 ApplicationThrottled with Retry-After.
 */
@ApplicationScoped
public class MailboxLimits {
    /** The limits in force; the admin API replaces them at run time. */
    public record Settings(int requestsPerWindow, Duration window, int maxConcurrent) {
    }

    private static final class Usage {
        final Deque<Instant> requests = new ArrayDeque<>();
        int inFlight;
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
                throw GraphException.throttled("Application is over its MailboxConcurrency limit.", 1);
            }
            if (u.requests.size() >= limits.requestsPerWindow()) {
                Duration wait = Duration.between(now, u.requests.peekFirst().plus(limits.window()));
                throw GraphException.throttled("Application is over its request limit for this mailbox. The "
                        + "budget is " + limits.requestsPerWindow() + " requests per " + limits.window()
                        + ".", Math.max(1, (wait.toMillis() + 999) / 1000));
            }
            u.requests.addLast(now);
            u.inFlight++;
        }
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
