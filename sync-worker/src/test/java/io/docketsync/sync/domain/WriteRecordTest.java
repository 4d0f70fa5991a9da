package io.docketsync.sync.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docketsync.contracts.MailboxOp;
import io.docketsync.contracts.SyncState;
import io.docketsync.sync.domain.WriteRecord.DeletionEnded;
import io.docketsync.sync.domain.WriteRecord.Held;
import io.docketsync.sync.domain.WriteRecord.Keep;
import io.docketsync.sync.domain.WriteRecord.Remove;
import io.docketsync.sync.domain.WriteRecord.Save;
import io.docketsync.sync.domain.WriteTarget.Action;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the write stage records for an op, per target and outcome, as a table. */
class WriteRecordTest {
    private static final MailboxOp OP = new MailboxOp("op-1", MailboxOp.OpType.UPDATE, "bob", "bob@halemarsh.test",
            "act-1", 3, "evt-1", null, null, null, MailboxOp.LinkRole.COPY, null);
    private static final WrittenEvent WRITTEN = new WrittenEvent("evt-2", "ical-1", "CK3");
    private static final GraphWriteException REFUSED = new GraphWriteException(400, "ErrorInvalidRequest",
            "the end is before the start", null, null);
    private static final GraphWriteException THROTTLED = new GraphWriteException(429, "TooManyRequests",
            "patience ran out", Duration.ofSeconds(5), null);

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("nothing to write", Action.SKIP, null,
                        new WriteRecord(new Keep(), false, null, null, "evt-1", true, null)),
                Arguments.of("the event holds the version already (the user's own Outlook edit)", Action.HELD, null,
                        new WriteRecord(new Held(), false, null, null, "evt-1", true, null)),
                Arguments.of("created or updated", Action.UPDATE, WriteOutcome.ok(WRITTEN),
                        new WriteRecord(new Save(WRITTEN), false, SyncState.LINKED, null, "evt-2", true, null)),
                Arguments.of("created anew", Action.CREATE, WriteOutcome.ok(WRITTEN),
                        new WriteRecord(new Save(WRITTEN), false, SyncState.LINKED, null, "evt-2", true, null)),
                Arguments.of("deleted", Action.DELETE, WriteOutcome.ok(null),
                        new WriteRecord(new Remove(), false, SyncState.REMOVED, null, "evt-1", true, null)),
                Arguments.of("must reconnect", Action.UPDATE,
                        WriteOutcome.failed(new MailboxUnavailableException("sign in again", true)),
                        new WriteRecord(new Keep(), true, SyncState.PENDING, "sign in again", "evt-1", false, null)),
                Arguments.of("not connected", Action.UPDATE,
                        WriteOutcome.failed(new MailboxUnavailableException("disconnected", false)),
                        new WriteRecord(new Keep(), false, SyncState.PENDING, "disconnected", "evt-1", false, null)),
                Arguments.of("refused by Graph", Action.UPDATE, WriteOutcome.failed(REFUSED),
                        new WriteRecord(new Keep(), false, SyncState.FAILED, REFUSED.reason(), "evt-1", false,
                                "Office 365 refused UPDATE for bob: " + REFUSED.reason())),
                Arguments.of("throttled past patience", Action.CREATE, WriteOutcome.failed(THROTTLED),
                        new WriteRecord(new Keep(), false, SyncState.FAILED, THROTTLED.reason(), "evt-1", false,
                                "Office 365 refused UPDATE for bob: " + THROTTLED.reason())),
                Arguments.of("deletion refused: the event stays", Action.DELETE, WriteOutcome.failed(REFUSED),
                        new WriteRecord(new DeletionEnded(), false, SyncState.FAILED, REFUSED.reason(), "evt-1", false,
                                "Office 365 refused UPDATE for bob: " + REFUSED.reason())),
                Arguments.of("deletion while disconnected", Action.DELETE,
                        WriteOutcome.failed(new MailboxUnavailableException("disconnected", false)),
                        new WriteRecord(new DeletionEnded(), false, SyncState.PENDING, "disconnected", "evt-1", false,
                                null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void recorded(String row, Action action, WriteOutcome outcome, WriteRecord expected) {
        assertEquals(expected, WriteRecord.of(OP, new WriteTarget(action, "evt-1"), outcome));
    }
}
