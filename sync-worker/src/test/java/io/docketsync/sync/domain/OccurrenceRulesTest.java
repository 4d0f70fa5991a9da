package io.docketsync.sync.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docketsync.contracts.ActivityCommand.Type;
import io.docketsync.contracts.Permission;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a user's change of one occurrence does, by permission and by what they did, as a table. */
class OccurrenceRulesTest {
    private static final LocalDateTime ORIGINAL = LocalDateTime.parse("2026-11-02T09:00");
    private static final SeriesView.Shown MOVED = new SeriesView.Shown(ORIGINAL, ORIGINAL.withHour(11),
            ORIGINAL.withHour(12), "Review", "Agenda", "Room 4");
    private static final SeriesView.Shown WANTED = new SeriesView.Shown(ORIGINAL, ORIGINAL, ORIGINAL.plusHours(1),
            "Review", "Agenda", "Room 4");
    private static final SeriesView.Difference CHANGED = new SeriesView.Changed(ORIGINAL, "occ-1", MOVED, WANTED);
    private static final SeriesView.Difference MISSING = new SeriesView.Missing(ORIGINAL);
    private static final SeriesView.Difference EXTRA = new SeriesView.Extra(ORIGINAL, "occ-1");
    private static final LinkedActivity ACTIVITY = new LinkedActivity("act-1", "alice", "alice", List.of("bob", "carol"),
            3, null, 3);
    private static final EventLink COPY = new EventLink("bob", "bob@halemarsh.test", "series-1", EventLink.Role.COPY);
    private static final EventLink INVITATION = new EventLink("bob", "bob@halemarsh.test", "series-1",
            EventLink.Role.ATTENDEE);

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("moved, may edit", CHANGED, COPY, Permission.ANY, Permission.NONE, "SET_OCCURRENCE"),
                Arguments.of("moved, may edit own only (not theirs)", CHANGED, COPY, Permission.OWN, Permission.ANY,
                        "RESTORE"),
                Arguments.of("moved, may not edit", CHANGED, COPY, Permission.NONE, Permission.ANY, "RESTORE"),
                Arguments.of("deleted, may delete", MISSING, COPY, Permission.NONE, Permission.ANY, "CANCEL_OCCURRENCE"),
                Arguments.of("deleted, may not delete", MISSING, COPY, Permission.ANY, Permission.NONE, "NOTHING"),
                Arguments.of("cancelled in the app, still in Outlook", EXTRA, COPY, Permission.ANY, Permission.ANY,
                        "NOTHING"),
                Arguments.of("an invitation's occurrence moved", CHANGED, INVITATION, Permission.ANY, Permission.ANY,
                        "NOTHING"),
                Arguments.of("not linked", CHANGED, null, Permission.ANY, Permission.ANY, "NOTHING"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void effects(String row, SeriesView.Difference d, EventLink link, Permission edit, Permission delete,
            String expected) {
        List<InboundEffect> effects = OccurrenceRules.effects("bob", link, ACTIVITY, edit, delete, "Europe/London",
                "series-1", List.of(d));
        String kind = effects.isEmpty() ? "NOTHING" : effects.get(0) instanceof InboundEffect.Restore ? "RESTORE"
                : ((InboundEffect.OccurrenceCommand) effects.get(0)).type().name();
        assertEquals(expected, kind, effects.toString());
        if (expected.equals("SET_OCCURRENCE")) {
            var c = (InboundEffect.OccurrenceCommand) effects.get(0);
            assertEquals(ORIGINAL, c.originalStart());
            assertEquals(ORIGINAL.withHour(11), c.fields().start());
            assertEquals("Europe/London", c.fields().timeZone());
        }
        if (expected.equals("RESTORE")) {
            assertEquals(new InboundEffect.Restore("act-1", EventLink.Role.COPY, "series-1"), effects.get(0));
        }
        if (expected.equals("CANCEL_OCCURRENCE")) {
            assertEquals(Type.CANCEL_OCCURRENCE, ((InboundEffect.OccurrenceCommand) effects.get(0)).type());
        }
    }
}
