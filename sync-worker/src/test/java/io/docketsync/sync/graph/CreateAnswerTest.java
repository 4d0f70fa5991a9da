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

    /** An event as Graph answers a create or an update in a $batch: the whole event, read for five of its fields. */
    private static final String GRAPH_ANSWER = """
            {"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users('alice')/events/$entity",
             "@odata.etag":"W/\\"CK2\\"","id":"AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0A","createdDateTime":"2026-12-01T10:00:00Z",
             "changeKey":"CK2","categories":[],"transactionId":"tx-1","originalStartTimeZone":"GMT Standard Time",
             "iCalUId":"040000008200E00074C5B7101A82E008","reminderMinutesBeforeStart":15,"isAllDay":false,
             "subject":"Hearing","importance":"normal","sensitivity":"normal","showAs":"busy","type":"singleInstance",
             "body":{"contentType":"html","content":"<html><body>Notes</body></html>"},
             "start":{"dateTime":"2026-12-07T09:00:00.0000000","timeZone":"GMT Standard Time"},
             "end":{"dateTime":"2026-12-07T10:00:00.0000000","timeZone":"GMT Standard Time"},
             "location":{"displayName":"Court 3","locationType":"default","uniqueIdType":"private"},
             "locations":[{"displayName":"Court 3"}],"recurrence":null,
             "attendees":[{"type":"required","status":{"response":"none","time":"0001-01-01T00:00:00Z"},
                           "emailAddress":{"name":"Bob","address":"bob@example.com"}}],
             "organizer":{"emailAddress":{"name":"Alice","address":"alice@example.com"}},
             "singleValueExtendedProperties":[{"id":"String {66f5a359-4659-4830-9070-00047ec6ac6e} Name docketsync",
                                               "value":"act-1:3"}]}""";

    @Test
    void aWritesAnswerIsReadForItsIdsChangeKeySubjectAndStartAsTheSdkModelReadsThem() throws Exception {
        Event full = node(GRAPH_ANSWER).getObjectValue(Event::createFromDiscriminatorValue);
        Event read = GraphCalendarClient.answered(node(GRAPH_ANSWER));
        assertEquals(full.getId(), read.getId());
        assertEquals("040000008200E00074C5B7101A82E008", read.getICalUId());
        assertEquals("CK2", read.getChangeKey());
        assertEquals("Hearing", read.getSubject());
        assertEquals(full.getStart().getDateTime(), read.getStart().getDateTime());
        assertEquals("GMT Standard Time", read.getStart().getTimeZone());
        WrittenEvent ours = GraphCalendarClient.created(read, SENT);
        assertFalse(ours.changedInOutlook());
        assertEquals(GraphCalendarClient.created(full, SENT), ours);
    }

    @Test
    void anAnswerWithoutTheFieldsLeavesThemNull() throws Exception {
        Event read = GraphCalendarClient.answered(node("{\"id\":\"e1\"}"));
        assertEquals("e1", read.getId());
        assertNull(read.getChangeKey());
        assertNull(read.getStart());
    }

    /** JSON as the SDK's parse nodes read it (the $batch answer's body is one). */
    private static com.microsoft.kiota.serialization.ParseNode node(String json) throws Exception {
        return new com.microsoft.kiota.serialization.JsonParseNodeFactory().getParseNode("application/json",
                new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
