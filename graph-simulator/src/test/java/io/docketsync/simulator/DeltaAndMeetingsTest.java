package io.docketsync.simulator;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.graph.models.Attendee;
import com.microsoft.graph.models.AttendeeType;
import com.microsoft.graph.models.EmailAddress;
import com.microsoft.graph.models.Event;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.calendarview.delta.DeltaGetResponse;
import com.microsoft.graph.users.item.events.item.accept.AcceptPostRequestBody;
import com.microsoft.graph.users.item.events.item.cancel.CancelPostRequestBody;
import com.microsoft.graph.users.item.events.item.decline.DeclinePostRequestBody;
import com.microsoft.graph.users.item.events.item.tentativelyaccept.TentativelyAcceptPostRequestBody;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DeltaAndMeetingsTest extends SimulatorTest {
    private static final String PAGE_OF_TWO = "odata.maxpagesize=2";

    /** One delta round: every page until the deltaLink; the links followed (last: the deltaLink) go to {@code links}. */
    private static List<Event> round(GraphServiceClient client, String user, String deltaLink, List<String> links) {
        List<Event> out = new ArrayList<>();
        DeltaGetResponse page = deltaLink == null
                ? client.users().byUserId(user).calendarView().delta().get(rc -> {
                    rc.queryParameters.startDateTime = "2026-12-01T00:00:00Z";
                    rc.queryParameters.endDateTime = "2026-12-31T00:00:00Z";
                    rc.headers.add("Prefer", PAGE_OF_TWO);
                })
                : client.users().byUserId(user).calendarView().delta().withUrl(deltaLink)
                        .get(rc -> rc.headers.add("Prefer", PAGE_OF_TWO));
        while (true) {
            out.addAll(page.getValue());
            if (page.getOdataNextLink() == null) {
                links.add(page.getOdataDeltaLink());
                return out;
            }
            links.add(page.getOdataNextLink());
            page = client.users().byUserId(user).calendarView().delta().withUrl(page.getOdataNextLink())
                    .get(rc -> rc.headers.add("Prefer", PAGE_OF_TWO));
        }
    }

    @Test
    void deltaRoundsReportChangesAndDeletionsOverSeveralPages() {
        GraphServiceClient alice = graph(ALICE);
        List<Event> created = new ArrayList<>();
        for (int day = 1; day <= 5; day++) {
            created.add(alice.me().events().post(event("Matter " + day, "2026-12-0" + day + "T09:00:00",
                    "2026-12-0" + day + "T10:00:00")));
        }
        alice.me().events().post(event("January", "2027-01-05T09:00:00", "2027-01-05T10:00:00"));

        List<String> links = new ArrayList<>();
        List<Event> first = round(alice, ALICE, null, links);
        assertEquals(5, first.size());
        assertEquals(3, links.size(), "two nextLinks and a deltaLink");
        assertTrue(links.get(0).contains("$skiptoken="));
        String deltaLink = links.get(2);
        assertTrue(deltaLink.contains("$deltatoken="));

        Event patch = new Event();
        patch.setSubject("Matter 2 (renamed)");
        alice.me().events().byEventId(created.get(1).getId()).patch(patch);
        alice.me().events().byEventId(created.get(3).getId()).delete();
        Event added = alice.me().events().post(event("Matter 6", "2026-12-06T09:00:00", "2026-12-06T10:00:00"));

        links.clear();
        List<Event> second = round(alice, ALICE, deltaLink, links);
        assertEquals(2, links.size());
        Map<String, Event> byId = new HashMap<>();
        second.forEach(e -> byId.put(e.getId(), e));
        assertEquals(3, byId.size());
        assertEquals("Matter 2 (renamed)", byId.get(created.get(1).getId()).getSubject());
        assertNotNull(byId.get(added.getId()));
        Event removed = byId.get(created.get(3).getId());
        assertTrue(removed.getAdditionalData().containsKey("@removed"));
        assertNull(removed.getSubject());

        // nothing changed since the second round: the third is empty
        String secondDeltaLink = links.get(links.size() - 1);
        assertEquals(List.of(), round(alice, ALICE, secondDeltaLink, new ArrayList<>()));

        // an event moved out of the window leaves it
        Event toJanuary = new Event();
        toJanuary.setStart(time("2027-01-10T09:00:00", "UTC"));
        toJanuary.setEnd(time("2027-01-10T10:00:00", "UTC"));
        alice.me().events().byEventId(created.get(0).getId()).patch(toJanuary);
        List<Event> third = round(alice, ALICE, secondDeltaLink, new ArrayList<>());
        assertEquals(1, third.size());
        assertEquals(created.get(0).getId(), third.get(0).getId());
        assertTrue(third.get(0).getAdditionalData().containsKey("@removed"));
    }

    @Test
    void aCorruptDeltaTokenIsRefused() {
        ODataError e = assertThrows(ODataError.class, () -> graph(BOB).users().byUserId(BOB).calendarView().delta()
                .withUrl(ROOT + "/v1.0/users/" + BOB + "/calendarView/delta?$deltatoken=garbage!").get());
        assertEquals(400, e.getResponseStatusCode());
    }

    @Test
    void anExpiredDeltaTokenIsGoneWithSyncStateNotFoundAndANewRoundWorks() {
        GraphServiceClient bob = graph(BOB);
        List<String> links = new ArrayList<>();
        round(bob, BOB, null, links);
        String deltaLink = links.get(links.size() - 1);
        round(bob, BOB, deltaLink, links); // still valid

        given().post("/_sim/users/" + BOB + "/expire-delta-tokens").then().statusCode(204);
        ODataError gone = assertThrows(ODataError.class, () -> bob.users().byUserId(BOB).calendarView().delta()
                .withUrl(deltaLink).get());
        assertEquals(410, gone.getResponseStatusCode());
        assertEquals("syncStateNotFound", gone.getError().getCode());
        // the documented way on: a new round of the same window (Location names it)
        var raw = given().auth().oauth2(token(BOB)).redirects().follow(false).urlEncodingEnabled(false)
                .get(deltaLink.substring(deltaLink.indexOf("/v1.0/")));
        assertEquals(410, raw.statusCode());
        assertTrue(raw.header("Location").contains("startDateTime="), raw.header("Location"));
        List<String> fresh = new ArrayList<>();
        round(bob, BOB, null, fresh);
        round(bob, BOB, fresh.get(fresh.size() - 1), fresh); // tokens handed out after the expiry work
    }

    private static Attendee attendee(String address) {
        Attendee a = new Attendee();
        EmailAddress email = new EmailAddress();
        email.setAddress(address);
        a.setEmailAddress(email);
        a.setType(AttendeeType.Required);
        return a;
    }

    private static Event copyIn(GraphServiceClient client, String iCalUId) {
        return client.me().calendarView().get(rc -> {
            rc.queryParameters.startDateTime = "2026-12-01T00:00:00Z";
            rc.queryParameters.endDateTime = "2026-12-31T00:00:00Z";
        }).getValue().stream().filter(e -> iCalUId.equals(e.getICalUId())).findFirst().orElse(null);
    }

    @Test
    void aMeetingReachesAttendeesAndTheirAnswersReachTheOrganizer() {
        GraphServiceClient alice = graph(ALICE);
        GraphServiceClient bob = graph(BOB);
        GraphServiceClient carol = graph(CAROL);
        Event meeting = event("Case review", "2026-12-10T14:00:00", "2026-12-10T15:00:00");
        meeting.setAttendees(List.of(attendee(BOB), attendee(CAROL)));
        Event organized = alice.me().events().post(meeting);
        assertTrue(organized.getIsOrganizer());
        assertEquals("none", organized.getAttendees().get(0).getStatus().getResponse().getValue());

        Event bobs = copyIn(bob, organized.getICalUId());
        Event carols = copyIn(carol, organized.getICalUId());
        assertNotNull(bobs);
        assertNotNull(carols);
        assertFalse(bobs.getIsOrganizer());
        assertEquals("none", bobs.getResponseStatus().getResponse().getValue());
        assertEquals(ALICE, bobs.getOrganizer().getEmailAddress().getAddress());
        assertEquals(organized.getICalUId(), carols.getICalUId());

        AcceptPostRequestBody accept = new AcceptPostRequestBody();
        accept.setComment("see you there");
        accept.setSendResponse(true);
        bob.me().events().byEventId(bobs.getId()).accept().post(accept);
        TentativelyAcceptPostRequestBody maybe = new TentativelyAcceptPostRequestBody();
        maybe.setSendResponse(true);
        carol.me().events().byEventId(carols.getId()).tentativelyAccept().post(maybe);

        Map<String, String> statuses = new HashMap<>();
        alice.me().events().byEventId(organized.getId()).get().getAttendees().forEach(a ->
                statuses.put(a.getEmailAddress().getAddress(), a.getStatus().getResponse().getValue()));
        assertEquals(Map.of(BOB, "accepted", CAROL, "tentativelyAccepted"), statuses);
        assertEquals("accepted", bob.me().events().byEventId(bobs.getId()).get().getResponseStatus().getResponse().getValue());

        Event moved = new Event();
        moved.setSubject("Case review (room 4)");
        alice.me().events().byEventId(organized.getId()).patch(moved);
        assertEquals("Case review (room 4)", bob.me().events().byEventId(bobs.getId()).get().getSubject());

        ODataError notOrganizer = assertThrows(ODataError.class, () -> bob.me().events().byEventId(bobs.getId())
                .cancel().post(new CancelPostRequestBody()));
        assertEquals(400, notOrganizer.getResponseStatusCode());

        CancelPostRequestBody cancel = new CancelPostRequestBody();
        cancel.setComment("settled");
        alice.me().events().byEventId(organized.getId()).cancel().post(cancel);
        Event cancelled = bob.me().events().byEventId(bobs.getId()).get();
        assertTrue(cancelled.getIsCancelled());
        assertEquals("Canceled: Case review (room 4)", cancelled.getSubject());
        ODataError gone = assertThrows(ODataError.class, () -> alice.me().events().byEventId(organized.getId()).get());
        assertEquals(404, gone.getResponseStatusCode());
    }

    @Test
    void aDeclineLeavesTheAttendeesCalendarAndShowsAtTheOrganizer() {
        GraphServiceClient alice = graph(ALICE);
        GraphServiceClient carol = graph(CAROL);
        Event meeting = event("Mediation", "2026-12-11T14:00:00", "2026-12-11T15:00:00");
        meeting.setAttendees(List.of(attendee(CAROL)));
        Event organized = alice.me().events().post(meeting);
        Event carols = copyIn(carol, organized.getICalUId());

        DeclinePostRequestBody decline = new DeclinePostRequestBody();
        decline.setComment("conflict");
        decline.setSendResponse(true);
        carol.me().events().byEventId(carols.getId()).decline().post(decline);

        assertNull(copyIn(carol, organized.getICalUId()));
        assertEquals("declined", alice.me().events().byEventId(organized.getId()).get().getAttendees().get(0)
                .getStatus().getResponse().getValue());

        // deleting the meeting cancels what attendees still hold: here, nobody
        alice.me().events().byEventId(organized.getId()).delete();
        ODataError own = assertThrows(ODataError.class, () -> alice.me().events().byEventId(organized.getId())
                .accept().post(new AcceptPostRequestBody()));
        assertEquals(404, own.getResponseStatusCode());
    }
}
