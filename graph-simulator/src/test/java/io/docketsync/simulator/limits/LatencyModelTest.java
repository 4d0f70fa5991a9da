package io.docketsync.simulator.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The answer-time distribution itself, without a server. */
class LatencyModelTest {
    private static final LatencyModel.Settings GRAPH_LIKE =
            new LatencyModel.Settings(true, Duration.ofMillis(120), 0.5, Duration.ofSeconds(2), 0);

    @Test
    void aDrawAtTheMeanOfTheNormalIsTheMedianAndTheTailIsCut() {
        assertEquals(Duration.ofMillis(120), LatencyModel.wait(GRAPH_LIKE, 0));
        assertEquals(Duration.ofSeconds(2), LatencyModel.wait(GRAPH_LIKE, 10)); // e^5 × 120 ms is 17.8 s
        assertEquals(Duration.ofMillis(120), LatencyModel.wait(
                new LatencyModel.Settings(true, Duration.ofMillis(120), 0, Duration.ofSeconds(2), 0), 3));
    }

    @Test
    void manyDrawsHaveTheMedianAndALogNormalTail() {
        Random normal = new Random(19);
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            millis.add(LatencyModel.wait(GRAPH_LIKE, normal.nextGaussian()).toMillis());
        }
        Collections.sort(millis);
        long p50 = millis.get(10_000);
        long p95 = millis.get(19_000);
        long p99 = millis.get(19_800);
        assertTrue(p50 >= 114 && p50 <= 126, "p50 " + p50);
        assertTrue(p95 >= 250 && p95 <= 300, "p95 " + p95 + " (e^(0.5·1.645) × 120 = 273)");
        assertTrue(p99 >= 350 && p99 <= 420, "p99 " + p99 + " (e^(0.5·2.326) × 120 = 384)");
        assertTrue(millis.get(0) > 10, "no answer is instant: " + millis.get(0));
    }

    @Test
    void impossibleSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new LatencyModel.Settings(true, Duration.ofMillis(-1), 0.5, Duration.ofSeconds(2), 0));
        assertThrows(IllegalArgumentException.class,
                () -> new LatencyModel.Settings(true, Duration.ofMillis(120), -0.1, Duration.ofSeconds(2), 0));
    }
}
