package io.docketsync.sync.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docketsync.contracts.EventContent;
import io.docketsync.sync.domain.CalendarWrite;
import io.docketsync.sync.domain.GraphWriteException;
import io.docketsync.sync.domain.OfficeEvent;
import io.docketsync.sync.domain.WrittenEvent;
import io.docketsync.testsupport.SimulatorProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The worker's Graph adapter against the Graph simulator, through the real SDK. */
class GraphCalendarClientTest {
    private static final String ALICE = "alice@halemarsh.test";
    private static final String CAROL = "carol@halemarsh.test";
    private static SimulatorProcess simulator;
    private static GraphCalendarClient graph;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        simulator = SimulatorProcess.start(Map.of());
        graph = new GraphCalendarClient(simulator.graphBaseUrl());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static String admin(String method, String path, String json) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(simulator.authority() + path))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build();
        var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() < 300, path + " answered " + response.statusCode() + ": " + response.body());
        return response.body();
    }

    private static String token(String user) throws Exception {
        String body = admin("POST", "/_sim/token", "{\"user\":\"" + user + "\",\"client\":\"docketsync-local\"}");
        return body.replaceAll(".*\"access_token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    private static EventContent content(String subject, String start, String end, List<String> attendees) {
        return new EventContent(subject, "Bring the file", "Court 2", LocalDateTime.parse(start),
                LocalDateTime.parse(end), false, "Europe/London", attendees);
    }

    /**
     * A series deleted in Outlook right after our create: reconciling its occurrences finds it gone, and the write
     * stands as answered (the writer links it; the deletion's notification is judged against that link).
     */
    @Test
    void aSeriesDeletedRightAfterItsCreateLeavesTheCreateAsAnswered() throws Exception {
        String token = token(ALICE);
        java.time.LocalDate monday = java.time.LocalDate.now().plusDays(7)
                .with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.MONDAY));
        EventContent weekly = new EventContent("Review", null, null, monday.atTime(9, 0), monday.atTime(10, 0), false,
                "Europe/London", List.of(), new io.docketsync.contracts.recurrence.Recurrence(
                        io.docketsync.contracts.recurrence.Pattern.weekly(1, java.time.DayOfWeek.MONDAY),
                        io.docketsync.contracts.recurrence.Range.numbered(monday, 4)),
                List.of(io.docketsync.contracts.recurrence.RecurrenceException.moved(monday.atTime(9, 0).plusWeeks(1),
                        monday.atTime(11, 0).plusWeeks(1), monday.atTime(12, 0).plusWeeks(1))));
        WrittenEvent made = graph.create(ALICE, token, UUID.randomUUID().toString(), "act-s:1", weekly);
        graph.delete(ALICE, token, made.eventId());
        WrittenEvent after = graph.showAsActivity(ALICE, token, made, weekly, monday.minusDays(1), monday.plusWeeks(5));
        assertEquals(made, after, "the create stands as Graph answered it");
    }

    /**
     * A series whose occurrence the writer has to put back answers as changed in Outlook: the change key is read
     * after the put-back, so it may carry the user's next move of that occurrence, which must not pass for our echo.
     * A series with nothing to put back answers as ours.
     */
    @Test
    void aSeriesWhoseOccurrenceWasPutBackIsNotTakenForOurs() throws Exception {
        String token = token(ALICE);
        java.time.LocalDate tuesday = java.time.LocalDate.now().plusDays(7)
                .with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.TUESDAY));
        var recurrence = new io.docketsync.contracts.recurrence.Recurrence(
                io.docketsync.contracts.recurrence.Pattern.weekly(1, java.time.DayOfWeek.TUESDAY),
                io.docketsync.contracts.recurrence.Range.numbered(tuesday, 3));
        EventContent weekly = new EventContent("Planning", null, null, tuesday.atTime(9, 0), tuesday.atTime(10, 0),
                false, "UTC", List.of(), recurrence, List.of());
        LocalDateTime second = tuesday.atTime(9, 0).plusWeeks(1);
        EventContent moved = new EventContent("Planning", null, null, tuesday.atTime(9, 0), tuesday.atTime(10, 0),
                false, "UTC", List.of(), recurrence, List.of(io.docketsync.contracts.recurrence.RecurrenceException
                        .moved(second, second.plusHours(2), second.plusHours(3))));
        java.time.LocalDate from = tuesday.minusDays(1);
        java.time.LocalDate to = tuesday.plusWeeks(4);
        WrittenEvent made = graph.create(ALICE, token, UUID.randomUUID().toString(), "act-p:1", weekly);
        // the second occurrence moved, then a write of the plain series puts it back
        graph.showAsActivity(ALICE, token, made, moved, from, to);
        WrittenEvent putBack = graph.showAsActivity(ALICE, token, made, weekly, from, to);

        assertTrue(putBack.changedInOutlook(), "a series whose occurrence was put back is judged again");
        assertNull(putBack.asLinked().changeKey(), "its change key is not recorded as ours");
        assertTrue(graph.instances(ALICE, token, made.eventId(), from.atStartOfDay(java.time.ZoneOffset.UTC)
                .toInstant(), to.atStartOfDay(java.time.ZoneOffset.UTC).toInstant()).stream()
                .anyMatch(o -> second.equals(o.start())), "the occurrence is back at its time");
        assertFalse(graph.showAsActivity(ALICE, token, made, weekly, from, to).changedInOutlook(),
                "nothing to put back: the answer is ours");
    }

    @Test
    void createIsIdempotentByTransactionIdAndReadsBackInUtc() throws Exception {
        String token = token(ALICE);
        String tx = UUID.randomUUID().toString();
        WrittenEvent first = graph.create(ALICE, token, tx, "act-1:1",
                content("Hearing", "2026-07-01T09:00", "2026-07-01T10:00", List.of()));
        WrittenEvent again = graph.create(ALICE, token, tx, "act-1:1",
                content("Hearing", "2026-07-01T09:00", "2026-07-01T10:00", List.of()));

        assertEquals(first.eventId(), again.eventId(), "a retried create is the same event");
        assertNotNull(first.iCalUId());
        assertNotNull(first.changeKey());

        OfficeEvent read = graph.read(ALICE, token, first.eventId());
        assertEquals("Hearing", read.subject());
        assertEquals("Court 2", read.location());
        // 09:00 in London in July is 08:00 UTC
        assertEquals(LocalDateTime.parse("2026-07-01T08:00"), read.start());
        assertTrue(read.isOrganizer());
    }

    @Test
    void updateChangesTheChangeKeyAndDeleteIsFinalButRepeatable() throws Exception {
        String token = token(ALICE);
        WrittenEvent created = graph.create(ALICE, token, UUID.randomUUID().toString(), "act-2:1",
                content("Call", "2026-12-01T09:00", "2026-12-01T09:30", List.of()));
        WrittenEvent updated = graph.update(ALICE, token, created.eventId(),
                content("Call (moved)", "2026-12-01T11:00", "2026-12-01T11:30", List.of()));

        assertEquals(created.eventId(), updated.eventId());
        assertNotEquals(created.changeKey(), updated.changeKey(), "every change gets a new change key");
        assertEquals("Call (moved)", graph.read(ALICE, token, created.eventId()).subject());

        graph.delete(ALICE, token, created.eventId());
        assertNull(graph.read(ALICE, token, created.eventId()), "gone");
        graph.delete(ALICE, token, created.eventId()); // already gone: not a failure
    }

    @Test
    void meetingsInviteTheAttendeesMailboxes() throws Exception {
        String token = token(ALICE);
        WrittenEvent meeting = graph.create(ALICE, token, UUID.randomUUID().toString(), "act-3:1",
                content("Case review", "2026-12-02T14:00", "2026-12-02T15:00", List.of("bob@halemarsh.test")));
        // the invitation lands in Bob's calendar with the same iCalUId (read with Bob's own token)
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(simulator.graphBaseUrl()
                + "/users/bob@halemarsh.test/events")).header("Authorization", "Bearer " + token("bob@halemarsh.test"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains(meeting.iCalUId()), response.body());
    }

    @Test
    void throttlingIsReportedAsTransientWithRetryAfter() throws Exception {
        String token = token(CAROL);
        GraphWriteException e = whileCarolIsThrottled(() -> assertThrows(GraphWriteException.class,
                () -> graph.create(CAROL, token, UUID.randomUUID().toString(), "act-4:1",
                        content("Busy", "2026-12-03T09:00", "2026-12-03T10:00", List.of()))));
        assertThrottledFor7Seconds(e);
    }

    /** What {@code call} gives while every request against carol's mailbox is answered 429 with Retry-After: 7. */
    private static <T> T whileCarolIsThrottled(java.util.function.Supplier<T> call) throws Exception {
        admin("PUT", "/_sim/faults/" + CAROL,
                "{\"throttledRate\":1.0,\"unavailableRate\":0,\"slowRate\":0,\"retryAfterSeconds\":7,\"seed\":1}");
        try {
            return call.get();
        } finally {
            admin("DELETE", "/_sim/faults/" + CAROL, null);
        }
    }

    private static void assertThrottledFor7Seconds(GraphWriteException e) {
        assertEquals(429, e.status());
        assertTrue(e.transientFailure());
        assertEquals(7, e.retryAfter().toSeconds());
    }

    /**
     * One $batch with an answer per write, in order: a create and an update answer with the event Graph holds, a
     * delete with nothing, a delete of an event already gone as done, and an update of a missing event with Graph's
     * own code and message.
     */
    @Test
    void aBatchAnswersEachWriteInItsOrder() throws Exception {
        String token = token(ALICE);
        WrittenEvent kept = graph.create(ALICE, token, UUID.randomUUID().toString(), "act-b1:1",
                content("Kept", "2026-12-07T09:00", "2026-12-07T10:00", List.of()));
        WrittenEvent removed = graph.create(ALICE, token, UUID.randomUUID().toString(), "act-b2:1",
                content("Removed", "2026-12-07T11:00", "2026-12-07T12:00", List.of()));
        graph.delete(ALICE, token, removed.eventId());
        WrittenEvent doomed = graph.create(ALICE, token, UUID.randomUUID().toString(), "act-b3:1",
                content("Doomed", "2026-12-07T13:00", "2026-12-07T14:00", List.of()));

        List<io.docketsync.sync.domain.WriteOutcome> outcomes = graph.batch(token, List.of(
                write("w1", CalendarWrite.Kind.CREATE, null, "act-b4:1", content("New", "2026-12-08T09:00",
                        "2026-12-08T10:00", List.of())),
                write("w2", CalendarWrite.Kind.UPDATE, kept.eventId(), "act-b1:2", content("Kept (room 4)",
                        "2026-12-07T09:00", "2026-12-07T10:00", List.of())),
                write("w3", CalendarWrite.Kind.DELETE, doomed.eventId(), null, null),
                write("w4", CalendarWrite.Kind.DELETE, removed.eventId(), null, null),
                write("w5", CalendarWrite.Kind.UPDATE, removed.eventId(), "act-b2:2", content("Gone",
                        "2026-12-07T11:00", "2026-12-07T12:00", List.of()))));

        assertEquals(5, outcomes.size());
        WrittenEvent created = outcomes.get(0).written();
        assertNotNull(created.eventId());
        assertEquals("New", graph.read(ALICE, token, created.eventId()).subject());
        WrittenEvent updated = outcomes.get(1).written();
        assertEquals(kept.eventId(), updated.eventId());
        assertNotEquals(kept.changeKey(), updated.changeKey(), "the update's change key is the one Graph answered");
        assertEquals("Kept (room 4)", graph.read(ALICE, token, kept.eventId()).subject());
        assertTrue(outcomes.get(2).succeeded());
        assertNull(outcomes.get(2).written());
        assertNull(graph.read(ALICE, token, doomed.eventId()), "deleted");
        assertTrue(outcomes.get(3).succeeded(), "a delete of an event already gone leaves what we want");
        GraphWriteException missing = (GraphWriteException) outcomes.get(4).failure();
        assertEquals(404, missing.status());
        assertEquals("ErrorItemNotFound", missing.code());
        assertFalse(missing.reason().isBlank());
    }

    /**
     * A throttled write inside a $batch is that write's failure, with the Retry-After Graph gave it (the mailbox is
     * throttled, not the $batch request, which carries no mailbox).
     */
    @Test
    void aThrottledWriteInABatchCarriesItsRetryAfter() throws Exception {
        String token = token(CAROL);
        List<io.docketsync.sync.domain.WriteOutcome> outcomes = whileCarolIsThrottled(() -> graph.batch(token,
                List.of(new CalendarWrite("t1", CalendarWrite.Kind.CREATE, CAROL, null, UUID.randomUUID().toString(),
                        "act-b5:1", content("Busy", "2026-12-03T09:00", "2026-12-03T10:00", List.of())))));
        assertThrottledFor7Seconds((GraphWriteException) outcomes.get(0).failure());
    }

    private static CalendarWrite write(String id, CalendarWrite.Kind kind, String eventId, String activityRef,
            EventContent content) {
        return new CalendarWrite(id, kind, ALICE, eventId, kind == CalendarWrite.Kind.CREATE
                ? UUID.randomUUID().toString() : null, activityRef, content);
    }

    @Test
    void anOnPremisesMailboxIsAFinalRefusalWithGraphsCode() throws Exception {
        String token = token("dave@halemarsh.test");
        GraphWriteException e = assertThrows(GraphWriteException.class, () -> graph.create("dave@halemarsh.test",
                token, UUID.randomUUID().toString(), "act-5:1",
                content("Anything", "2026-12-03T09:00", "2026-12-03T10:00", List.of())));
        assertEquals("MailboxNotEnabledForRESTAPI", e.code());
        assertTrue(!e.transientFailure(), e.reason());
    }
}
