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
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Work that must stay in order per key (a user's notifications, an activity's commands) but not across keys: each
 * key has a lane that handles its items in arrival order, one at a time, and lanes run side by side.
 *
 * <p>Without lanes, a Kafka partition carries many keys in one line: one user's notification waiting for our own
 * write to be recorded, or one read waiting out Graph's throttling, held up every other key of the partition.
 *
 * <p>{@link #room()} is the back-pressure: it completes while fewer than {@code maxQueued} items wait or run, so a
 * channel returning it stops polling while the lanes are full. Thread-safe; each item starts through {@code starter}
 * (the caller decides where work runs: a Vert.x context of its own, for a reactive session of its own).
 */
public final class KeyedLanes<T> {

    /** Handles one item of a lane. */
    @FunctionalInterface
    public interface Handler<T> {
        Uni<Void> handle(String key, T item);
    }

    private record Entry<T>(T item, CompletableFuture<Void> done) {
    }

    private final Handler<T> handler;
    private final int maxQueued;
    private final Consumer<Runnable> starter;
    /** The items of each busy key not handled yet, the one being handled first; an idle key has no entry. */
    private final Map<String, ArrayDeque<Entry<T>>> lanes = new HashMap<>();
    private final ArrayDeque<CompletableFuture<Void>> waitingForRoom = new ArrayDeque<>();
    private int queued;

    public KeyedLanes(Handler<T> handler, int maxQueued, Consumer<Runnable> starter) {
        if (maxQueued < 1) {
            throw new IllegalArgumentException("maxQueued must be at least 1");
        }
        this.handler = handler;
        this.maxQueued = maxQueued;
        this.starter = starter;
    }

    /** Queues the item behind its key's earlier items; the stage completes when it has been handled (or failed). */
    public CompletionStage<Void> submit(String key, T item) {
        Entry<T> entry = new Entry<>(item, new CompletableFuture<>());
        boolean start;
        synchronized (this) {
            queued++;
            ArrayDeque<Entry<T>> lane = lanes.computeIfAbsent(key, k -> new ArrayDeque<>());
            start = lane.isEmpty();
            lane.add(entry);
        }
        if (start) {
            starter.accept(() -> run(key, entry));
        }
        return entry.done();
    }

    /**
     * A channel's step: the message's item into its key's lane, the message acknowledged once the item is handled
     * (Kafka's offset moves past it only then) or negatively acknowledged with the failure; answers {@link #room()}.
     */
    public Uni<Void> handOn(String key, T item, Message<?> message) {
        submit(key, item).whenComplete((ok, failure) -> {
            if (failure == null) {
                message.ack();
            } else {
                message.nack(failure);
            }
        });
        return room();
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

    private void run(String key, Entry<T> entry) {
        Uni<Void> handled;
        try {
            handled = handler.handle(key, entry.item());
        } catch (RuntimeException e) {
            handled = Uni.createFrom().failure(e);
        }
        handled.subscribe().with(ok -> finished(key, entry, null), failure -> finished(key, entry, failure));
    }

    private void finished(String key, Entry<T> entry, Throwable failure) {
        Entry<T> next;
        List<CompletableFuture<Void>> roomNow = new ArrayList<>();
        synchronized (this) {
            queued--;
            ArrayDeque<Entry<T>> lane = lanes.get(key);
            lane.poll();
            next = lane.peek();
            if (next == null) {
                lanes.remove(key);
            }
            while (queued < maxQueued && !waitingForRoom.isEmpty()) {
                roomNow.add(waitingForRoom.poll());
            }
        }
        if (failure == null) {
            entry.done().complete(null);
        } else {
            entry.done().completeExceptionally(failure);
        }
        roomNow.forEach(r -> r.complete(null));
        if (next != null) {
            Entry<T> following = next;
            starter.accept(() -> run(key, following));
        }
    }
}
