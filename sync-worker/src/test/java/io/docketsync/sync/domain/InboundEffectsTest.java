package io.docketsync.sync.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docketsync.contracts.ActivityCommand.Type;
import io.docketsync.sync.domain.EventLink.Role;
import io.docketsync.sync.domain.InboundDecision.Kind;
import io.docketsync.sync.domain.InboundEffect.AwaitOwnWrite;
import io.docketsync.sync.domain.InboundEffect.Command;
import io.docketsync.sync.domain.InboundEffect.Link;
import io.docketsync.sync.domain.InboundEffect.RecordChangeKey;
import io.docketsync.sync.domain.InboundEffect.Replan;
import io.docketsync.sync.domain.InboundEffect.Restore;
import io.docketsync.sync.domain.InboundEffect.Unlink;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What each inbound decision does, as a table: one row per decision (and per deleted / edited where it matters). */
class InboundEffectsTest {
    private static final String EVENT = "evt-1";
    private static final String COPY_OF_EVENT = StableIds.activityFromEvent(EVENT);
    private static final OfficeEvent EDITED = new OfficeEvent(EVENT, "ical-1", "CK2", Instant.parse("2026-11-01T09:00:00Z"),
            Instant.parse("2026-11-02T09:00:00Z"), false, false, "Hearing (moved)", "", "Court 2",
            LocalDateTime.parse("2026-12-01T10:00"), LocalDateTime.parse("2026-12-01T11:00"), false, "UTC", null, null);
    private static final EventLink COPY = new EventLink("bob", "bob@halemarsh.test", EVENT, Role.COPY);

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("ignored", Kind.IGNORE, EDITED, COPY, List.of()),
                Arguments.of("our write not recorded yet", Kind.AWAIT_OWN_WRITE, EDITED, COPY,
                        List.of(new AwaitOwnWrite("why"))),
                Arguments.of("edit by a permitted user", Kind.UPDATE_ACTIVITY, EDITED, COPY,
                        List.of(new RecordChangeKey("CK2"), new Command(Type.UPDATE_FIELDS, "act-1", null, true, "CK2"))),
                Arguments.of("edit by a restricted user", Kind.DETACH_AND_CREATE, EDITED, COPY, List.of(new Unlink(),
                        new Link(COPY_OF_EVENT, Role.COPY, false),
                        new Command(Type.REMOVE_SCHEDULED_USER, "act-1", null, true, "CK2"),
                        new Command(Type.CREATE_FOR_USER, null, COPY_OF_EVENT, true, "CK2"))),
                Arguments.of("edit restored (When Editing)", Kind.RESTORE_EVENT, EDITED, COPY,
                        List.of(new Restore("act-1", Role.COPY, EVENT))),
                Arguments.of("deletion restored (When Deleting)", Kind.RESTORE_EVENT, null, COPY,
                        List.of(new Unlink(), new Restore("act-1", Role.COPY, null))),
                Arguments.of("deletion by a permitted user", Kind.DELETE_ACTIVITY, null, COPY, List.of(new Unlink(),
                        new Command(Type.DELETE, "act-1", null, false, "deleted:" + EVENT))),
                Arguments.of("deletion by a restricted user", Kind.REMOVE_USER, null, COPY, List.of(new Unlink(),
                        new Command(Type.REMOVE_SCHEDULED_USER, "act-1", null, false, "deleted:" + EVENT))),
                Arguments.of("the application's later change wins", Kind.REPUSH_APP_VERSION, EDITED, COPY,
                        List.of(new Replan("act-1"))),
                Arguments.of("invitation of our meeting", Kind.LINK_INVITATION, EDITED, null,
                        List.of(new Link("act-1", Role.ATTENDEE, true))),
                Arguments.of("invited from Outlook to our meeting", Kind.JOIN_ACTIVITY, EDITED, null, List.of(
                        new Link("act-1", Role.ATTENDEE, true),
                        new Command(Type.ADD_SCHEDULED_USER, "act-1", null, true, "CK2"))),
                Arguments.of("new in Outlook, two-way sync", Kind.CREATE_ACTIVITY, EDITED, null, List.of(
                        new Link(COPY_OF_EVENT, Role.COPY, true),
                        new Command(Type.CREATE_FROM_OFFICE, null, COPY_OF_EVENT, true, "CK2"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decisionBecomesItsEffects(String row, Kind kind, OfficeEvent event, EventLink link, List<InboundEffect> expected) {
        String activity = kind == Kind.CREATE_ACTIVITY ? null : "act-1";
        String reason = kind == Kind.AWAIT_OWN_WRITE ? "why" : "because";
        assertEquals(expected, InboundEffects.of(new InboundDecision(kind, activity, reason), EVENT, event, link));
    }

    @Test
    void everyDecisionHasARow() {
        Set<Kind> covered = EnumSet.noneOf(Kind.class);
        table().forEach(a -> covered.add((Kind) a.get()[1]));
        assertEquals(EnumSet.allOf(Kind.class), covered);
    }
}
