package io.docketsync.activity.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docketsync.activity.domain.Projections.SyncHistoryLine;
import io.docketsync.contracts.SyncState;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProjectionsRulesTest {
    static final Instant T = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void aStateReplacesTheKeptOneUnlessTheKeptOneIsLater() {
        assertEquals(true, Projections.replaces(null, T), "nothing kept");
        assertEquals(true, Projections.replaces(T.minusSeconds(1), T), "newer");
        assertEquals(true, Projections.replaces(T, T), "the same moment again (a redelivery)");
        assertEquals(false, Projections.replaces(T.plusSeconds(1), T), "older");
    }

    @Test
    void firmSettingsAreReplacedByTheSameOrANewerVersion() {
        assertEquals(true, Projections.settingsReplace(null, 1));
        assertEquals(true, Projections.settingsReplace(3L, 3));
        assertEquals(true, Projections.settingsReplace(3L, 4));
        assertEquals(false, Projections.settingsReplace(4L, 3));
    }

    @Test
    void theAppliedSettingsVersionOnlyMovesForward() {
        assertEquals(true, Projections.advances(null, 1));
        assertEquals(true, Projections.advances(3L, 4));
        assertEquals(false, Projections.advances(3L, 3));
        assertEquals(false, Projections.advances(4L, 3));
    }

    static Stream<Arguments> syncHistory() {
        SyncHistoryLine failed = new SyncHistoryLine("SYNC_FAILED", true, "why");
        SyncHistoryLine recovered = new SyncHistoryLine("SYNC_RECOVERED", false, "in the user's calendar again");
        return Stream.of(
                Arguments.of(null, SyncState.FAILED, Optional.of(failed)),
                Arguments.of(SyncState.LINKED, SyncState.FAILED, Optional.of(failed)),
                Arguments.of(SyncState.PENDING, SyncState.FAILED, Optional.of(failed)),
                Arguments.of(SyncState.FAILED, SyncState.FAILED, Optional.empty()),
                Arguments.of(SyncState.FAILED, SyncState.LINKED, Optional.of(recovered)),
                Arguments.of(SyncState.FAILED, SyncState.PENDING, Optional.empty()),
                Arguments.of(SyncState.FAILED, SyncState.REMOVED, Optional.empty()),
                Arguments.of(null, SyncState.LINKED, Optional.empty()),
                Arguments.of(SyncState.PENDING, SyncState.LINKED, Optional.empty()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource
    void syncHistory(SyncState before, SyncState now, Optional<SyncHistoryLine> line) {
        assertEquals(line, Projections.syncHistory(before, now, "why"));
    }
}
