package io.docketsync.activity.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docketsync.contracts.ActivityKind;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ActivityValidationTest {

    @ParameterizedTest(name = "{0} {1}..{2} allDay={3} due={4} tz={5} -> [{6}]")
    @CsvSource(value = {
        "APPOINTMENT | 2026-12-01T09:00 | 2026-12-01T10:00 | false |            | Europe/London |",
        "APPOINTMENT | 2026-12-01T09:00 | 2026-12-01T09:00 | false |            | Europe/London | end",
        "APPOINTMENT | 2026-12-01T09:00 | 2026-12-01T08:00 | false |            | UTC           | end",
        "APPOINTMENT |                  | 2026-12-01T08:00 | false |            | UTC           | start",
        "APPOINTMENT | 2026-12-01T09:00 |                  | false |            | UTC           | end",
        "APPOINTMENT | 2026-12-01T00:00 | 2026-12-02T00:00 | true  |            | UTC           |",
        "APPOINTMENT | 2026-12-01T09:00 | 2026-12-02T00:00 | true  |            | UTC           | allDay",
        "APPOINTMENT | 2026-12-01T09:00 | 2026-12-01T10:00 | false |            | Mars/Base     | timeZone",
        "TASK        |                  |                  | false | 2026-12-03 | UTC           |",
        "TASK        |                  |                  | false |            | UTC           | dueDate",
        "TASK        |                  |                  | false |            | Nowhere       | timeZone,dueDate",
    }, delimiter = '|')
    void violationsNameTheirFields(ActivityKind kind, LocalDateTime start, LocalDateTime end, boolean allDay,
            LocalDate due, String zone, String expected) {
        String fields = ActivityValidation.check(kind, start, end, allDay, due, null, zone).stream()
                .map(Violation::field).collect(Collectors.joining(","));
        assertEquals(expected == null ? "" : expected, fields);
    }
}
