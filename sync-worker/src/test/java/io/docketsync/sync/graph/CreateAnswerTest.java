package io.docketsync.sync.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.graph.models.DateTimeTimeZone;
import com.microsoft.graph.models.Event;
import io.docketsync.contracts.EventContent;
import io.docketsync.sync.domain.WrittenEvent;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A create answered with the event an earlier attempt made (Graph's transactionId): edited in Outlook since, its change
 * key is not ours; as we sent it (in whatever zone Graph answers), it is our write's echo.
 */
class CreateAnswerTest {
    private static final EventContent SENT = new EventContent("Hearing", "Notes", "Court 3",
            LocalDateTime.parse("2026-12-07T09:00"), LocalDateTime.parse("2026-12-07T10:00"), false, "Europe/London",
            List.of(), null, List.of());

    private static Event answer(String subject, String start, String zone) {
        Event e = new Event();
        e.setId("e1");
        e.setChangeKey("CK2");
        e.setSubject(subject);
        DateTimeTimeZone t = new DateTimeTimeZone();
        t.setDateTime(start);
        t.setTimeZone(zone);
        e.setStart(t);
        return e;
    }

    @Test
    void anAnswerShowingWhatWeSentIsOurs() {
        assertFalse(GraphCalendarClient.created(answer("Hearing", "2026-12-07T09:00:00.0000000", "Europe/London"), SENT)
                .changedInOutlook());
        // the same instant in a Windows zone name, and in UTC
        assertFalse(GraphCalendarClient.created(answer("Hearing", "2026-12-07T09:00:00", "GMT Standard Time"), SENT)
                .changedInOutlook());
        assertFalse(GraphCalendarClient.created(answer("Hearing", "2026-12-07T09:00:00", "UTC"), SENT).changedInOutlook());
    }

    @Test
    void anAnswerRenamedOrMovedSinceWasEditedInOutlookAndItsChangeKeyIsNotLinkedAsOurs() {
        WrittenEvent renamed = GraphCalendarClient.created(answer("Hearing (moved)", "2026-12-07T09:00:00",
                "Europe/London"), SENT);
        assertTrue(renamed.changedInOutlook());
        assertNull(renamed.asLinked().changeKey());
        assertEquals("e1", renamed.asLinked().eventId());
        assertTrue(GraphCalendarClient.created(answer("Hearing", "2026-12-07T11:00:00", "Europe/London"), SENT)
                .changedInOutlook());
    }

    @Test
    void anAnswerInAZoneWeCannotReadIsTakenAsSent() {
        assertFalse(GraphCalendarClient.created(answer("Hearing", "2026-12-07T03:00:00", "tzone://Microsoft/Custom"),
                SENT).changedInOutlook());
    }
}
