package io.docketsync.simulator.limits;

import io.docketsync.simulator.api.GraphException;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Faults configured per mailbox through the admin API: a seeded share of 429s, 503s and slow answers. */
@ApplicationScoped
public class FaultInjector {
    /** Fractions in [0,1], checked in this order: throttled, unavailable, slow (which still answers). */
    /** @param retryAfterSeconds the Retry-After of injected 429s and 503s; may have a fraction ("2.128") */
    public record Faults(double throttledRate, double unavailableRate, double slowRate, Duration slowDelay,
            double retryAfterSeconds, long seed) {
        public Faults {
            slowDelay = slowDelay == null ? Duration.ofSeconds(2) : slowDelay;
            retryAfterSeconds = retryAfterSeconds <= 0 ? 1 : retryAfterSeconds;
        }
    }

    private record Armed(Faults faults, Random random) {
    }

    private final Map<String, Armed> byMailbox = new ConcurrentHashMap<>();

    @Inject
    MailboxLimits limits;

    public void configure(String mailboxId, Faults faults) {
        byMailbox.put(mailboxId, new Armed(faults, new Random(faults.seed())));
    }

    public Map<String, Faults> all() {
        Map<String, Faults> out = new java.util.HashMap<>();
        byMailbox.forEach((k, v) -> out.put(k, v.faults()));
        return out;
    }

    public void remove(String mailboxId) {
        byMailbox.remove(mailboxId);
    }

    public void reset() {
        byMailbox.clear();
    }

    /** Throws the injected failure or sleeps the injected delay; most requests pass untouched. */
    public void apply(String mailboxId) {
        Armed armed = byMailbox.get(mailboxId);
        if (armed == null) {
            return;
        }
        double throttled;
        double unavailable;
        double slow;
        synchronized (armed.random()) {
            throttled = armed.random().nextDouble();
            unavailable = armed.random().nextDouble();
            slow = armed.random().nextDouble();
        }
        Faults f = armed.faults();
        String retryAfter = limits.retryAfter(Duration.ofMillis(Math.round(f.retryAfterSeconds() * 1000)));
        if (throttled < f.throttledRate()) {
            throw GraphException.throttled("Application is over its MailboxConcurrency limit.", retryAfter);
        }
        if (unavailable < f.unavailableRate()) {
            throw new GraphException(503, "ServiceNotAvailable", "The service is temporarily unavailable. Please retry.",
                    Map.of("Retry-After", retryAfter));
        }
        if (slow < f.slowRate()) {
            try {
                Thread.sleep(f.slowDelay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
