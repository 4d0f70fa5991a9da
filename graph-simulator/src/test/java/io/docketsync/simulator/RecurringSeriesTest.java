package io.docketsync.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.graph.models.Attendee;
import com.microsoft.graph.models.AttendeeType;
import com.microsoft.graph.models.DayOfWeek;
import com.microsoft.graph.models.EmailAddress;
import com.microsoft.graph.models.Event;
import com.microsoft.graph.models.RecurrencePatternType;
import com.microsoft.graph.models.Subscription;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.calendarview.delta.DeltaGetResponse;
import com.microsoft.graph.users.item.events.item.accept.AcceptPostRequestBody;
import com.microsoft.graph.users.item.events.item.decline.DeclinePostRequestBody;
import io.docketsync.simulator.state.DemoData;
import io.quarkus.test.junit.QuarkusTest;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A series as Graph serves it: masters in the events list, occurrences and exceptions (stable ids) in calendarView,
 * instances and delta; an occurrence PATCHed becomes an exception, one DELETEd leaves the calendar; a master edit
 * makes the occurrences anew; notifications name the master; a series meeting reaches attendees as a series.
 */
@QuarkusTest
class RecurringSeriesTest extends SeriesSupport {
    private static final String FROM = "2027-03-01T00:00:00Z";
    private static final String TO = "2027-04-01T00:00:00Z";
    private static final String IMMUTABLE = "IdType=\"ImmutableId\"";

    /** Weekly on Mondays at 09:00 UTC, four times: 1, 8, 15, 22 March 2027. */
    private static Event mondays(String subject) {
        return series(subject, "2027-03-01T09:00:00", "2027-03-01T10:00:00", "UTC", weekly(1, DayOfWeek.Monday),
                numbered("2027-03-01", 4));
    }

    @Test
    void listsHoldMastersWhileCalendarViewAndInstancesExpandUnderStableIds() {
        GraphServiceClient alice = graph(ALICE);
        Event master = alice.me().events().post(mondays("Weekly review"));
        Event single = alice.me().events().post(event("Hearing", "2027-03-10T14:00:00", "2027-03-10T15:00:00"));

        List<Event> listed = alice.me().events().get().getValue();
        assertEquals(List.of("seriesMaster", "singleInstance"), listed.stream().map(e -> e.getType().getValue()).toList());
        assertNull(listed.get(1).getSeriesMasterId());
        assertNull(listed.get(0).getOriginalStart());

        List<Event> view = calendarView(alice, FROM, TO);
        assertEquals(List.of("2027-03-01T09:00", "2027-03-08T09:00", "2027-03-10T14:00", "2027-03-15T09:00",
                "2027-03-22T09:00"), starts(view));
        assertEquals(single.getId(), view.get(2).getId());
        Event first = view.get(0);
        assertEquals("occurrence", first.getType().getValue());
        assertEquals(master.getId(), first.getSeriesMasterId());
        assertEquals(OffsetDateTime.parse("2027-03-01T09:00:00Z"), first.getOriginalStart());
        assertEquals("UTC", first.getOriginalStartTimeZone());
        assertNull(first.getRecurrence());
        assertEquals("Weekly review", first.getSubject());
        assertNotEquals(master.getICalUId(), first.getICalUId(), "each occurrence has its own iCalUId");

        List<Event> instances = instances(alice, master.getId(), FROM, TO);
        assertEquals(4, instances.size());
        List<String> ids = instances.stream().map(Event::getId).toList();
        assertEquals(4, new java.util.HashSet<>(ids).size());
        assertEquals(ids, instances(alice, master.getId(), FROM, TO).stream().map(Event::getId).toList(),
                "the same occurrence keeps its id across reads");
        assertEquals(first.getId(), ids.get(0));
        assertEquals(List.of(), instances(alice, single.getId(), FROM, TO), "a single event has no instances");
        assertEquals(2, instances(alice, master.getId(), "2027-03-05T00:00:00Z", "2027-03-16T00:00:00Z").size());

        // GET by an occurrence id answers the occurrence
        Event read = alice.me().events().byEventId(ids.get(1)).get();
        assertEquals("occurrence", read.getType().getValue());
        assertEquals("2027-03-08T09:00:00.0000000", read.getStart().getDateTime());

        // immutable ids: the occurrence's and the master's, and a path takes either
        List<Event> immutable = calendarView(alice, FROM, TO, IMMUTABLE);
        Event firstImmutable = immutable.get(0);
        assertTrue(firstImmutable.getId().startsWith("AAkALgAA"));
        assertTrue(firstImmutable.getSeriesMasterId().startsWith("AAkALgAA"));
        assertEquals(first.getOriginalStart(), firstImmutable.getOriginalStart());
        assertEquals(firstImmutable.getId(), calendarView(alice, FROM, TO, IMMUTABLE).get(0).getId());
        assertEquals("2027-03-01T09:00:00.0000000",
                alice.me().events().byEventId(firstImmutable.getId()).get().getStart().getDateTime());
        assertEquals(4, instances(alice, firstImmutable.getSeriesMasterId(), FROM, TO).size());

        // an id of no occurrence of the series
        String bogus = ids.get(0).substring(0, ids.get(0).length() - 11) + "AAAAAAAAAAA";
        ODataError notFound = assertThrows(ODataError.class, () -> alice.me().events().byEventId(bogus).get());
        assertEquals(404, notFound.getResponseStatusCode());
        assertEquals("ErrorItemNotFound", notFound.getError().getCode());
    }

    @Test
    void patchingAnOccurrenceMakesAnExceptionAndDeletingOneTakesItOutOfTheSeries() {
        GraphServiceClient alice = graph(ALICE);
        Event master = alice.me().events().post(mondays("Weekly review"));
        List<Event> before = instances(alice, master.getId(), FROM, TO);
        String second = before.get(1).getId();

        Event moved = new Event();
        moved.setSubject("Weekly review (moved)");
        moved.setStart(time("2027-03-09T11:00:00", "UTC"));
        moved.setEnd(time("2027-03-09T12:00:00", "UTC"));
        Event exception = alice.me().events().byEventId(second).patch(moved);
        assertEquals("exception", exception.getType().getValue());
        assertEquals(second, exception.getId(), "an exception keeps its occurrence's id");
        assertEquals(OffsetDateTime.parse("2027-03-08T09:00:00Z"), exception.getOriginalStart());
        assertEquals("2027-03-09T11:00:00.0000000", exception.getStart().getDateTime());

        alice.me().events().byEventId(before.get(2).getId()).delete();
        List<Event> after = instances(alice, master.getId(), FROM, TO);
        assertEquals(List.of("2027-03-01T09:00", "2027-03-09T11:00", "2027-03-22T09:00"), starts(after));
        assertEquals(List.of("occurrence", "exception", "occurrence"),
                after.stream().map(e -> e.getType().getValue()).toList());
        assertEquals("Weekly review (moved)", after.get(1).getSubject());
        assertEquals("Weekly review", after.get(2).getSubject());
        ODataError gone = assertThrows(ODataError.class, () -> alice.me().events().byEventId(before.get(2).getId()).get());
        assertEquals(404, gone.getResponseStatusCode());
        // the series is unchanged: the master still lists its pattern, the count of four included the deleted one
        assertEquals(4, alice.me().events().byEventId(master.getId()).get().getRecurrence().getRange()
                .getNumberOfOccurrences());

        // an occurrence can't be moved onto or past the day of its neighbour (ErrorOccurrenceCrossingBoundary)
        Event tooFar = new Event();
        tooFar.setStart(time("2027-03-22T08:00:00", "UTC"));
        tooFar.setEnd(time("2027-03-22T08:30:00", "UTC"));
        ODataError crossing = assertThrows(ODataError.class,
                () -> alice.me().events().byEventId(after.get(0).getId()).patch(tooFar));
        assertEquals(400, crossing.getResponseStatusCode());
        assertEquals("ErrorOccurrenceCrossingBoundary", crossing.getError().getCode());
        // a master's subject change shows on occurrences, not over the exception's own subject
        Event renamed = new Event();
        renamed.setSubject("Review");
        alice.me().events().byEventId(master.getId()).patch(renamed);
        assertEquals(List.of("Review", "Weekly review (moved)", "Review"),
                instances(alice, master.getId(), FROM, TO).stream().map(Event::getSubject).toList());
    }

    @Test
    void editingTheMastersPatternMakesTheOccurrencesAnewAndDropsEveryExceptionAndDeletion() {
        GraphServiceClient alice = graph(ALICE);
        Event master = alice.me().events().post(mondays("Weekly review"));
        List<Event> before = instances(alice, master.getId(), FROM, TO);
        Event renamed = new Event();
        renamed.setSubject("Renamed");
        alice.me().events().byEventId(before.get(0).getId()).patch(renamed); // 1 March, still a Monday after
        alice.me().events().byEventId(before.get(2).getId()).delete(); // 15 March, in the new pattern too

        // the same series written again (as a sync writes it with a change of subject) keeps them
        Event same = new Event();
        same.setSubject("Weekly review");
        same.setRecurrence(mondays("Weekly review").getRecurrence());
        alice.me().events().byEventId(master.getId()).patch(same);
        assertEquals(List.of("2027-03-01T09:00", "2027-03-08T09:00", "2027-03-22T09:00"),
                starts(instances(alice, master.getId(), FROM, TO)));
        assertEquals("Renamed", instances(alice, master.getId(), FROM, TO).get(0).getSubject());

        Event repattern = new Event();
        repattern.setRecurrence(alice.me().events().byEventId(master.getId()).get().getRecurrence());
        repattern.getRecurrence().getPattern().setInterval(2);
        Event edited = alice.me().events().byEventId(master.getId()).patch(repattern);
        assertEquals(2, edited.getRecurrence().getPattern().getInterval());
        List<Event> after = instances(alice, master.getId(), FROM, "2027-05-01T00:00:00Z");
        assertEquals(List.of("2027-03-01T09:00", "2027-03-15T09:00", "2027-03-29T09:00", "2027-04-12T09:00"),
                starts(after), "15 March is back: Exchange drops deleted occurrences with the pattern");
        assertEquals(List.of("Weekly review", "Weekly review", "Weekly review", "Weekly review"),
                after.stream().map(Event::getSubject).toList(), "and the exceptions");
        assertEquals(before.get(0).getId(), after.get(0).getId());
        assertEquals(before.get(2).getId(), after.get(1).getId(), "15 March keeps its id: same original start");

        // moving the series' time: every occurrence is new, every exception dropped
        Event later = new Event();
        later.setStart(time("2027-03-01T10:00:00", "UTC"));
        later.setEnd(time("2027-03-01T11:00:00", "UTC"));
        alice.me().events().byEventId(master.getId()).patch(later);
        List<Event> moved = instances(alice, master.getId(), FROM, "2027-05-01T00:00:00Z");
        assertEquals(List.of("2027-03-01T10:00", "2027-03-15T10:00", "2027-03-29T10:00", "2027-04-12T10:00"),
                starts(moved));
        assertTrue(moved.stream().allMatch(e -> "occurrence".equals(e.getType().getValue())));

        // deleting the master deletes the series
        alice.me().events().byEventId(master.getId()).delete();
        assertEquals(List.of(), calendarView(alice, FROM, "2027-05-01T00:00:00Z"));
        ODataError gone = assertThrows(ODataError.class, () -> alice.me().events().byEventId(moved.get(0).getId()).get());
        assertEquals(404, gone.getResponseStatusCode());
    }

    private static List<Event> deltaRound(GraphServiceClient client, String link, List<String> links) {
        List<Event> out = new ArrayList<>();
        var delta = client.me().calendarView().delta();
        DeltaGetResponse page = link == null ? delta.get(rc -> {
            rc.queryParameters.startDateTime = FROM;
            rc.queryParameters.endDateTime = TO;
            rc.headers.add("Prefer", "odata.maxpagesize=2");
        }) : delta.withUrl(link).get(rc -> rc.headers.add("Prefer", "odata.maxpagesize=2"));
        while (true) {
            out.addAll(page.getValue());
            if (page.getOdataNextLink() == null) {
                links.add(page.getOdataDeltaLink());
                return out;
            }
            page = delta.withUrl(page.getOdataNextLink()).get(rc -> rc.headers.add("Prefer", "odata.maxpagesize=2"));
        }
    }

    private static boolean removed(Event e) {
        return e.getAdditionalData().containsKey("@removed");
    }

    @Test
    void deltaReportsOccurrencesExceptionsAndCancelledOccurrences() {
        GraphServiceClient alice = graph(ALICE);
        Event master = alice.me().events().post(mondays("Weekly review"));
        List<String> links = new ArrayList<>();
        List<Event> first = deltaRound(alice, null, links);
        assertEquals(4, first.size(), "occurrences over two pages, never the master");
        assertTrue(first.stream().allMatch(e -> "occurrence".equals(e.getType().getValue())));
        assertEquals(4, first.stream().map(Event::getId).distinct().count());

        Event patch = new Event();
        patch.setSubject("Weekly review (room 2)");
        alice.me().events().byEventId(first.get(1).getId()).patch(patch);
        alice.me().events().byEventId(first.get(2).getId()).delete();
        List<Event> second = deltaRound(alice, links.get(links.size() - 1), links);
        assertEquals(2, second.size());
        Map<String, Event> byId = new HashMap<>();
        second.forEach(e -> byId.put(e.getId(), e));
        assertEquals("exception", byId.get(first.get(1).getId()).getType().getValue());
        assertEquals("Weekly review (room 2)", byId.get(first.get(1).getId()).getSubject());
        assertTrue(removed(byId.get(first.get(2).getId())), "a cancelled occurrence is @removed");

        assertEquals(List.of(), deltaRound(alice, links.get(links.size() - 1), links));

        // a pattern edit: occurrences it drops are removed, new ones added
        Event repattern = new Event();
        repattern.setRecurrence(alice.me().events().byEventId(master.getId()).get().getRecurrence());
        repattern.getRecurrence().getPattern().setDaysOfWeek(List.of(DayOfWeek.Tuesday));
        alice.me().events().byEventId(master.getId()).patch(repattern);
        List<Event> third = deltaRound(alice, links.get(links.size() - 1), links);
        List<Event> present = third.stream().filter(e -> !removed(e)).toList();
        assertEquals(List.of("2027-03-02T09:00", "2027-03-09T09:00", "2027-03-16T09:00", "2027-03-23T09:00"),
                starts(present));
        assertEquals(3, third.stream().filter(RecurringSeriesTest::removed).count(),
                "the three Mondays still listed are removed (the cancelled one was already)");

        // deleting the series removes every occurrence
        alice.me().events().byEventId(master.getId()).delete();
        List<Event> fourth = deltaRound(alice, links.get(links.size() - 1), links);
        assertEquals(4, fourth.size());
        assertTrue(fourth.stream().allMatch(RecurringSeriesTest::removed));
        assertEquals(present.stream().map(Event::getId).sorted().toList(),
                fourth.stream().map(Event::getId).sorted().toList());
    }

    @Test
    void notificationsNameTheSeriesMasterForSeriesAndOccurrenceChanges() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            GraphServiceClient alice = graph(ALICE);
            Subscription s = new Subscription();
            s.setChangeType("created,updated,deleted");
            s.setNotificationUrl(receiver.url("/notify"));
            s.setResource("/me/events");
            s.setExpirationDateTime(OffsetDateTime.now().plusHours(1));
            alice.subscriptions().post(s);

            Event master = alice.me().events().post(mondays("Weekly review"));
            assertNotification(receiver.next(receiver.notifications), "created", master.getId());
            List<Event> occurrences = instances(alice, master.getId(), FROM, TO);

            Event patch = new Event();
            patch.setSubject("Moved");
            alice.me().events().byEventId(occurrences.get(0).getId()).patch(patch);
            assertNotification(receiver.next(receiver.notifications), "updated", master.getId());
            alice.me().events().byEventId(occurrences.get(1).getId()).delete();
            assertNotification(receiver.next(receiver.notifications), "updated", master.getId());
            Event rename = new Event();
            rename.setSubject("Renamed");
            alice.me().events().byEventId(master.getId()).patch(rename);
            assertNotification(receiver.next(receiver.notifications), "updated", master.getId());
            alice.me().events().byEventId(master.getId()).delete();
            assertNotification(receiver.next(receiver.notifications), "deleted", master.getId());
            assertNull(receiver.notifications.poll(1, java.util.concurrent.TimeUnit.SECONDS),
                    "no notification names an occurrence");
        }
    }

    private static void assertNotification(JsonNode n, String changeType, String masterId) {
        assertEquals(changeType, n.path("changeType").asText());
        assertEquals(masterId, n.path("resourceData").path("id").asText());
        assertEquals("Users/" + DemoData.ALICE_ID + "/Events/" + masterId, n.path("resource").asText());
    }

    private static Attendee attendee(String address) {
        Attendee a = new Attendee();
        EmailAddress email = new EmailAddress();
        email.setAddress(address);
        a.setEmailAddress(email);
        a.setType(AttendeeType.Required);
        return a;
    }

    @Test
    void aSeriesMeetingReachesAttendeesAsASeriesWithItsExceptionsAndAnswers() {
        GraphServiceClient alice = graph(ALICE);
        GraphServiceClient bob = graph(BOB);
        Event meeting = mondays("Case conference");
        meeting.setAttendees(List.of(attendee(BOB)));
        Event organized = alice.me().events().post(meeting);

        // one series invitation: a series master in Bob's calendar, with the organizer's iCalUId
        List<Event> bobsEvents = bob.me().events().get().getValue();
        assertEquals(1, bobsEvents.size());
        Event bobsMaster = bobsEvents.get(0);
        assertEquals("seriesMaster", bobsMaster.getType().getValue());
        assertEquals(organized.getICalUId(), bobsMaster.getICalUId());
        assertFalse(bobsMaster.getIsOrganizer());
        assertEquals(RecurrencePatternType.Weekly, bobsMaster.getRecurrence().getPattern().getType());
        List<Event> bobsView = calendarView(bob, FROM, TO);
        assertEquals(4, bobsView.size());
        assertEquals(bobsMaster.getId(), bobsView.get(0).getSeriesMasterId());

        // Bob accepts the series: the organizer sees it on the series
        AcceptPostRequestBody accept = new AcceptPostRequestBody();
        accept.setSendResponse(true);
        bob.me().events().byEventId(bobsMaster.getId()).accept().post(accept);
        assertEquals("accepted", alice.me().events().byEventId(organized.getId()).get().getAttendees().get(0)
                .getStatus().getResponse().getValue());
        assertEquals("accepted", calendarView(bob, FROM, TO).get(3).getResponseStatus().getResponse().getValue());

        // the organizer moves one occurrence and cancels another: Bob's copies show an exception and a cancellation
        List<Event> alicesOccurrences = instances(alice, organized.getId(), FROM, TO);
        Event moved = new Event();
        moved.setSubject("Case conference (Tuesday)");
        moved.setStart(time("2027-03-02T09:00:00", "UTC"));
        moved.setEnd(time("2027-03-02T10:00:00", "UTC"));
        alice.me().events().byEventId(alicesOccurrences.get(0).getId()).patch(moved);
        alice.me().events().byEventId(alicesOccurrences.get(1).getId()).delete();
        bobsView = calendarView(bob, FROM, TO);
        assertEquals(List.of("2027-03-02T09:00", "2027-03-08T09:00", "2027-03-15T09:00", "2027-03-22T09:00"),
                starts(bobsView));
        assertEquals("exception", bobsView.get(0).getType().getValue());
        assertEquals("Case conference (Tuesday)", bobsView.get(0).getSubject());
        assertTrue(bobsView.get(1).getIsCancelled());
        assertEquals("Canceled: Case conference", bobsView.get(1).getSubject());
        assertFalse(bobsView.get(2).getIsCancelled());

        // Bob declines one occurrence: it leaves his calendar and the organizer's occurrence shows the answer
        DeclinePostRequestBody decline = new DeclinePostRequestBody();
        decline.setSendResponse(true);
        bob.me().events().byEventId(bobsView.get(3).getId()).decline().post(decline);
        assertEquals(3, calendarView(bob, FROM, TO).size());
        List<Event> alicesNow = instances(alice, organized.getId(), FROM, TO);
        assertEquals("declined", alicesNow.get(2).getAttendees().get(0).getStatus().getResponse().getValue());
        assertEquals("accepted", alicesNow.get(1).getAttendees().get(0).getStatus().getResponse().getValue());
        assertEquals("accepted", alice.me().events().byEventId(organized.getId()).get().getAttendees().get(0)
                .getStatus().getResponse().getValue(), "the series' answer stays");

        // the organizer deletes the series: Bob's series is cancelled
        alice.me().events().byEventId(organized.getId()).delete();
        assertTrue(bob.me().events().byEventId(bobsMaster.getId()).get().getIsCancelled());
        assertTrue(calendarView(bob, FROM, TO).stream().allMatch(Event::getIsCancelled));
    }
}
