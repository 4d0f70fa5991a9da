package io.docketsync.sync.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docketsync.contracts.UserKey;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WritesInFlightTest {
    private final WritesInFlight inFlight = new WritesInFlight();
    private final UserKey alice = UserKey.of("firm", "alice");
    private final UserKey bob = UserKey.of("firm", "bob");

    /** A write to the mailbox held out until {@code answer} counts down. */
    private CompletableFuture<String> held(UserKey mailbox, CountDownLatch answer) {
        CountDownLatch out = new CountDownLatch(1);
        CompletableFuture<String> done = CompletableFuture.supplyAsync(() -> inFlight.during(mailbox, () -> {
            out.countDown();
            try {
                answer.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "answered";
        }));
        try {
            assertTrue(out.await(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return done;
    }

    @Test
    void aMailboxWithNothingOutHasNothingToWaitFor() {
        assertNull(inFlight.settled(alice));
        assertEquals("done", inFlight.during(alice, () -> "done"));
        assertNull(inFlight.settled(alice), "a write that answered is not out any more");
    }

    @Test
    void settledCompletesWhenEveryWriteOutThenHasAnswered() throws Exception {
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(1);
        CompletableFuture<String> one = held(alice, first);
        CompletableFuture<String> two = held(alice, second);
        CompletableFuture<Void> settled = inFlight.settled(alice);
        assertNotNull(settled);
        assertNull(inFlight.settled(bob), "another mailbox's writes are its own");

        first.countDown();
        assertEquals("answered", one.get(5, TimeUnit.SECONDS));
        assertFalse(settled.isDone(), "one write is still out");
        second.countDown();
        assertEquals("answered", two.get(5, TimeUnit.SECONDS));
        settled.get(5, TimeUnit.SECONDS);
        assertNull(inFlight.settled(alice));
    }

    @Test
    void aWriteSentAfterwardsIsNotWaitedFor() throws Exception {
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch later = new CountDownLatch(1);
        CompletableFuture<String> one = held(alice, first);
        CompletableFuture<Void> settled = inFlight.settled(alice);
        CompletableFuture<String> next = held(alice, later);

        first.countDown();
        one.get(5, TimeUnit.SECONDS);
        settled.get(5, TimeUnit.SECONDS);
        assertFalse(next.isDone());
        assertNotNull(inFlight.settled(alice), "the later write is still out");
        later.countDown();
        next.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aWriteThatFailsHasAnsweredToo() {
        assertThrows(IllegalStateException.class, () -> inFlight.during(alice, () -> {
            throw new IllegalStateException("Graph unreachable");
        }));
        assertNull(inFlight.settled(alice), "nothing is left out after a failed write");
    }
}
