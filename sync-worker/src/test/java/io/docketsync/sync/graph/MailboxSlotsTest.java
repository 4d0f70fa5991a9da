package io.docketsync.sync.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docketsync.contracts.UserKey;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Outlook's 4 concurrent requests per mailbox, held across the worker's reads and $batches. */
class MailboxSlotsTest {
    static final UserKey ALICE = UserKey.of("firm-a", "alice");
    static final UserKey BOB = UserKey.of("firm-a", "bob");

    final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    /** Holds {@code requests} slots of the mailbox until released; answers once they are held. */
    private CountDownLatch holding(MailboxSlots slots, UserKey mailbox, int requests, CountDownLatch release) {
        CountDownLatch held = new CountDownLatch(1);
        threads.submit(() -> slots.hold(mailbox, requests, () -> {
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        return held;
    }

    @Test
    void aReadBesideARunningBatchWaitsForItWhileAnotherMailboxDoesNot() throws Exception {
        MailboxSlots slots = new MailboxSlots(4);
        CountDownLatch batchDone = new CountDownLatch(1);
        assertTrue(holding(slots, ALICE, 20, batchDone).await(5, TimeUnit.SECONDS), "a $batch of 20 takes the 4");
        assertEquals(0, slots.free(ALICE));

        Future<String> read = threads.submit(() -> slots.hold(ALICE, 1, () -> "read"));
        assertThrows(TimeoutException.class, () -> read.get(300, TimeUnit.MILLISECONDS),
                "a fifth request waits instead of being refused 429");
        assertEquals("bob's read", threads.submit(() -> slots.hold(BOB, 1, () -> "bob's read")).get(5, TimeUnit.SECONDS));

        batchDone.countDown();
        assertEquals("read", read.get(5, TimeUnit.SECONDS));
        assertEquals(4, slots.free(ALICE), "every slot given back");
    }

    @Test
    void smallCallsShareTheSlotsAndNeverExceedThem() throws Exception {
        MailboxSlots slots = new MailboxSlots(4);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        Future<?>[] calls = new Future<?>[40];
        for (int i = 0; i < calls.length; i++) {
            int requests = i % 3 == 0 ? 2 : 1;
            calls[i] = threads.submit(() -> slots.hold(ALICE, requests, () -> {
                int now = inFlight.addAndGet(requests);
                peak.accumulateAndGet(now, Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                inFlight.addAndGet(-requests);
                return null;
            }));
        }
        for (Future<?> c : calls) {
            c.get(30, TimeUnit.SECONDS);
        }
        assertTrue(peak.get() <= 4, "peak " + peak.get());
        assertTrue(peak.get() >= 2, "calls did run side by side (peak " + peak.get() + ")");
    }

    @Test
    void aFailedCallGivesItsSlotsBack() {
        MailboxSlots slots = new MailboxSlots(4);
        assertThrows(IllegalStateException.class, () -> slots.hold(ALICE, 3, () -> {
            throw new IllegalStateException("Graph answered 503");
        }));
        assertEquals(4, slots.free(ALICE));
        assertFalse(slots.free(BOB) < 4, "a mailbox never called has all its slots");
    }
}
