package io.docketsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.EventContent;
import io.docketsync.contracts.UserKey;
import io.docketsync.sync.domain.CalendarWrite;
import io.docketsync.sync.domain.MailboxToken;
import io.docketsync.sync.domain.MailboxTokens;
import io.docketsync.sync.domain.WriteOutcome;
import io.docketsync.sync.graph.AppOnlyTokens;
import io.docketsync.sync.graph.MailboxWriter;
import io.docketsync.testsupport.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.literal.NamedLiteral;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An access token that expired (or was revoked) between hand-out and use: Graph answers the whole {@code $batch}
 * 401. The writer forgets the token, takes a fresh one and writes everything, instead of retrying the refused token
 * until its patience runs out. The token source is the real one (app-only, from the simulator's Entra ID), handing
 * out one dead token first.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SimulatorTestResource.class, restrictToAnnotatedClass = false)
class ExpiredTokenTest {
    @Inject
    MailboxWriter writer;
    @Inject
    AppOnlyTokens appTokens;

    /** The real tokens, but the first one handed out is no longer accepted by Graph. */
    static final class ExpiredFirst implements MailboxTokens {
        final MailboxTokens real;
        final AtomicInteger forgotten = new AtomicInteger();
        volatile boolean expiredHandedOut;

        ExpiredFirst(MailboxTokens real) {
            this.real = real;
        }

        @Override
        public MailboxToken tokenFor(UserKey user) {
            if (!expiredHandedOut) {
                expiredHandedOut = true;
                return new MailboxToken("expired-" + UUID.randomUUID(), null, Instant.now().plusSeconds(600));
            }
            return real.tokenFor(user);
        }

        @Override
        public void forget(UserKey user) {
            forgotten.incrementAndGet();
            real.forget(user);
        }
    }

    @Test
    void aWholeBatchRefused401IsWrittenWithAFreshToken() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String mailbox = "expired" + run + "@halemarsh.test";
        SimulatorTestResource.admin("POST", "/_sim/users", "{\"userPrincipalName\":\"" + mailbox
                + "\",\"displayName\":\"Expired\"}");
        ExpiredFirst tokens = new ExpiredFirst(appTokens);
        QuarkusMock.installMockForType(tokens, MailboxTokens.class, NamedLiteral.of("mailboxTokens"));
        List<CalendarWrite> writes = new ArrayList<>();
        LocalDateTime start = LocalDateTime.now().plusDays(1).withNano(0);
        for (int i = 0; i < 5; i++) {
            LocalDateTime at = start.plusHours(i);
            writes.add(new CalendarWrite("w" + i, CalendarWrite.Kind.CREATE, mailbox, null, UUID.randomUUID().toString(),
                    "expired-" + run + "-" + i + ":1", new EventContent("Expired " + run + " #" + i, null, null, at,
                            at.plusMinutes(30), false, "UTC", List.of())));
        }
        long started = System.nanoTime();
        Map<String, WriteOutcome> outcomes = writer.write(UserKey.of("hale-marsh", "expired-" + run), writes);

        assertEquals(5, outcomes.values().stream().filter(WriteOutcome::succeeded).count(),
                "every write lands with a fresh token: " + outcomes);
        assertEquals(1, tokens.forgotten.get(), "the refused token was forgotten once");
        assertTrue((System.nanoTime() - started) / 1_000_000_000 < 30, "not retried until patience ran out");
        int refused = 0;
        for (JsonNode entry : EventCodec.mapper().readTree(SimulatorTestResource.admin("GET", "/_sim/requests", null))) {
            refused += entry.path("status").asInt() == 401 && entry.path("path").asText().contains("$batch") ? 1 : 0;
        }
        assertTrue(refused >= 1, "Graph refused the expired token's $batch: the test proved nothing otherwise");
    }
}
