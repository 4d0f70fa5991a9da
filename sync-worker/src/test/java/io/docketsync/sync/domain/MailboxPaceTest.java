package io.docketsync.sync.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MailboxPaceTest {
    @Test
    void anUnthrottledMailboxGetsTheLargestBatches() {
        MailboxPace pace = new MailboxPace(20);
        for (int i = 0; i < 100; i++) {
            assertEquals(20, pace.batchSize());
            pace.answered(2 * i, 20, 0, 2 * i + 1);
        }
        assertTrue(pace.unpaced());
    }

    @Test
    void each429TakesAQuarterOffTheBatchesDownToOneRequest() {
        MailboxPace pace = new MailboxPace(20);
        pace.answered(0, 3, 17, 1);
        assertEquals(15, pace.batchSize());
        assertFalse(pace.unpaced());
        pace.answered(2, 14, 1, 3);
        assertEquals(11, pace.batchSize()); // 11.25
        for (int i = 0; i < 20; i++) {
            pace.answered(4 + 2 * i, 0, 1, 5 + 2 * i);
        }
        assertEquals(1, pace.batchSize());
    }

    @Test
    void eachBatchTakenWholeAddsHalfARequestUpToTheLargest() {
        MailboxPace pace = new MailboxPace(20);
        pace.answered(0, 0, 20, 1); // 15
        pace.answered(2, 0, 15, 3); // 11.25
        pace.answered(4, 11, 0, 5);
        assertEquals(11, pace.batchSize()); // 11.75
        pace.answered(6, 11, 0, 7);
        assertEquals(12, pace.batchSize()); // 12.25
        for (int i = 0; i < 15; i++) {
            pace.answered(8 + 2 * i, 12, 0, 9 + 2 * i);
        }
        assertEquals(19, pace.batchSize()); // 19.75
        assertFalse(pace.unpaced());
        pace.answered(100, 19, 0, 101);
        pace.answered(102, 20, 0, 103);
        assertEquals(20, pace.batchSize());
        assertTrue(pace.unpaced());
    }

    @Test
    void a429ToABatchSentBeforeTheSizeChangedAnswersTheOldSize() {
        MailboxPace pace = new MailboxPace(20);
        // two batches out at once (sent at 0 and 1); the first one's 429 changes the size at 10
        pace.answered(0, 5, 15, 10);
        pace.answered(1, 0, 20, 11);
        assertEquals(15, pace.batchSize());
        pace.answered(12, 0, 15, 13); // sent after the change: a new 429
        assertEquals(11, pace.batchSize());
    }

    @Test
    void nothingAnsweredChangesNothing() {
        MailboxPace pace = new MailboxPace(20);
        pace.answered(0, 0, 20, 1);
        pace.answered(2, 0, 0, 3); // a pass whose batches all failed otherwise (503, breaker open)
        assertEquals(15, pace.batchSize());
    }

    @Test
    void sizesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new MailboxPace(0));
        assertThrows(IllegalArgumentException.class, () -> new MailboxPace(20).answered(0, -1, 0, 0));
        assertEquals(1, new MailboxPace(1).batchSize());
    }
}
