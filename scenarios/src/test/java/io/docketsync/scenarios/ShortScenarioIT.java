package io.docketsync.scenarios;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The seed's story in short, for CI: settings, Connect, push on save to three mailboxes in the right time
 * zone, a permitted edit in Outlook reaching the activity and the other copies (not written back), and a
 * delete in the app reaching every mailbox; and a second firm whose user has the same id as the first firm's,
 * each seeing, pushing to, importing from and disconnecting only their own mailbox.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShortScenarioIT extends ScenarioSupport {
    static final String ZONE = "America/New_York";
    static final List<String> TRIO = List.of("alice", "bob", "carol");
    static String subject;
    static String activityId;
    static LocalDate when = day(9);

    @Test
    @Order(1)
    void adminSavesSettingsAndUsersConnect() {
        app.saveSettings("alice", true, false, false, false, "");
        assertEquals(Boolean.TRUE, app.settings("bob").get("alwaysPushAppointments"));
        connected("alice", "bob", "carol");
        for (String u : TRIO) {
            assertEquals("CONNECTED", app.connectionState(u), u + "'s connection");
        }
        // an on-premises mailbox is refused with a reason, and keeps no green check
        java.net.URI landed = app.connect("dave");
        assertTrue(landed.getQuery().contains("office365=refused"), "dave's Connect ended at " + landed);
        assertEquals("REFUSED", app.connectionState("dave"));
        assertEquals(false, app.me("dave").getBoolean("connected"));
    }

    @Test
    @Order(2)
    void anAppointmentForThreeUsersAppearsOnceInEachMailboxInItsTimeZone() {
        subject = unique("Deposition prep");
        activityId = app.create("alice", AppClient.appointment(subject, at(when, 9, 0), at(when, 10, 30), ZONE, TRIO,
                null));
        JsonPath created = app.get("alice", activityId);
        assertTrue(created.getBoolean("pushToOffice365"), "Always Push Appointments marks it on save");
        for (String u : TRIO) {
            assertEquals(true, AppClient.scheduled(created, u).get("connected"), u + "'s green check");
        }
        LocalDateTime start = when.atTime(9, 0);
        for (String u : TRIO) {
            eventually("exactly one event of the activity in " + u + "'s calendar", () -> {
                List<Map<String, Object>> events = outlook.eventsOf(u, activityId, ZONE);
                assertEquals(1, events.size(), u + "'s events of " + activityId + ": " + events);
                assertEquals(subject, events.get(0).get("subject"));
                assertTrue(startOf(events.get(0)).startsWith(start.toString()), "start in " + ZONE + ": "
                        + startOf(events.get(0)));
                assertTrue(endOf(events.get(0)).startsWith(when.atTime(10, 30).toString()), "end in " + ZONE);
            });
            // the same event in UTC (no Prefer header): the instant is right, not only the wall clock
            Map<String, Object> inUtc = outlook.eventsOf(u, activityId, null).get(0);
            assertTrue(startOf(inUtc).startsWith(utc(start, ZONE).toString()), "start in UTC: " + startOf(inUtc));
        }
        eventually("the activity reports every user LINKED", () -> {
            JsonPath a = app.get("alice", activityId);
            for (String u : TRIO) {
                assertEquals("LINKED", syncStatus(a, u), u + "'s sync status");
            }
        });
    }

    @Test
    @Order(3)
    void aPermittedEditInOutlookUpdatesTheActivityAndTheOtherCopiesButIsNotWrittenBack() {
        assertNotNull(activityId, "needs the pushed activity");
        Map<String, Object> mine = outlook.eventsOf("alice", activityId, null).get(0);
        String edited = subject + " (moved to room 4)";
        Map<String, Object> after = outlook.update("alice", mine.get("id").toString(),
                Map.of("subject", edited, "location", Map.of("displayName", "Room 4")));
        String changeKey = after.get("changeKey").toString();

        eventually("alice's Outlook edit reaches the activity", () -> {
            JsonPath a = app.get("alice", activityId);
            assertEquals(edited, a.getString("subject"));
            assertEquals("Room 4", a.getString("location"));
        });
        for (String u : List.of("bob", "carol")) {
            eventually("the edit reaches " + u + "'s copy", () -> {
                List<Map<String, Object>> events = outlook.eventsOf(u, activityId, null);
                assertEquals(1, events.size());
                assertEquals(edited, events.get(0).get("subject"));
            });
        }
        Map<String, Object> aliceNow = outlook.event("alice", mine.get("id").toString(), null);
        assertEquals(changeKey, aliceNow.get("changeKey"), "docketsync wrote alice's own edit back to her mailbox");
    }

    @Test
    @Order(4)
    void deletingTheActivityRemovesItFromEveryMailbox() {
        assertNotNull(activityId, "needs the pushed activity");
        assertEquals(204, app.delete("alice", activityId));
        for (String u : TRIO) {
            eventually("the activity's event leaves " + u + "'s calendar",
                    () -> assertEquals(List.of(), outlook.eventsOf(u, activityId, null)));
        }
    }

    /** DESIGN.md section 1: a user id is unique only inside its firm. */
    @Test
    @Order(5)
    void anotherFirmsAliceSeesPushesImportsAndDisconnectsOnlyHerOwn() {
        String other = "other-firm/alice";
        given(system.simulator()).body(Map.of("userPrincipalName", Docketsync.mailboxOf(other),
                "displayName", "Alice of another firm", "onPremises", false)).post("/_sim/users");
        system.roles(other, List.of("admin"));
        app.putUser(other, other, "Alice of another firm", true, "ANY", "ANY");
        app.saveSettings(other, true, false, false, false, "");
        connected("alice", other);
        assertEquals("alice@halemarsh.test", app.connection("alice").get("mailbox"));
        assertEquals("alice@other-firm.test", app.connection(other).get("mailbox"));

        // each firm's activity reaches its own alice's mailbox only
        LocalDate d = day(11);
        String ours = unique("Hale-Marsh hearing");
        String theirs = unique("Other firm hearing");
        String oursId = app.create("alice", AppClient.appointment(ours, at(d, 9, 0), at(d, 10, 0), "UTC",
                List.of("alice"), null));
        String theirsId = app.create(other, AppClient.appointment(theirs, at(d, 11, 0), at(d, 12, 0), "UTC",
                List.of("alice"), null));
        eventually("each alice has her own firm's event", () -> {
            assertEquals(1, outlook.eventsOf("alice", oursId, null).size());
            assertEquals(1, outlook.eventsOf(other, theirsId, null).size());
        });
        assertEquals(List.of(), outlook.eventsOf("alice", theirsId, null), "the other firm wrote to our alice");
        assertEquals(List.of(), outlook.eventsOf(other, oursId, null), "our firm wrote to the other alice");
        assertEquals(404, given(system.as(other, Docketsync.ACTIVITY)).get("/activities/" + oursId).statusCode());

        // Import from 365 reads the importing firm's alice's calendar only
        String inOurOutlook = unique("Only in hale-marsh's Outlook");
        String inTheirOutlook = unique("Only in the other firm's Outlook");
        outlook.create("alice", StoryScenariosIT.plainEvent(inOurOutlook, d));
        outlook.create(other, StoryScenariosIT.plainEvent(inTheirOutlook, d));
        job(other, "/office365/import-jobs", Map.of("from", d.minusDays(1).toString(), "to", d.plusDays(1).toString()));
        // the job completes once the worker sent the commands; activity-service applies them a moment later
        eventually("the other firm's event becomes its alice's activity",
                () -> assertEquals(1, StoryScenariosIT.activitiesNamed(other, inTheirOutlook).size()));
        assertEquals(List.of(), StoryScenariosIT.activitiesNamed(other, inOurOutlook), "imported another firm's event");
        assertEquals(List.of(), StoryScenariosIT.activitiesNamed("alice", inTheirOutlook));

        // disconnecting the other firm's alice leaves ours connected, her mailbox untouched
        int before = outlook.events("alice", null).size();
        app.disconnect(other);
        assertEquals("DISCONNECTED", app.connectionState(other));
        assertEquals("CONNECTED", app.connectionState("alice"));
        assertEquals(before, outlook.events("alice", null).size());
        assertEquals(1, outlook.eventsOf("alice", oursId, null).size());
    }
}
