package io.docketsync.sync.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docketsync.contracts.Office365Settings;
import io.docketsync.sync.domain.DeletionBurst.Verdict;
import io.docketsync.sync.domain.InboundDecision.Kind;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The deletion-burst valve's table (issue 18). */
class DeletionBurstTest {

    @ParameterizedTest(name = "threshold {0}, {1} applied in the window, {2} held now -> {3}")
    @CsvSource({
        // under the threshold: applied
        "20, 0, 0, APPLY",
        "20, 19, 0, APPLY",
        // the threshold reached: the next one is held
        "20, 20, 0, HOLD",
        "20, 300, 0, HOLD",
        // a hold is active: every further deletion of that mailbox waits with it, even once the window emptied
        "20, 0, 1, HOLD",
        "20, 5, 31, HOLD",
        // a threshold of one: the second deletion in the window is held
        "1, 0, 0, APPLY",
        "1, 1, 0, HOLD",
        // 0: no valve at all
        "0, 0, 0, APPLY",
        "0, 500, 0, APPLY",
        "0, 500, 7, APPLY",
        "-1, 500, 7, APPLY",
    })
    void verdict(int threshold, int applied, int held, Verdict expected) {
        assertEquals(expected, DeletionBurst.verdict(threshold, applied, held));
    }

    @Test
    void onlyDeletionsThatWouldChangeTheCalendarCount() {
        Set<Kind> counted = EnumSet.noneOf(Kind.class);
        for (Kind k : Kind.values()) {
            if (DeletionBurst.counts(k)) {
                counted.add(k);
            }
        }
        // RESTORE_EVENT undoes the deletion anyway; IGNORE is an echo or an unlinked event
        assertEquals(EnumSet.of(Kind.DELETE_ACTIVITY, Kind.REMOVE_USER), counted);
    }

    @Test
    void theFirmsDefaultsAreTwentyInTenMinutes() {
        Office365Settings defaults = Office365Settings.defaults();
        assertEquals(20, defaults.massDeleteThreshold());
        assertEquals(10, defaults.massDeleteWindowMinutes());
        assertEquals(Verdict.APPLY, DeletionBurst.verdict(defaults, 19, 0));
        assertEquals(Verdict.HOLD, DeletionBurst.verdict(defaults, 20, 0));
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        assertEquals(Instant.parse("2026-12-01T09:50:00Z"), DeletionBurst.windowStart(now, defaults));
        Office365Settings hour = new Office365Settings(true, false, false, false, "", null, null, 5, 60);
        assertEquals(Instant.parse("2026-12-01T09:00:00Z"), DeletionBurst.windowStart(now, hour));
    }

    @ParameterizedTest(name = "{0} (admin {1}) on {2}'s hold of an activity by {3} / organizer {4}, exists {5} -> {6}")
    @CsvSource({
        // an administrator decides any of the firm
        "alice, true, bob, carol, carol, true, true",
        "alice, true, bob, , , false, true",
        // the user, for their own activities (created or organized) or one that is gone
        "bob, false, bob, bob, carol, true, true",
        "bob, false, bob, carol, bob, true, true",
        "bob, false, bob, carol, carol, true, false",
        "bob, false, bob, , , false, true",
        // nobody else
        "carol, false, bob, carol, carol, true, false",
        "carol, false, bob, , , false, false",
    })
    void whoMayDecide(String caller, boolean admin, String heldUser, String createdBy, String organizer,
            boolean exists, boolean expected) {
        assertEquals(expected, DeletionBurst.mayDecide(caller, admin, heldUser, createdBy, organizer, exists));
    }
}
