package io.docketsync.sync.graph;

import io.docketsync.contracts.UserKey;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The writes of this instance that are out to each mailbox now: a {@code $batch} from the moment it is sent until
 * its answer's change keys are recorded ({@link io.docketsync.sync.persistence.WrittenChanges}). Graph notifies an
 * event made by a batch while the batch still runs (its other requests), so the notification may be judged before
 * its change key is known, and the event would be read back to find it is ours: a request against the mailbox's
 * limits, which also takes a slot the next batch waits for. A notification for a mailbox with writes out waits for
 * them instead ({@link #settled}). Writes of another instance are not known here; their echoes are read as before.
 */
@Singleton
public class WritesInFlight {
    private final ConcurrentHashMap<UserKey, List<CompletableFuture<Void>>> out = new ConcurrentHashMap<>();

    /** Runs {@code write} to the mailbox as a write in flight. */
    public <T> T during(UserKey mailbox, Supplier<T> write) {
        CompletableFuture<Void> answered = new CompletableFuture<>();
        out.compute(mailbox, (k, writes) -> {
            List<CompletableFuture<Void>> now = writes == null ? new ArrayList<>() : writes;
            now.add(answered);
            return now;
        });
        try {
            return write.get();
        } finally {
            out.computeIfPresent(mailbox, (k, writes) -> {
                writes.remove(answered);
                return writes.isEmpty() ? null : writes;
            });
            answered.complete(null);
        }
    }

    /**
     * Completes once every write to the mailbox in flight now has answered (those sent later are not waited for);
     * null when none is in flight.
     */
    public CompletableFuture<Void> settled(UserKey mailbox) {
        List<CompletableFuture<Void>> now = new ArrayList<>();
        // copied under the map's lock for this key, where alone the list changes
        out.computeIfPresent(mailbox, (k, writes) -> {
            now.addAll(writes);
            return writes;
        });
        return now.isEmpty() ? null : CompletableFuture.allOf(now.toArray(CompletableFuture<?>[]::new));
    }
}
