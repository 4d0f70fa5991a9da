package io.docketsync.messaging;

import io.smallrye.mutiny.Uni;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Work that must stay in order per key (a user's notifications, a mailbox's ops) but not across keys: each key has
 * a lane that runs its items in arrival order, one run at a time, and lanes run side by side. Items that arrive while
 * their lane is busy run together in its next run (up to {@code maxPerRun}), so a busy mailbox gathers its ops while
 * its previous batch is written, and an idle one is written as soon as an op exists.
 *
 * <p>Without lanes, a Kafka partition carries many keys in one line: one user's notification waiting for our own
 * write, or one mailbox waiting out Graph's throttling, held up every other key of the partition.
 *
 * <p>{@link #room()} is the back-pressure: it completes while fewer than {@code maxQueued} items wait or run, so a
 * channel returning it stops polling while the lanes are full. Thread-safe; each run starts through {@code starter}
 * (the caller decides where work runs: a Vert.x context of its own, for a reactive session of its own).
 */
public final class KeyedLanes<T> {

    /** Handles one run of a lane: the items in arrival order. A failure fails every item of the run. */
    @FunctionalInterface
    public interface Handler<T> {
        Uni<Void> handle(String key, List<T> items);
    }

    private record Entry<T>(T item, CompletableFuture<Void> done) {
    }

    private static final class Lane<T> {
        final ArrayDeque<Entry<T>> waiting = new ArrayDeque<>();
        boolean running;
    }

    private final Handler<T> handler;
    private final int maxPerRun;
    private final int maxQueued;
    private final Consumer<Runnable> starter;
    private final Map<String, Lane<T>> lanes = new HashMap<>();
    private final ArrayDeque<CompletableFuture<Void>> waitingForRoom = new ArrayDeque<>();
    private int queued;

    public KeyedLanes(Handler<T> handler, int maxPerRun, int maxQueued, Consumer<Runnable> starter) {
        if (maxPerRun < 1 || maxQueued < 1) {
            throw new IllegalArgumentException("maxPerRun and maxQueued must be at least 1");
        }
        this.handler = handler;
        this.maxPerRun = maxPerRun;
        this.maxQueued = maxQueued;
        this.starter = starter;
    }

    /** Queues the item behind its key's earlier items; the stage completes when it has been handled (or failed). */
    public CompletionStage<Void> submit(String key, T item) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        boolean start;
        synchronized (this) {
            queued++;
            Lane<T> lane = lanes.computeIfAbsent(key, k -> new Lane<>());
            lane.waiting.add(new Entry<>(item, done));
            start = !lane.running;
            lane.running = true;
        }
        if (start) {
            starter.accept(() -> run(key));
        }
        return done;
    }

    /** Completes while the lanes have room for more items; otherwise once enough of them are done. */
    public Uni<Void> room() {
        CompletableFuture<Void> room;
        synchronized (this) {
            if (queued < maxQueued) {
                return Uni.createFrom().voidItem();
            }
            room = new CompletableFuture<>();
            waitingForRoom.add(room);
        }
        return Uni.createFrom().completionStage(room);
    }

    /** Items waiting or running, over all lanes. */
    public synchronized int queued() {
        return queued;
    }

    /** Lanes with items waiting or running. */
    public synchronized int busyLanes() {
        return lanes.size();
    }

    private void run(String key) {
        List<Entry<T>> run = new ArrayList<>();
        synchronized (this) {
            Lane<T> lane = lanes.get(key);
            while (run.size() < maxPerRun && !lane.waiting.isEmpty()) {
                run.add(lane.waiting.poll());
            }
        }
        Uni<Void> handled;
        try {
            handled = handler.handle(key, run.stream().map(Entry::item).toList());
        } catch (RuntimeException e) {
            handled = Uni.createFrom().failure(e);
        }
        handled.subscribe().with(ok -> finished(key, run, null), failure -> finished(key, run, failure));
    }

    private void finished(String key, List<Entry<T>> run, Throwable failure) {
        boolean more;
        List<CompletableFuture<Void>> roomNow = new ArrayList<>();
        synchronized (this) {
            queued -= run.size();
            Lane<T> lane = lanes.get(key);
            more = !lane.waiting.isEmpty();
            if (!more) {
                lanes.remove(key);
            }
            while (queued < maxQueued && !waitingForRoom.isEmpty()) {
                roomNow.add(waitingForRoom.poll());
            }
        }
        for (Entry<T> e : run) {
            if (failure == null) {
                e.done().complete(null);
            } else {
                e.done().completeExceptionally(failure);
            }
        }
        roomNow.forEach(r -> r.complete(null));
        if (more) {
            starter.accept(() -> run(key));
        }
    }
}
