package io.docketsync.sync.domain;

import java.util.List;

/**
 * One round of a mailbox's calendar delta: events changed (times in UTC), ids of events that are gone, the link for
 * the next round, and whether it is a baseline (no link yet, or the stored one had expired). Delta reports a series'
 * occurrences, never its master: a changed occurrence is reported as its series master, with the series' occurrences
 * over the window in {@code occurrences} (by master id), so the series is judged as a whole.
 */
public record DeltaRound(List<OfficeEvent> changed, List<String> removed, String deltaLink, boolean baseline,
        java.util.Map<String, List<OfficeEvent>> occurrences) {

    public DeltaRound(List<OfficeEvent> changed, List<String> removed, String deltaLink, boolean baseline) {
        this(changed, removed, deltaLink, baseline, java.util.Map.of());
    }
}
