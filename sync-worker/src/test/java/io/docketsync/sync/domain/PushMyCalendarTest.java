package io.docketsync.sync.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docketsync.contracts.ActivityKind;
import io.docketsync.contracts.ActivitySnapshot;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PushMyCalendarTest {
    private static final LocalDate TODAY = LocalDate.parse("2026-11-25");

    @ParameterizedTest(name = "{0} {1} push={2} for={3} linked={4} to={5} -> {6}")
    @CsvSource({
        "APPOINTMENT, 2026-11-25, true,  bob,   false, ,           true",
        "APPOINTMENT, 2026-10-26, true,  bob,   false, ,           true",
        "APPOINTMENT, 2026-10-25, true,  bob,   false, ,           false",
        "APPOINTMENT, 2030-01-01, true,  bob,   false, ,           true",
        "APPOINTMENT, 2030-01-01, true,  bob,   false, 2026-12-31, false",
        "APPOINTMENT, 2026-12-31, true,  bob,   false, 2026-12-31, true",
        "APPOINTMENT, 2026-11-30, false, bob,   false, ,           false",
        "APPOINTMENT, 2026-11-30, true,  alice, false, ,           false",
        "APPOINTMENT, 2026-11-30, true,  bob,   true,  ,           false",
        "TASK,        2026-11-30, true,  bob,   false, ,           true",
        "TASK,        2026-09-30, true,  bob,   false, ,           false",
    })
    void selection(ActivityKind kind, LocalDate day, boolean push, String scheduled, boolean linked, LocalDate to,
            boolean expected) {
        ActivitySnapshot a = kind == ActivityKind.TASK
                ? new ActivitySnapshot("a", "f", kind, "s", null, null, null, null, false, day, null, "UTC",
                        List.of(scheduled), null, "alice", push, 1, Instant.EPOCH)
                : new ActivitySnapshot("a", "f", kind, "s", null, null, day.atTime(9, 0),
                        LocalDateTime.of(day, java.time.LocalTime.of(10, 0)), false, null, null, "UTC",
                        List.of(scheduled), null, "alice", push, 1, Instant.EPOCH);
        assertEquals(expected, PushMyCalendar.selects(a, "bob", PushMyCalendar.defaultFrom(TODAY), to,
                linked ? Set.of("a") : Set.of()));
    }
}
