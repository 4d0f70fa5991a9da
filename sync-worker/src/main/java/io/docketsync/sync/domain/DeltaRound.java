package io.docketsync.sync.domain;

import java.util.List;

/**
 * One round of a mailbox's calendar delta: events changed (times in UTC), ids of events that are gone, the link for
 * the next round, and whether it is a baseline (no link yet, or the stored one had expired).
 */
public record DeltaRound(List<OfficeEvent> changed, List<String> removed, String deltaLink, boolean baseline) {
}
