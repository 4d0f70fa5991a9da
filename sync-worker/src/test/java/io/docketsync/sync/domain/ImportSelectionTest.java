package io.docketsync.sync.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImportSelectionTest {
    static OfficeEvent event(String id, String iCalUId, String subject, boolean cancelled) {
        LocalDateTime nine = LocalDateTime.parse("2026-12-01T09:00");
        return new OfficeEvent(id, iCalUId, "ck", null, null, true, cancelled, subject, null, null, nine, nine.plusHours(1),
                false, "UTC", null);
    }

    private final List<OfficeEvent> calendar = List.of(
            event("e1", "u1", "[DS] Hearing", false),
            event("e2", "u2", "  [ds] filing", false),
            event("e3", "u3", "Lunch", false),
            event("e4", "u4", "[DS] linked already", false),
            event("e5", "u5", "[DS] invitation to our meeting", false),
            event("e6", "u6", "[DS] cancelled", true));

    @Test
    void aPrefixImportsOnlyMatchingUnlinkedLiveEvents() {
        var r = ImportSelection.select(calendar, " [ds] ", Set.of("e4"), Set.of("u5"));
        assertEquals(List.of("e1", "e2"), r.toImport().stream().map(OfficeEvent::eventId).toList());
        assertEquals(1, r.linked());
        assertEquals(1, r.otherMeetings());
        assertEquals(1, r.cancelled());
        assertEquals(1, r.prefix());
    }

    @Test
    void noPrefixOrABlankOneImportsEverythingNotLinked() {
        for (String prefix : new String[] {null, "", "   "}) {
            var r = ImportSelection.select(calendar, prefix, Set.of("e4"), Set.of("u5"));
            assertEquals(List.of("e1", "e2", "e3"), r.toImport().stream().map(OfficeEvent::eventId).toList(),
                    "prefix '" + prefix + "'");
        }
    }

    @Test
    void aSecondRunAfterLinkingEverythingImportsNothing() {
        var r = ImportSelection.select(calendar, null, Set.of("e1", "e2", "e3", "e4", "e5", "e6"), Set.of());
        assertEquals(List.of(), r.toImport());
    }
}
