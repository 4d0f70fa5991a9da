package io.docketsync.connector.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LogSafeTest {
    @Test
    void aNewlineInAValueCannotForgeASecondLogLine() {
        String forged = LogSafe.value("abc\n2026-12-01 INFO [admin] granted\r\u2028x");
        assertFalse(forged.contains("\n") || forged.contains("\r") || forged.contains("\u2028"), forged);
        assertEquals("abc\\u000a2026-12-01 INFO [admin] granted\\u000d\\u2028x", forged);
    }

    @Test
    void longValuesAndLongListsAreCut() {
        assertEquals(LogSafe.MAX_VALUE + 1, LogSafe.value("x".repeat(10_000)).length());
        Map<String, List<String>> rejected = new TreeMap<>(Map.of("unknown-subscription",
                IntStream.range(0, 1000).mapToObj(i -> "s" + i).toList(), "client-state-mismatch", List.of("a\nb")));
        String line = LogSafe.summary(rejected);
        assertEquals("client-state-mismatch ×1 [a\\u000ab]; unknown-subscription ×1000 [s0, s1, s2, s3, s4, …]", line);
        assertTrue(line.length() < 200);
    }

    @Test
    void aMissingValueIsSaidSo() {
        assertEquals("(none)", LogSafe.value(null));
    }
}
