package io.docketsync.simulator;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.graph.models.Event;
import com.microsoft.graph.models.EventCollectionResponse;
import com.microsoft.graph.models.SingleValueLegacyExtendedProperty;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.models.DayOfWeek;
import com.microsoft.graph.models.PatternedRecurrence;
import com.microsoft.graph.models.RecurrencePattern;
import com.microsoft.graph.models.RecurrencePatternType;
import com.microsoft.graph.models.RecurrenceRange;
import com.microsoft.graph.models.RecurrenceRangeType;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventsTest extends SimulatorTest {
    private static final String PROPERTY = "String {4b2f7c1e-9a0d-4c55-8d1e-6f7a2b9c3d10} Name docketsyncActivity";

    @Test
    void createReadUpdateDeleteWithChangeKeysAndIfMatch() {
        GraphServiceClient alice = graph(ALICE);
        Event created = alice.me().events().post(event("Hearing", "2026-12-01T09:00:00", "2026-12-01T10:00:00"));
        assertTrue(created.getId().startsWith("AAMk"));
        assertTrue(created.getIsOrganizer());
        assertEquals("organizer", created.getResponseStatus().getResponse().getValue());
        assertNotNull(created.getICalUId());
        assertNotNull(created.getCreatedDateTime());
        assertEquals("W/\"" + created.getChangeKey() + "\"", etag(created));
        assertEquals("2026-12-01T09:00:00.0000000", created.getStart().getDateTime());

        Event read = alice.users().byUserId(ALICE).calendar().events().byEventId(created.getId()).get();
        assertEquals("Hearing", read.getSubject());

        Event patch = new Event();
        patch.setSubject("Hearing (moved)");
        Event updated = alice.me().events().byEventId(created.getId())
                .patch(patch, rc -> rc.headers.add("If-Match", etag(created)));
        assertEquals("Hearing (moved)", updated.getSubject());
        assertNotEquals(created.getChangeKey(), updated.getChangeKey());
        assertFalse(updated.getLastModifiedDateTime().isBefore(created.getLastModifiedDateTime()));

        ODataError stale = assertThrows(ODataError.class, () -> alice.me().events().byEventId(created.getId())
                .patch(patch, rc -> rc.headers.add("If-Match", etag(created))));
        assertEquals(412, stale.getResponseStatusCode());
        assertEquals("ErrorIrresolvableConflict", stale.getError().getCode());
        assertNotNull(stale.getError().getInnerError());

        alice.me().events().byEventId(created.getId()).delete();
        ODataError gone = assertThrows(ODataError.class, () -> alice.me().events().byEventId(created.getId()).get());
        assertEquals(404, gone.getResponseStatusCode());
        assertEquals("ErrorItemNotFound", gone.getError().getCode());

        ODataError malformed = assertThrows(ODataError.class, () -> alice.me().events().byEventId("not-an-id").get());
        assertEquals(400, malformed.getResponseStatusCode());
        assertEquals("ErrorInvalidIdMalformed", malformed.getError().getCode());
    }

    @Test
    void aRepeatedTransactionIdReturnsTheFirstEvent() {
        GraphServiceClient bob = graph(BOB);
        // a retry builds its request anew (the SDK's backing store sends only what changed since the last send)
        Event first = bob.me().events().post(deposition("activity-42-create"));
        Event second = bob.me().events().post(deposition("activity-42-create"));
        assertEquals(first.getId(), second.getId());
        assertEquals("activity-42-create", second.getTransactionId());
        assertEquals(1, bob.me().events().get().getValue().size());
        assertNotEquals(first.getId(), bob.me().events().post(deposition("activity-43-create")).getId());
    }

    private static Event deposition(String transactionId) {
        Event e = event("Deposition", "2026-12-02T09:00:00", "2026-12-02T10:00:00");
        e.setTransactionId(transactionId);
        return e;
    }

    @Test
    void extendedPropertiesAreStoredAndExpandedByFilter() {
        GraphServiceClient alice = graph(ALICE);
        Event e = event("Filing", "2026-12-03T09:00:00", "2026-12-03T10:00:00");
        SingleValueLegacyExtendedProperty property = new SingleValueLegacyExtendedProperty();
        property.setId(PROPERTY);
        property.setValue("activity:42");
        e.setSingleValueExtendedProperties(List.of(property));
        Event created = alice.me().events().post(e);
        assertNull(created.getSingleValueExtendedProperties());

        Event expanded = alice.me().events().byEventId(created.getId()).get(rc -> rc.queryParameters.expand =
                new String[] {"singleValueExtendedProperties($filter=id eq '" + PROPERTY + "')"});
        assertEquals(1, expanded.getSingleValueExtendedProperties().size());
        assertEquals("activity:42", expanded.getSingleValueExtendedProperties().get(0).getValue());

        SingleValueLegacyExtendedProperty changed = new SingleValueLegacyExtendedProperty();
        changed.setId(PROPERTY);
        changed.setValue("activity:43");
        Event patch = new Event();
        patch.setSingleValueExtendedProperties(List.of(changed));
        alice.me().events().byEventId(created.getId()).patch(patch);
        Event again = alice.me().events().byEventId(created.getId()).get(rc -> rc.queryParameters.expand =
                new String[] {"singleValueExtendedProperties($filter=id eq '" + PROPERTY + "')"});
        assertEquals("activity:43", again.getSingleValueExtendedProperties().get(0).getValue());
    }

    @Test
    void calendarViewPagesThroughNextLinksInStartOrder() {
        GraphServiceClient carol = graph(CAROL);
        for (int day = 7; day >= 1; day--) {
            carol.me().events().post(event("Day " + day, "2026-12-0" + day + "T09:00:00", "2026-12-0" + day + "T10:00:00"));
        }
        carol.me().events().post(event("Outside", "2027-01-15T09:00:00", "2027-01-15T10:00:00"));

        EventCollectionResponse page = carol.me().calendarView().get(rc -> {
            rc.queryParameters.startDateTime = "2026-12-01T00:00:00Z";
            rc.queryParameters.endDateTime = "2026-12-31T00:00:00Z";
            rc.queryParameters.top = 3;
            rc.queryParameters.select = new String[] {"subject", "start"};
        });
        List<String> subjects = new ArrayList<>();
        int pages = 0;
        while (true) {
            pages++;
            page.getValue().forEach(e -> subjects.add(e.getSubject()));
            assertNull(page.getValue().get(0).getBody(), "$select leaves the body out");
            if (page.getOdataNextLink() == null) {
                break;
            }
            page = carol.me().calendarView().withUrl(page.getOdataNextLink()).get();
        }
        assertEquals(3, pages);
        assertEquals(List.of("Day 1", "Day 2", "Day 3", "Day 4", "Day 5", "Day 6", "Day 7"), subjects);

        ODataError noWindow = assertThrows(ODataError.class, () -> carol.me().calendarView().get());
        assertEquals(400, noWindow.getResponseStatusCode());
    }

    @Test
    void allDayEventsMustSpanMidnights() {
        GraphServiceClient alice = graph(ALICE);
        Event notMidnight = event("Trial", "2026-12-04T09:00:00", "2026-12-05T09:00:00");
        notMidnight.setIsAllDay(true);
        ODataError refused = assertThrows(ODataError.class, () -> alice.me().events().post(notMidnight));
        assertEquals(400, refused.getResponseStatusCode());
        assertEquals("ErrorPropertyValidationFailure", refused.getError().getCode());

        Event allDay = event("Trial", "2026-12-04T00:00:00", "2026-12-05T00:00:00");
        allDay.setIsAllDay(true);
        Event created = alice.me().events().post(allDay);
        assertTrue(created.getIsAllDay());
        // all-day events float: the dates stay, whatever zone the reader prefers
        Event inLa = alice.me().events().byEventId(created.getId())
                .get(rc -> rc.headers.add("Prefer", "outlook.timezone=\"Pacific Standard Time\""));
        assertEquals("2026-12-04T00:00:00.0000000", inLa.getStart().getDateTime());
    }

    @Test
    void preferOutlookTimezoneConvertsTimes() {
        GraphServiceClient bob = graph(BOB);
        Event e = new Event();
        e.setSubject("Call");
        e.setStart(time("2026-07-01T09:00:00", "W. Europe Standard Time"));
        e.setEnd(time("2026-07-01T10:00:00", "W. Europe Standard Time"));
        Event created = bob.me().events().post(e);
        assertEquals("2026-07-01T07:00:00.0000000", created.getStart().getDateTime());
        assertEquals("UTC", created.getStart().getTimeZone());
        assertEquals("W. Europe Standard Time", created.getOriginalStartTimeZone());

        Event inNewYork = bob.me().events().byEventId(created.getId())
                .get(rc -> rc.headers.add("Prefer", "outlook.timezone=\"America/New_York\""));
        assertEquals("2026-07-01T03:00:00.0000000", inNewYork.getStart().getDateTime());
        assertEquals("America/New_York", inNewYork.getStart().getTimeZone());

        Event mars = event("Call", "2026-07-01T09:00:00", "2026-07-01T10:00:00");
        mars.setStart(time("2026-07-01T09:00:00", "Mars/Olympus_Mons"));
        ODataError unknownZone = assertThrows(ODataError.class, () -> bob.me().events().post(mars));
        assertEquals("TimeZoneNotSupportedException", unknownZone.getError().getCode());
    }

    @Test
    void anOnPremisesMailboxIsRefused() {
        GraphServiceClient dave = graph(DAVE);
        assertEquals(DAVE, dave.me().get().getUserPrincipalName());
        ODataError refused = assertThrows(ODataError.class, () -> dave.me().events().get());
        assertEquals(404, refused.getResponseStatusCode());
        assertEquals("MailboxNotEnabledForRESTAPI", refused.getError().getCode());
        ODataError view = assertThrows(ODataError.class, () -> dave.users().byUserId(DAVE).calendarView().get(rc -> {
            rc.queryParameters.startDateTime = "2026-12-01T00:00:00Z";
            rc.queryParameters.endDateTime = "2026-12-31T00:00:00Z";
        }));
        assertEquals("MailboxNotEnabledForRESTAPI", view.getError().getCode());
    }

    @Test
    void recurrenceIsStoredAndReturned() {
        GraphServiceClient alice = graph(ALICE);
        Event weekly = event("Team meeting", "2026-12-07T09:00:00", "2026-12-07T09:30:00");
        PatternedRecurrence recurrence = new PatternedRecurrence();
        RecurrencePattern pattern = new RecurrencePattern();
        pattern.setType(RecurrencePatternType.Weekly);
        pattern.setInterval(1);
        pattern.setDaysOfWeek(List.of(DayOfWeek.Monday));
        recurrence.setPattern(pattern);
        RecurrenceRange range = new RecurrenceRange();
        range.setType(RecurrenceRangeType.EndDate);
        range.setStartDate(LocalDate.of(2026, 12, 7));
        range.setEndDate(LocalDate.of(2027, 1, 25));
        recurrence.setRange(range);
        weekly.setRecurrence(recurrence);
        Event read = alice.me().events().byEventId(alice.me().events().post(weekly).getId()).get();
        assertEquals("seriesMaster", read.getType().getValue());
        assertEquals(RecurrencePatternType.Weekly, read.getRecurrence().getPattern().getType());
        assertEquals(List.of(DayOfWeek.Monday), read.getRecurrence().getPattern().getDaysOfWeek());
        assertEquals(LocalDate.of(2027, 1, 25), read.getRecurrence().getRange().getEndDate());
    }

    @Test
    void concurrentWritesToSeveralMailboxesAllLand() throws Exception {
        given().contentType(ContentType.JSON)
                .body(Map.of("requestsPerWindow", 10000, "window", "PT10M", "maxConcurrent", 100))
                .put("/_sim/limits").then().statusCode(200);
        Map<String, GraphServiceClient> clients = Map.of(ALICE, graph(ALICE), BOB, graph(BOB), CAROL, graph(CAROL));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Event>> writes = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                for (GraphServiceClient client : clients.values()) {
                    int n = i;
                    writes.add(pool.submit(() -> client.me().events()
                            .post(event("Parallel " + n, "2026-12-01T09:00:00", "2026-12-01T10:00:00"))));
                }
            }
            Set<String> ids = new HashSet<>();
            for (Future<Event> write : writes) {
                ids.add(write.get().getId());
            }
            assertEquals(30, ids.size());
        } finally {
            pool.shutdownNow();
        }
        for (GraphServiceClient client : clients.values()) {
            assertEquals(10, client.me().events().get(rc -> rc.queryParameters.top = 50).getValue().size());
        }
    }

    @Test
    void anotherUsersMailboxIsNotOpenToADelegatedToken() {
        ODataError denied = assertThrows(ODataError.class, () -> graph(BOB).users().byUserId(ALICE).events().get());
        assertEquals(403, denied.getResponseStatusCode());
        assertEquals("ErrorAccessDenied", denied.getError().getCode());
    }
}
