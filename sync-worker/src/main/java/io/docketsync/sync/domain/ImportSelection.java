package io.docketsync.sync.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * "Import from 365" (no I/O): which events of the user's calendar become new activities. Events already linked are
 * skipped (a re-run imports nothing twice), as are meetings an activity already holds (same iCalUId: the inbound
 * rules link such invitations), cancelled events, and, when a prefix is given, events whose subject does not start
 * with it (trimmed, ignoring case, as for events created in Outlook).
 */
public final class ImportSelection {
    private ImportSelection() {
    }

    public record Result(List<OfficeEvent> toImport, int linked, int otherMeetings, int cancelled, int prefix) {
    }

    public static Result select(List<OfficeEvent> events, String prefix, Set<String> linkedEventIds,
            Set<String> linkedICalUIds) {
        List<OfficeEvent> selected = new ArrayList<>();
        int linked = 0;
        int meetings = 0;
        int cancelled = 0;
        int notPrefixed = 0;
        for (OfficeEvent e : events) {
            if (linkedEventIds.contains(e.eventId())) {
                linked++;
            } else if (e.iCalUId() != null && linkedICalUIds.contains(e.iCalUId())) {
                meetings++;
            } else if (e.isCancelled()) {
                cancelled++;
            } else if (!InboundRules.matchesPrefix(e.subject(), prefix)) {
                notPrefixed++;
            } else {
                selected.add(e);
            }
        }
        return new Result(selected, linked, meetings, cancelled, notPrefixed);
    }
}
