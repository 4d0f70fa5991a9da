package io.docketsync.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The lanes the worker's channels run on: in order per key, side by side across keys, bounded, failures kept. */
class KeyedLanesTest {

    /** A handler whose runs are finished by the test, one by one: what ran, with what, in which order. */
    private static final class HeldRuns implements KeyedLanes.Handler<String> {
        final List<String> started = Collections.synchronizedList(new ArrayList<>());
        final Map<String, CompletableFuture<Void>> open = Collections.synchronizedMap(new HashMap<>());

        @Override
        public Uni<Void> handle(String key, String item) {
            started.add(key + ":" + item);
            CompletableFuture<Void> run = new CompletableFuture<>();
            open.put(key, run);
            return Uni.createFrom().completionStage(run);
        }

        void finish(String key) {
            open.remove(key).complete(null);
        }

        void fail(String key, RuntimeException e) {
            open.remove(key).completeExceptionally(e);
        }
    }

    @Test
    void aKeysItemsRunInOrderOneAtATime() {
        HeldRuns runs = new HeldRuns();
        KeyedLanes<String> lanes = new KeyedLanes<>(runs, 100, Runnable::run);
        lanes.submit("alice", "a1");
        lanes.submit("alice", "a2");
        lanes.submit("alice", "a3");
        assertEquals(List.of("alice:a1"), runs.started, "a2 and a3 wait for a1");
        runs.finish("alice");
        assertEquals(List.of("alice:a1", "alice:a2"), runs.started, "then the next, in order");
        runs.finish("alice");
        runs.finish("alice");
        assertEquals(List.of("alice:a1", "alice:a2", "alice:a3"), runs.started);
        assertEquals(0, lanes.queued());
        assertEquals(0, lanes.busyLanes(), "an idle lane is let go");
    }

    @Test
    void keysDoNotWaitForEachOther() {
        HeldRuns runs = new HeldRuns();
        KeyedLanes<String> lanes = new KeyedLanes<>(runs, 100, Runnable::run);
        CompletionStage<Void> slow = lanes.submit("alice", "a1");
        CompletionStage<Void> quick = lanes.submit("bob", "b1");
        assertEquals(List.of("alice:a1", "bob:b1"), runs.started, "bob's item runs while alice's is still running");
        runs.finish("bob");
        assertTrue(quick.toCompletableFuture().isDone());
        assertFalse(slow.toCompletableFuture().isDone());
        runs.finish("alice");
        assertTrue(slow.toCompletableFuture().isDone());
    }

    @Test
    void aFailedItemFailsAloneAndTheLaneGoesOn() {
        HeldRuns runs = new HeldRuns();
        KeyedLanes<String> lanes = new KeyedLanes<>(runs, 100, Runnable::run);
        CompletionStage<Void> first = lanes.submit("alice", "a1");
        CompletionStage<Void> second = lanes.submit("alice", "a2");
        RuntimeException away = new IllegalStateException("database away");
        runs.fail("alice", away);
        ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> first.toCompletableFuture().get());
        assertSame(away, failed.getCause());
        runs.finish("alice");
        assertTrue(second.toCompletableFuture().isDone() && !second.toCompletableFuture().isCompletedExceptionally());
    }

    @Test
    void aHandlerThatThrowsFailsItsItemInsteadOfStoppingTheLane() {
        AtomicInteger calls = new AtomicInteger();
        KeyedLanes<String> lanes = new KeyedLanes<>((key, item) -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalArgumentException("bad item");
            }
            return Uni.createFrom().voidItem();
        }, 100, Runnable::run);
        assertTrue(lanes.submit("alice", "a1").toCompletableFuture().isCompletedExceptionally());
        assertTrue(lanes.submit("alice", "a2").toCompletableFuture().isDone());
        assertEquals(0, lanes.queued());
    }

    @Test
    void aHandedOnMessageIsAcknowledgedOnlyOnceItsItemIsHandledAndNackedWithItsFailure() {
        HeldRuns runs = new HeldRuns();
        KeyedLanes<String> lanes = new KeyedLanes<>(runs, 100, Runnable::run);
        List<String> said = Collections.synchronizedList(new ArrayList<>());
        lanes.handOn("alice", "a1", message("a1", said));
        lanes.handOn("alice", "a2", message("a2", said));
        assertEquals(List.of(), said, "nothing acknowledged before it is handled");
        runs.finish("alice");
        assertEquals(List.of("ack a1"), said);
        runs.fail("alice", new IllegalStateException("database away"));
        assertEquals(List.of("ack a1", "nack a2: database away"), said);
    }

    private static org.eclipse.microprofile.reactive.messaging.Message<String> message(String payload,
            List<String> said) {
        return org.eclipse.microprofile.reactive.messaging.Message.of(payload, () -> {
            said.add("ack " + payload);
            return CompletableFuture.completedFuture(null);
        }, failure -> {
            said.add("nack " + payload + ": " + failure.getMessage());
            return CompletableFuture.completedFuture(null);
        });
    }

    @Test
    void roomIsGivenOnlyWhileFewerThanMaxQueuedItemsWaitOrRun() {
        HeldRuns runs = new HeldRuns();
        KeyedLanes<String> lanes = new KeyedLanes<>(runs, 2, Runnable::run);
        lanes.submit("alice", "a1");
        assertTrue(lanes.room().subscribeAsCompletionStage().isDone());
        lanes.submit("bob", "b1");
        CompletableFuture<Void> room = lanes.room().subscribeAsCompletionStage();
        assertFalse(room.isDone(), "two items in the lanes: the channel waits");
        runs.finish("bob");
        assertTrue(room.isDone(), "one is done: room again");
    }

    @Test
    void underConcurrentSubmissionEveryKeyKeepsItsOrderAndNothingIsLost() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Map<String, List<Integer>> seen = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicInteger overlap = new AtomicInteger();
        Map<String, AtomicInteger> perKey = new java.util.concurrent.ConcurrentHashMap<>();
        KeyedLanes<Integer> lanes = new KeyedLanes<>((key, item) -> Uni.createFrom().item(() -> {
            if (perKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() > 1) {
                overlap.incrementAndGet();
            }
            seen.computeIfAbsent(key, k -> Collections.synchronizedList(new ArrayList<>())).add(item);
            perKey.get(key).decrementAndGet();
            return null;
        }).replaceWithVoid().emitOn(pool), 10_000, pool::execute);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            all.add(lanes.submit("key" + (i % 13), i).toCompletableFuture());
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        pool.shutdown();
        assertEquals(0, overlap.get(), "a key never ran twice at once");
        for (int k = 0; k < 13; k++) {
            List<Integer> expected = new ArrayList<>();
            for (int i = k; i < 2_000; i += 13) {
                expected.add(i);
            }
            assertEquals(expected, seen.get("key" + k), "key" + k + " in submission order");
        }
        assertEquals(0, lanes.queued());
    }
}
