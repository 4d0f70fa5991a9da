package io.docketsync.contracts.recurrence;

import java.time.LocalDateTime;

/**
 * One occurrence of a series, as wall-clock times in the activity's zone. {@code originalStart} identifies it
 * within the series (with the series' id: never by position); {@code start}/{@code end} are where it is, which
 * differ from the series' times only for an {@code exception} (an occurrence changed on its own).
 */
public record Occurrence(LocalDateTime originalStart, LocalDateTime start, LocalDateTime end, boolean exception) {
}
