package io.docketsync.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Which workers a notification of the outbox's channel wakes: those that publish the lanes it names. */
class OutboxLanesTest {
    private static final int ALL = (1 << OutboxRelay.LANES) - 1;

    @Test
    void eachLaneBelongsToExactlyOneWorker() {
        for (int workers = 1; workers <= OutboxRelay.LANES; workers++) {
            int union = 0;
            for (int w = 0; w < workers; w++) {
                int lanes = OutboxRelay.lanesOf(w, workers);
                assertEquals(0, union & lanes, "worker " + w + " of " + workers + " shares no lane");
                for (int l = 0; l < OutboxRelay.LANES; l++) {
                    // the relay's SELECT: a worker takes the lanes l with l % workers = worker
                    assertEquals(l % workers == w, (lanes & (1 << l)) != 0,
                            "lane " + l + ", worker " + w + " of " + workers);
                }
                union |= lanes;
            }
            assertEquals(ALL, union, "every lane has a worker, with " + workers + " workers");
        }
    }

    @Test
    void aNotificationNamesItsLanesOrElseAll() {
        assertEquals(0b1000_0000_0000_0101, OutboxRelay.lanesNotified(String.valueOf(0b1000_0000_0000_0101)));
        assertEquals(ALL, OutboxRelay.lanesNotified(""), "the empty payload of V0_2's trigger (during an upgrade)");
        assertEquals(ALL, OutboxRelay.lanesNotified("0"));
        assertEquals(ALL, OutboxRelay.lanesNotified("lanes"));
        assertEquals(1 << 3, OutboxRelay.lanesNotified(String.valueOf((1 << 3) | (1 << 20))),
                "only the 16 lanes count");
    }
}
