package io.docketsync.sync.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docketsync.contracts.MailboxOp;
import io.docketsync.contracts.MailboxOp.LinkRole;
import io.docketsync.contracts.MailboxOp.OpType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteWavesTest {

    static MailboxOp op(String id, String activity, String user, LinkRole role) {
        return new MailboxOp(id, OpType.UPDATE, user, user + "@x.test", activity, 1, null, null, null, null, role);
    }

    private static List<List<String>> waves(List<MailboxOp> ops) {
        List<List<String>> waves = new ArrayList<>();
        List<MailboxOp> rest = ops;
        while (!rest.isEmpty()) {
            WriteWaves.Split s = WriteWaves.next(rest);
            waves.add(s.wave().stream().map(MailboxOp::opId).toList());
            rest = s.rest();
        }
        return waves;
    }

    @Test
    void independentEventsGoTogether() {
        assertEquals(List.of(List.of("1", "2", "3")), waves(List.of(op("1", "a", "bob", LinkRole.COPY),
                op("2", "b", "bob", LinkRole.COPY), op("3", "a", "carol", LinkRole.COPY))));
    }

    @Test
    void opsOnOneEventKeepTheirOrderAcrossWaves() {
        assertEquals(List.of(List.of("1", "2"), List.of("3", "5"), List.of("4")), waves(List.of(
                op("1", "a", "bob", LinkRole.COPY), op("2", "b", "bob", LinkRole.COPY),
                op("3", "a", "bob", LinkRole.COPY), op("4", "a", "bob", LinkRole.COPY),
                op("5", "b", "bob", LinkRole.COPY))));
    }

    @Test
    void aCopyAndAMeetingOfOneActivityAreDifferentEvents() {
        assertEquals(List.of(List.of("1", "2")), waves(List.of(op("1", "a", "bob", LinkRole.COPY),
                op("2", "a", "bob", LinkRole.ORGANIZER))));
    }

    @Test
    void aMissingRoleCountsAsCopy() {
        assertEquals(List.of(List.of("1"), List.of("2")), waves(List.of(op("1", "a", "bob", null),
                op("2", "a", "bob", LinkRole.COPY))));
    }
}
