package io.docketsync.sync.graph;

import io.docketsync.contracts.UserKey;
import io.docketsync.sync.config.SyncConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Outlook's limit of concurrent requests per app and mailbox (4, Graph's throttling limits), held in this instance
 * for every Graph call the worker makes: a {@code $batch} holds as many slots as Graph runs of it at once (up to 4 of
 * its requests), a read or a single write one. The write stage and the inbound flow call Graph for the same mailbox
 * side by side (a user's notifications are judged while their ops are written); without the slots a read beside a
 * running $batch was a fifth request, refused 429, and every refused request still counts against the mailbox.
 *
 * <p>Calls wait for their slots on the calling (Graph) thread, in arrival order (fair), so a $batch is not starved by
 * reads. Nothing else may be held while waiting: a call must not take slots of a mailbox it already holds (the
 * callers take them around single Graph calls, never around waits for throttling). Several instances may still
 * call one mailbox at once (the topics' partitions are assigned to instances independently); Graph's 429 and
 * Retry-After cover that rarer case. One small semaphore per mailbox this instance has called.
 */
@Singleton
public class MailboxSlots {
    private final int perMailbox;
    private final ConcurrentHashMap<UserKey, Semaphore> slots = new ConcurrentHashMap<>();

    @Inject
    public MailboxSlots(SyncConfig config) {
        this(config.graphRequestsPerMailbox());
    }

    public MailboxSlots(int perMailbox) {
        if (perMailbox < 1) {
            throw new IllegalArgumentException("at least one request per mailbox");
        }
        this.perMailbox = perMailbox;
    }

    /** Runs {@code call}, which sends up to {@code requests} requests to the mailbox at once, within its slots. */
    public <T> T hold(UserKey mailbox, int requests, Supplier<T> call) {
        int n = Math.max(1, Math.min(requests, perMailbox));
        Semaphore s = slots.computeIfAbsent(mailbox, k -> new Semaphore(perMailbox, true));
        try {
            s.acquire(n);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for a Graph slot of " + mailbox, e);
        }
        try {
            return call.get();
        } finally {
            s.release(n);
        }
    }

    /** Slots of the mailbox free now (for tests and gauges). */
    public int free(UserKey mailbox) {
        Semaphore s = slots.get(mailbox);
        return s == null ? perMailbox : s.availablePermits();
    }
}
