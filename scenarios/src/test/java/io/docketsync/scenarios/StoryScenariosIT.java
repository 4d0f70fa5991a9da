package io.docketsync.scenarios;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The seed's whole story (the parts the branch's services do): organizer mode, tasks, Push my calendar, edits that
 * reach Office 365, Outlook edits and deletions under each permission, prefix and two-way settings, invitations.
 * Each test sets the settings it needs; alice is ANY/ANY (admin), bob OWN/OWN, carol NONE/NONE.
 */
@SuppressWarnings("unchecked")
class StoryScenariosIT extends ScenarioSupport {
    static final String ZONE = "Europe/London";

    @BeforeEach
    void everyoneConnected() {
        connected("alice", "bob", "carol");
    }

    @Test
    void organizerModeSendsOneMeetingWithInvitationsThatNeverBecomeActivities() {
        app.saveSettings("alice", true, false, true, true, "");
        String subject = unique("Case strategy meeting");
        LocalDate d = day(11);
        String id = app.create("alice", AppClient.appointment(subject, at(d, 14, 0), at(d, 15, 0), ZONE,
                List.of("alice", "bob", "carol"), null));
        assertEquals("alice", app.get("alice", id).getString("organizerId"), "the connected creator organizes");
        eventually("one meeting in alice's calendar with bob and carol invited", () -> {
            List<Map<String, Object>> mine = outlook.eventsOf("alice", id, null);
            assertEquals(1, mine.size());
            assertEquals(true, mine.get(0).get("isOrganizer"));
            List<Map<String, Object>> attendees = (List<Map<String, Object>>) mine.get(0).get("attendees");
            assertEquals(2, attendees.size(), "attendees: " + attendees);
        });
        String iCalUId = outlook.eventsOf("alice", id, null).get(0).get("iCalUId").toString();
        for (String u : List.of("bob", "carol")) {
            eventually(u + " holds exactly the invitation, no copy", () -> {
                List<Map<String, Object>> same = bySubject(u, subject);
                assertEquals(1, same.size(), u + "'s events named " + subject + ": " + same);
                assertEquals(iCalUId, same.get(0).get("iCalUId"));
                assertEquals(false, same.get(0).get("isOrganizer"));
            });
        }
        // two-way is on: a plain event made after the invitation arrived comes over, the invitation does not
        String control = unique("Call with opposing counsel");
        outlook.create("bob", plainEvent(control, d.plusDays(1)));
        eventually("bob's own new event becomes an activity", () -> assertEquals(1, activitiesNamed("bob", control).size()));
        assertEquals(1, activitiesNamed("bob", subject).size(), "the invitation made a second activity for bob");
    }

    @Test
    void tasksArePushedAsAllDayOrThirtyMinuteEvents() {
        app.saveSettings("alice", true, true, false, false, "");
        LocalDate due = day(12);
        String allDay = app.create("bob", AppClient.task(unique("File the motion"), due.toString(), null, ZONE,
                List.of("bob"), null));
        String timed = app.create("bob", AppClient.task(unique("Call the clerk"), due.toString(), "14:30:00", ZONE,
                List.of("bob"), null));
        assertTrue(app.get("bob", allDay).getBoolean("pushToOffice365"), "Always Push Tasks marks tasks on save");
        eventually("the all-day task is an all-day event on the due date", () -> {
            Map<String, Object> e = single(outlook.eventsOf("bob", allDay, ZONE));
            assertEquals(true, e.get("isAllDay"));
            assertTrue(startOf(e).startsWith(due + "T00:00:00"), startOf(e));
            assertTrue(endOf(e).startsWith(due.plusDays(1) + "T00:00:00"), endOf(e));
        });
        eventually("the timed task is a 30-minute event at the due time", () -> {
            Map<String, Object> e = single(outlook.eventsOf("bob", timed, ZONE));
            assertEquals(false, e.get("isAllDay"));
            assertTrue(startOf(e).startsWith(due + "T14:30:00"), startOf(e));
            assertTrue(endOf(e).startsWith(due + "T15:00:00"), endOf(e));
        });
    }

    @Test
    void pushMyCalendarPushesWhatIsNotThereYetOnceAndReportsProgress() {
        app.saveSettings("alice", false, false, false, false, "");
        app.disconnect("carol");
        eventually("carol loses her green check", () -> assertFalse(app.me("carol").getBoolean("connected")));
        String first = app.create("carol", AppClient.appointment(unique("Filing review"), at(day(3), 9, 0),
                at(day(3), 10, 0), ZONE, List.of("carol"), true));
        String second = app.create("carol", AppClient.appointment(unique("Witness list"), at(day(4), 9, 0),
                at(day(4), 10, 0), ZONE, List.of("carol"), true));
        String notMarked = app.create("carol", AppClient.appointment(unique("Private note"), at(day(4), 11, 0),
                at(day(4), 12, 0), ZONE, List.of("carol"), null));
        // planned while she is away: pending, so they wait for the push job (not pushed by her reconnecting)
        for (String id : List.of(first, second)) {
            eventually("pending for carol: " + id, () -> assertEquals("PENDING", syncStatus(app.get("carol", id), "carol")));
        }
        connected("carol");

        JsonPath job = pushJob("carol");
        assertEquals(0, job.getInt("failed"), "failed items: " + job.prettify());
        assertTrue(job.getInt("total") >= 2, "at least the two pending activities: " + job.prettify());
        assertEquals(job.getInt("total"), job.getInt("done"));
        for (String id : List.of(first, second)) {
            eventually("pushed once: " + id, () -> assertEquals(1, outlook.eventsOf("carol", id, null).size()));
        }
        assertEquals(List.of(), outlook.eventsOf("carol", notMarked, null), "an activity not marked for push was pushed");
        JsonPath again = pushJob("carol");
        for (String id : List.of(first, second)) {
            assertEquals(1, outlook.eventsOf("carol", id, null).size(), "pushing twice duplicated " + id);
        }
        assertEquals(0, again.getInt("failed"));
    }

    @Test
    void editsRescheduleRemovalUntickAndDeleteReachOffice365() {
        app.saveSettings("alice", true, false, false, false, "");
        String subject = unique("Mediation");
        LocalDate d = day(14);
        String id = app.create("alice", AppClient.appointment(subject, at(d, 10, 0), at(d, 11, 0), ZONE,
                List.of("alice", "bob"), null));
        for (String u : List.of("alice", "bob")) {
            eventually("pushed to " + u, () -> single(outlook.eventsOf(u, id, null)));
        }
        String renamed = subject + " (rescheduled)";
        app.update("alice", id, Map.of("subject", renamed, "start", at(d, 15, 0), "end", at(d, 16, 30)));
        for (String u : List.of("alice", "bob")) {
            eventually("edit and new time reach " + u, () -> {
                Map<String, Object> e = single(outlook.eventsOf(u, id, ZONE));
                assertEquals(renamed, e.get("subject"));
                assertTrue(startOf(e).startsWith(d + "T15:00:00"), startOf(e));
            });
        }
        app.update("alice", id, Map.of("scheduledFor", List.of("alice", "carol")));
        eventually("bob, removed, loses his copy", () -> assertEquals(List.of(), outlook.eventsOf("bob", id, null)));
        eventually("carol, added, gets one", () -> assertEquals(renamed, single(outlook.eventsOf("carol", id, null)).get("subject")));

        app.update("alice", id, Map.of("pushToOffice365", false));
        for (String u : List.of("alice", "carol")) {
            eventually("unticking push removes " + u + "'s copy", () -> assertEquals(List.of(), outlook.eventsOf(u, id, null)));
        }
        app.update("alice", id, Map.of("pushToOffice365", true));
        eventually("ticking it again pushes again", () -> single(outlook.eventsOf("carol", id, null)));
        assertEquals(204, app.delete("alice", id));
        for (String u : List.of("alice", "carol")) {
            eventually("deletion reaches " + u, () -> assertEquals(List.of(), outlook.eventsOf(u, id, null)));
        }
    }

    @Test
    void aRestrictedEditInOutlookDetachesTheUserWithAnActivityOfTheirOwn() {
        app.saveSettings("alice", true, false, false, false, "");
        String subject = unique("Hearing");
        LocalDate d = day(15);
        String id = app.create("alice", AppClient.appointment(subject, at(d, 9, 0), at(d, 10, 0), ZONE,
                List.of("alice", "bob", "carol"), null));
        eventually("carol has her copy", () -> single(outlook.eventsOf("carol", id, null)));
        Map<String, Object> carols = single(outlook.eventsOf("carol", id, null));
        String edited = subject + " - carol's notes";
        outlook.update("carol", carols.get("id").toString(), Map.of("subject", edited));

        eventually("carol (edit NONE) leaves Scheduled For", () -> assertNull(AppClient.scheduled(app.get("alice", id), "carol")));
        JsonPath original = app.get("alice", id);
        assertEquals(subject, original.getString("subject"), "a restricted edit changed the activity");
        eventually("carol has a new activity with the edited content", () -> {
            List<Map<String, Object>> hers = activitiesNamed("carol", edited);
            assertEquals(1, hers.size());
            assertEquals(List.of("carol"), ((List<Map<String, Object>>) hers.get(0).get("scheduledFor")).stream()
                    .map(s -> s.get("userId")).toList());
        });
        for (String u : List.of("alice", "bob")) {
            assertEquals(subject, single(outlook.eventsOf(u, id, null)).get("subject"), u + "'s copy changed");
        }
        assertEquals(1, bySubject("carol", edited).size(), "carol's edited event was doubled");

        // her later edits update that copy of hers, whatever her edit permission (they were once dead-lettered)
        String hersId = activitiesNamed("carol", edited).get(0).get("id").toString();
        // and her event names her activity now, no longer the one she left (docketsync's extended property)
        eventually("carol's event names her own activity", () -> assertEquals(carols.get("id"),
                single(outlook.eventsOf("carol", hersId, null)).get("id")));
        assertEquals(List.of(), outlook.eventsOf("carol", id, null), "her event still names the activity she left");
        String again = subject + " - carol's second thoughts";
        outlook.update("carol", carols.get("id").toString(), Map.of("subject", again, "location",
                Map.of("displayName", "Room 7")));
        eventually("carol's second edit reaches her copy", () -> {
            JsonPath hers = app.get("carol", hersId);
            assertEquals(again, hers.getString("subject"));
            assertEquals("Room 7", hers.getString("location"));
        });
        assertEquals(subject, app.get("alice", id).getString("subject"), "her second edit reached the original");

        // and deleting the event deletes the copy that exists only for her
        outlook.delete("carol", carols.get("id").toString());
        eventually("carol's copy goes with her event", () -> assertNull(app.get("carol", hersId)));
        assertEquals(subject, app.get("alice", id).getString("subject"), "the original survives");
    }

    @Test
    void withRestoreEventSettingsARestrictedEditOrDeletionInOutlookIsUndone() {
        app.saveSettings("alice", true, false, false, false, "", "RESTORE_EVENT", "RESTORE_EVENT");
        try {
            String subject = unique("Mediation");
            LocalDate d = day(16);
            String id = app.create("alice", AppClient.appointment(subject, at(d, 9, 0), at(d, 10, 0), ZONE,
                    List.of("alice", "carol"), null));
            eventually("carol has her copy", () -> single(outlook.eventsOf("carol", id, null)));
            String carols = single(outlook.eventsOf("carol", id, null)).get("id").toString();

            // When Editing: RESTORE_EVENT. carol (edit NONE) renames it: the activity's version comes back
            outlook.update("carol", carols, Map.of("subject", subject + " - carol's rename"));
            eventually("carol's edit is overwritten with the activity's version", () -> assertEquals(subject,
                    outlook.event("carol", carols, null).get("subject")));
            JsonPath a = app.get("alice", id);
            assertEquals(subject, a.getString("subject"));
            assertNotNull(AppClient.scheduled(a, "carol"), "carol left Scheduled For");
            assertEquals(List.of(), activitiesNamed("carol", subject + " - carol's rename"), "an edited copy was made");

            // When Deleting: RESTORE_EVENT. carol (delete NONE) deletes it: it is written back to her calendar
            outlook.delete("carol", carols);
            eventually("the event is back in carol's calendar", () -> {
                Map<String, Object> back = single(outlook.eventsOf("carol", id, null));
                assertEquals(subject, back.get("subject"));
            });
            assertNotNull(AppClient.scheduled(app.get("alice", id), "carol"), "carol left Scheduled For");
            assertEquals(subject, single(outlook.eventsOf("alice", id, null)).get("subject"));
        } finally {
            app.saveSettings("alice", true, false, false, false, "");
        }
    }

    @Test
    void aRefusedMailboxIsNotSupportedAndARestrictedSoleUserLeavesTheActivityUnscheduled() {
        app.saveSettings("alice", true, false, false, false, "");
        if (!"REFUSED".equals(app.connectionState("dave"))) {
            assertTrue(app.connect("dave").getQuery().contains("office365=refused"), "dave's mailbox was not refused");
        }
        LocalDate d = day(17);
        String withDave = app.create("alice", AppClient.appointment(unique("Witness prep"), at(d, 9, 0), at(d, 10, 0),
                ZONE, List.of("alice", "dave"), null));
        eventually("dave's on-premises mailbox is NOT_SUPPORTED with the reason, not PENDING", () -> {
            Map<String, Object> dave = AppClient.scheduled(app.get("alice", withDave), "dave");
            assertEquals("NOT_SUPPORTED", String.valueOf(dave.get("syncStatus")));
            assertTrue(String.valueOf(dave.get("syncReason")).startsWith("Office 365 refused the mailbox"),
                    "reason: " + dave.get("syncReason"));
        });

        // carol (delete NONE) was the only Scheduled For user: her deletion leaves it unscheduled, not gone
        String soloSubject = unique("Carol's filing check");
        String solo = app.create("alice", AppClient.appointment(soloSubject, at(d, 11, 0), at(d, 12, 0), ZONE,
                List.of("carol"), null));
        eventually("carol has her copy", () -> single(outlook.eventsOf("carol", solo, null)));
        outlook.delete("carol", single(outlook.eventsOf("carol", solo, null)).get("id").toString());
        eventually("the activity stays, unscheduled", () -> assertEquals(List.of(),
                app.get("alice", solo).getList("scheduledFor")));
        assertEquals(1, activitiesNamed("alice", soloSubject).size(), "alice, its creator, no longer lists it");
        app.update("alice", solo, Map.of("scheduledFor", List.of("alice")));
        eventually("scheduled again, it reaches alice's calendar", () -> single(outlook.eventsOf("alice", solo, null)));
    }

    @Test
    void outlookDeletionsFollowTheDeletePermission() {
        app.saveSettings("alice", true, false, false, false, "");
        String subject = unique("Settlement conference");
        LocalDate d = day(16);
        String id = app.create("alice", AppClient.appointment(subject, at(d, 9, 0), at(d, 10, 0), ZONE,
                List.of("alice", "bob", "carol"), null));
        for (String u : List.of("alice", "bob", "carol")) {
            eventually("pushed to " + u, () -> single(outlook.eventsOf(u, id, null)));
        }
        // bob (delete OWN) did not create it: restricted, he only leaves Scheduled For
        outlook.delete("bob", single(outlook.eventsOf("bob", id, null)).get("id").toString());
        eventually("bob leaves Scheduled For", () -> assertNull(AppClient.scheduled(app.get("alice", id), "bob")));
        assertNotNull(app.get("alice", id), "bob's restricted delete deleted the activity");
        assertEquals(1, outlook.eventsOf("carol", id, null).size(), "carol's copy went with bob's");

        // alice (delete ANY): the activity is deleted for everyone
        outlook.delete("alice", single(outlook.eventsOf("alice", id, null)).get("id").toString());
        eventually("alice's Outlook delete deletes the activity", () -> assertNull(app.get("alice", id)));
        eventually("and carol's copy", () -> assertEquals(List.of(), outlook.eventsOf("carol", id, null)));
    }

    @Test
    void anOwnerEditsTheirOwnActivityInOutlook() {
        app.saveSettings("alice", true, false, false, false, "");
        String subject = unique("Bob's client intake");
        LocalDate d = day(17);
        String id = app.create("bob", AppClient.appointment(subject, at(d, 9, 0), at(d, 10, 0), ZONE,
                List.of("bob", "alice"), null));
        eventually("pushed to bob", () -> single(outlook.eventsOf("bob", id, null)));
        String edited = subject + " (moved)";
        outlook.update("bob", single(outlook.eventsOf("bob", id, null)).get("id").toString(), Map.of("subject", edited));
        eventually("bob (edit OWN) edits his own activity", () -> assertEquals(edited, app.get("bob", id).getString("subject")));
        eventually("the edit reaches alice's copy", () -> assertEquals(edited, single(outlook.eventsOf("alice", id, null)).get("subject")));
    }

    @Test
    void prefixAndTwoWaySettingsDecideWhichOutlookEventsComeOver() {
        LocalDate d = day(18);
        app.saveSettings("alice", true, false, false, true, "CB:");
        String plain = unique("Lunch");
        String prefixed = unique("cb: Client call");
        outlook.create("bob", plainEvent(plain, d));
        outlook.create("bob", plainEvent(prefixed, d));
        eventually("an event with the prefix (any case) comes over", () -> assertEquals(1,
                activitiesNamed("bob", prefixed).size()));
        assertEquals(List.of(), activitiesNamed("bob", plain), "an event without the prefix came over");

        app.saveSettings("alice", true, false, false, true, "");
        String any = unique("Dentist");
        outlook.create("bob", plainEvent(any, d));
        eventually("with a blank prefix every new event comes over", () -> assertEquals(1, activitiesNamed("bob", any).size()));
        // an activity made from an Outlook event takes the zone the event was made in (a Windows name in Outlook)
        String pacific = unique("West coast deposition");
        outlook.create("bob", Map.of("subject", pacific,
                "start", Map.of("dateTime", d + "T09:00:00", "timeZone", "Pacific Standard Time"),
                "end", Map.of("dateTime", d + "T10:00:00", "timeZone", "Pacific Standard Time")));
        eventually("the Pacific event comes over in its own zone", () -> {
            Map<String, Object> a = single(activitiesNamed("bob", pacific));
            assertEquals("America/Los_Angeles", a.get("timeZone"));
            assertTrue(String.valueOf(a.get("start")).startsWith(d + "T09:00"), "start " + a.get("start"));
        });

        app.saveSettings("alice", true, false, false, false, "");
        String oneWay = unique("CB: one-way");
        outlook.create("bob", plainEvent(oneWay, d));
        // two-way on again at once: the event made while it was off stays in Outlook however late its notification
        // is judged (two-way counts from when it was turned on); once the control event came, the other had its turn
        app.saveSettings("alice", true, false, false, true, "");
        String control = unique("Control");
        outlook.create("bob", plainEvent(control, d));
        eventually("the control event comes over", () -> assertEquals(1, activitiesNamed("bob", control).size()));
        assertEquals(List.of(), activitiesNamed("bob", oneWay), "an event made while two-way was off came over");
        app.saveSettings("alice", true, false, false, false, "");
    }

    static Map<String, Object> plainEvent(String subject, LocalDate d) {
        return Map.of("subject", subject, "start", Map.of("dateTime", d + "T12:00:00", "timeZone", "UTC"),
                "end", Map.of("dateTime", d + "T12:30:00", "timeZone", "UTC"));
    }

    static List<Map<String, Object>> activitiesNamed(String user, String subject) {
        return app.list(user, day(-3).toString(), day(60).toString()).stream()
                .filter(a -> subject.equals(a.get("subject"))).toList();
    }

    static Map<String, Object> single(List<Map<String, Object>> events) {
        assertEquals(1, events.size(), "events: " + events);
        return events.get(0);
    }

    static JsonPath pushJob(String user) {
        return job(user, "/office365/push-jobs", Map.of());
    }
}
