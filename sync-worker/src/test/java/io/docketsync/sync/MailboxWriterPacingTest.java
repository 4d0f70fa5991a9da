package io.docketsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.docketsync.contracts.UserKey;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.EventContent;
import io.docketsync.sync.domain.CalendarWrite;
import io.docketsync.sync.graph.MailboxWriter;
import io.docketsync.sync.domain.WriteOutcome;
import io.docketsync.testsupport.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The writer keeps to a mailbox's budget: once Graph throttles it, the rest of a pass waits for Retry-After
 * instead of being sent only to be refused, and its $batches get smaller while Graph keeps refusing (real Graph
 * counts refused requests against the mailbox too).
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SimulatorTestResource.class, restrictToAnnotatedClass = false)
class MailboxWriterPacingTest {
    private static final int WRITES = 200;
    private static final int BUDGET = 20;

    @Inject
    MailboxWriter writer;

    @Test
    void throttledMailboxIsNotSentWhatItWouldRefuse() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String user = "pacing-" + run;
        String mailbox = "pacing" + run + "@halemarsh.test";
        SimulatorTestResource.admin("POST", "/_sim/users", "{\"userPrincipalName\":\"" + mailbox
                + "\",\"displayName\":\"Pacing\"}");
        String before = SimulatorTestResource.admin("GET", "/_sim/limits", null);
        List<CalendarWrite> writes = new ArrayList<>();
        LocalDateTime start = LocalDateTime.now().plusDays(1).withNano(0);
        for (int i = 0; i < WRITES; i++) {
            LocalDateTime at = start.plusHours(i);
            writes.add(new CalendarWrite("w" + i, CalendarWrite.Kind.CREATE, mailbox, null, UUID.randomUUID().toString(),
                    "pacing-" + run + "-" + i + ":1", new EventContent("Paced " + run + " #" + i, null, null, at,
                            at.plusMinutes(30), false, "UTC", List.of())));
        }
        Map<String, WriteOutcome> outcomes;
        // 20 requests a second: a pass of 200 writes ($batches of 20, one in flight) meets 429 in its second batch
        SimulatorTestResource.admin("PUT", "/_sim/limits", "{\"requestsPerWindow\":" + BUDGET
                + ",\"window\":\"PT1S\",\"maxConcurrent\":4}");
        try {
            outcomes = writer.write(UserKey.of("hale-marsh", user), writes);
        } finally {
            SimulatorTestResource.admin("PUT", "/_sim/limits", before);
        }
        assertEquals(WRITES, outcomes.values().stream().filter(WriteOutcome::succeeded).count(),
                "every write lands once the budget allows: " + outcomes.values().stream()
                        .filter(o -> !o.succeeded()).findFirst().map(o -> o.failure().toString()).orElse(""));

        int created = 0;
        int refused = 0;
        JsonNode log = EventCodec.mapper().readTree(SimulatorTestResource.admin("GET", "/_sim/requests", null));
        for (JsonNode entry : log) {
            if (mailbox.equalsIgnoreCase(entry.path("mailbox").asText())) {
                created += entry.path("status").asInt() == 201 ? 1 : 0;
                refused += entry.path("status").asInt() == 429 ? 1 : 0;
            }
        }
        assertEquals(WRITES, created);
        // full $batches after every Retry-After met a budget freed a few requests at a time: 140 to 180 refused (a
        // model of the budget and of these writes; 180 here). Batches made smaller by each 429: 40 to 75.
        assertTrue(refused <= 5 * BUDGET, "requests sent into throttling: " + refused);
    }
}
