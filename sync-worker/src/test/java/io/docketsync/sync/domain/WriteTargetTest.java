package io.docketsync.sync.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docketsync.contracts.MailboxOp;
import io.docketsync.contracts.MailboxOp.OpType;
import io.docketsync.sync.domain.WriteTarget.Action;
import io.docketsync.sync.domain.WriteTarget.CurrentLink;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a planned op turns into once the writer sees the link it holds at write time. */
class WriteTargetTest {

    static MailboxOp op(OpType type, long version, String plannedEventId) {
        return new MailboxOp("op", type, "bob", "bob@halemarsh.test", "act-1", version, plannedEventId, null, null,
                null, MailboxOp.LinkRole.COPY);
    }

    /** An update planned from an Outlook edit of bob's event (change key CK-E), to be sent only if overwritten. */
    static MailboxOp fromOutlook(long version) {
        return new MailboxOp("op", OpType.UPDATE, "bob", "bob@halemarsh.test", "act-1", version, "e-1", null, null,
                null, MailboxOp.LinkRole.COPY, "CK-E");
    }

    static Stream<Arguments> table() {
        CurrentLink v3 = new CurrentLink("e-1", 3);
        return Stream.of(
                Arguments.of("create, nothing linked: create", op(OpType.CREATE, 3, null), null, Action.CREATE, null),
                Arguments.of("create planned twice (edited before written): the second updates",
                        op(OpType.CREATE, 4, null), v3, Action.UPDATE, "e-1"),
                Arguments.of("create of the version the event holds (replay, or a push job's copy): skipped",
                        op(OpType.CREATE, 3, null), v3, Action.SKIP, null),
                Arguments.of("create older than what was written: skipped", op(OpType.CREATE, 2, null), v3,
                        Action.SKIP, null),
                Arguments.of("update of the linked event", op(OpType.UPDATE, 4, "e-1"), v3, Action.UPDATE, "e-1"),
                Arguments.of("update follows the link, not the plan's event id", op(OpType.UPDATE, 4, "e-old"), v3,
                        Action.UPDATE, "e-1"),
                Arguments.of("update older than what was written: skipped", op(OpType.UPDATE, 2, "e-1"), v3,
                        Action.SKIP, null),
                Arguments.of("update whose event an earlier delete removed (user off, then on again): created",
                        op(OpType.UPDATE, 4, "e-1"), null, Action.CREATE, null),
                Arguments.of("delete of the linked event", op(OpType.DELETE, 4, "e-1"), v3, Action.DELETE, "e-1"),
                Arguments.of("delete planned before the create was written: finds the event",
                        op(OpType.DELETE, 4, null), v3, Action.DELETE, "e-1"),
                Arguments.of("delete with no event ever written: nothing to send", op(OpType.DELETE, 4, null), null,
                        Action.SKIP, null),
                Arguments.of("delete of an event we no longer link: still deleted", op(OpType.DELETE, 4, "e-9"),
                        null, Action.DELETE, "e-9"),
                Arguments.of("delete older than a newer write (user re-added since): skipped",
                        op(OpType.DELETE, 2, null), v3, Action.SKIP, null),
                Arguments.of("respond is never planned", op(OpType.RESPOND, 4, "e-1"), v3, Action.SKIP, null),
                Arguments.of("from Outlook, the event still holds that edit: nothing to send, the version held",
                        fromOutlook(4), new CurrentLink("e-1", 3, "CK-E"), Action.HELD, "e-1"),
                Arguments.of("from Outlook, a write of ours landed on top of the edit since: it is put back",
                        fromOutlook(4), new CurrentLink("e-1", 3, "CK-ours"), Action.UPDATE, "e-1"),
                Arguments.of("from Outlook, a newer version was written since: skipped", fromOutlook(4),
                        new CurrentLink("e-1", 5, "CK-ours"), Action.SKIP, null),
                Arguments.of("from Outlook, the event was deleted since: nothing to send", fromOutlook(4), null,
                        Action.SKIP, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void resolvesAgainstTheLinkHeldNow(String name, MailboxOp op, CurrentLink link, Action action, String eventId) {
        WriteTarget t = WriteTarget.resolve(op, link);
        assertEquals(action, t.action(), name);
        assertEquals(eventId, t.eventId(), name);
    }
}
