package io.docketsync.sync.graph;

import io.docketsync.sync.domain.GraphWriteException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A Graph read that waits out throttling and a moment's unavailability (429, 503, 504, unreachable) for as long as
 * Graph's Retry-After says and the patience allows, as the writer does for writes. Without it a throttled read of
 * a notified event failed the notification, and the user's change in Outlook went to the dead-letter topic.
 */
public final class PatientReads {
    private PatientReads() {
    }

    /** Blocking; rethrows Graph's refusal when it is not transient or waiting longer would exceed the patience. */
    public static <T> T read(Duration patience, Supplier<T> read) {
        Instant giveUp = Instant.now().plus(patience);
        while (true) {
            try {
                return read.get();
            } catch (GraphWriteException e) {
                Duration wait = e.retryAfter() == null ? Duration.ofSeconds(1) : e.retryAfter();
                if (!e.transientFailure() || Instant.now().plus(wait).isAfter(giveUp)) {
                    throw e;
                }
                try {
                    Thread.sleep(Math.max(10, wait.toMillis()));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
