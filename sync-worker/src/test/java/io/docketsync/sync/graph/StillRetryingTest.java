package io.docketsync.sync.graph;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docketsync.contracts.UserKey;
import io.docketsync.sync.domain.GraphWriteException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Writes retried for over a minute are said once (they hold up their partition), not at every retry. */
class StillRetryingTest {
    private static final UserKey USER = UserKey.of("hale-marsh", "chaos01");
    private static final GraphWriteException TOKEN = new GraphWriteException(0, "ConnectorUnreachable",
            "connector-service did not answer", Duration.ofSeconds(5), null);

    @Test
    void notWithinTheFirstMinute() {
        assertFalse(MailboxWriter.tellStillRetrying(USER, 3, Instant.now().minusSeconds(30), false, TOKEN));
    }

    @Test
    void onceAfterAMinuteAndThenNotAgain() {
        Instant started = Instant.now().minusSeconds(61);
        assertTrue(MailboxWriter.tellStillRetrying(USER, 3, started, false, TOKEN), "said now");
        assertTrue(MailboxWriter.tellStillRetrying(USER, 3, started, true, null), "stays said, nothing logged again");
    }
}
