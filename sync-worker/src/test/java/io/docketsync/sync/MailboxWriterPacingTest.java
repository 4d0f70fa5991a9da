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
 * instead of being sent only to be refused (real Graph counts refused requests against the mailbox too).
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SimulatorTestResource.class, restrictToAnnotatedClass = false)
class MailboxWriterPacingTest {
    private static final int WRITES = 200;
    private static final int BUDGET = 40;

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
        // 40 requests per 2 s: a pass of 200 writes (10 $batches, 4 in flight) meets 429 in its first group
        SimulatorTestResource.admin("PUT", "/_sim/limits", "{\"requestsPerWindow\":" + BUDGET
                + ",\"window\":\"PT2S\",\"maxConcurrent\":4}");
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
        // each pass loses at most its first group (4 $batches) to the budget: about 40 refusals a pass over 5
        // passes. Sending every pass whole would be refused 160 + 120 + 80 + 40 = 400 times.
        assertTrue(refused <= 5 * (4 * 20 - BUDGET), "requests sent into throttling: " + refused);
    }
}
