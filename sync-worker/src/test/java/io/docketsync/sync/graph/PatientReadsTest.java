package io.docketsync.sync.graph;

import io.docketsync.sync.domain.GraphWriteException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PatientReadsTest {
    private static GraphWriteException refused(int status, Duration retryAfter) {
        return new GraphWriteException(status, "code-" + status, "refused", retryAfter, null);
    }

    @Test
    void throttlingAndUnavailabilityAreWaitedOut() {
        AtomicInteger calls = new AtomicInteger();
        String read = PatientReads.read(Duration.ofSeconds(5), () -> switch (calls.incrementAndGet()) {
            case 1 -> throw refused(429, Duration.ofMillis(20));
            case 2 -> throw refused(503, Duration.ofMillis(20));
            default -> "the event";
        });
        assertEquals("the event", read);
        assertEquals(3, calls.get());
    }

    @Test
    void aRefusalThatIsNotTransientIsThrownAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        GraphWriteException forbidden = refused(403, null);
        assertSame(forbidden, assertThrows(GraphWriteException.class, () -> PatientReads.read(Duration.ofSeconds(5),
                () -> {
                    calls.incrementAndGet();
                    throw forbidden;
                })));
        assertEquals(1, calls.get());
    }

    @Test
    void aRetryAfterBeyondThePatienceIsThrown() {
        AtomicInteger calls = new AtomicInteger();
        GraphWriteException longWait = refused(429, Duration.ofSeconds(30));
        assertSame(longWait, assertThrows(GraphWriteException.class, () -> PatientReads.read(Duration.ofSeconds(5),
                () -> {
                    calls.incrementAndGet();
                    throw longWait;
                })));
        assertEquals(1, calls.get());
    }
}
