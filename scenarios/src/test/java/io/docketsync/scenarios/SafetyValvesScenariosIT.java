package io.docketsync.scenarios;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.config.RedirectConfig;
import io.restassured.response.Response;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The safety valves (issue 18), through the public APIs and Outlook only: a burst of Outlook deletions beyond the
 * firm's threshold is held and decided by the administrator; disconnecting deletes nothing and reconnecting the same
 * mailbox duplicates nothing; connecting another mailbox leaves the old one alone and Push my calendar fills the new
 * one once.
 */
class SafetyValvesScenariosIT extends ScenarioSupport {

    @Test
    void aBurstOfOutlookDeletionsBeyondTheThresholdIsHeldUntilTheAdministratorDecides() {
        // a user of their own (delete ANY): no deletion of another scenario counts in their window
        String user = "frank";
        Response sim = given(system.simulator()).body(Map.of("userPrincipalName", Docketsync.mailboxOf(user),
                "displayName", "Frank", "onPremises", false)).post("/_sim/users");
        assertTrue(sim.statusCode() == 201 || sim.statusCode() == 409, sim.asString());
        app.putUser("alice", user, "Frank", false, "ANY", "ANY");
        eventually("frank is known", () -> assertTrue(app.me(user).getBoolean("known")));
        connected(user, "carol");
        int threshold = ((Number) app.settings("alice").get("massDeleteThreshold")).intValue();
        massDeleteThreshold(2);
        try {
            LocalDate day = day(9);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ids.add(app.create(user, AppClient.appointment(unique("Burst " + i), at(day, 9 + i, 0),
                        at(day, 9 + i, 30), "Europe/London", List.of(user, "carol"), true)));
            }
            Map<String, String> eventOf = new LinkedHashMap<>();
            eventually("the four events in frank's calendar", () -> {
                for (String id : ids) {
                    var events = outlook.eventsOf(user, id, null);
                    assertEquals(1, events.size(), id);
                    eventOf.put(id, String.valueOf(events.get(0).get("id")));
                }
            });
            // frank (delete ANY) wipes them in Outlook: two are applied, two held
            eventOf.values().forEach(e -> outlook.delete(user, e));
            List<Map<String, Object>> held = new ArrayList<>();
            eventually("two deletions applied and two held", () -> {
                held.clear();
                held.addAll(heldChanges("alice", user));
                assertEquals(2, held.size(), held.toString());
                assertEquals(2, ids.stream().filter(id -> app.get(user, id) == null).count());
            });
            List<String> heldActivities = held.stream().map(SafetyValvesScenariosIT::activityOf).toList();
            for (String id : heldActivities) {
                assertNotNull(app.get(user, id), "a held deletion is not applied");
            }
            // frank sees his own; carol (no administrator) sees none of his, and may not decide them
            assertEquals(2, heldChanges(user, null).size());
            assertEquals(0, heldChanges("carol", null).size());
            given(system.as("carol", Docketsync.SYNC_WORKER)).post("/office365/held-changes/" + held.get(0).get("id")
                    + "/apply").then().statusCode(403);

            // a later edit of a held activity in the app still syncs
            String renamed = unique("Burst renamed");
            app.update(user, heldActivities.get(0), Map.of("subject", renamed));
            eventually("the edit reaches carol's calendar", () -> assertEquals(1, bySubject("carol", renamed).size()));

            // the administrator rejects one (its event is written back to frank's calendar) and applies the other
            given(system.as("alice", Docketsync.SYNC_WORKER)).post("/office365/held-changes/" + held.get(1).get("id")
                    + "/reject").then().statusCode(200);
            given(system.as("alice", Docketsync.SYNC_WORKER)).post("/office365/held-changes/" + held.get(0).get("id")
                    + "/apply").then().statusCode(200);
            String kept = heldActivities.get(1);
            String gone = heldActivities.get(0);
            eventually("the rejected deletion's event is back, once", () -> {
                assertEquals(1, outlook.eventsOf(user, kept, null).size());
                assertNotNull(app.get(user, kept));
            });
            eventually("the applied deletion deleted the activity everywhere", () -> {
                assertNull(app.get(user, gone));
                assertEquals(0, outlook.eventsOf("carol", gone, null).size());
            });
            assertEquals(0, heldChanges("alice", user).size());
        } finally {
            massDeleteThreshold(threshold);
        }
    }

    @Test
    void disconnectingDeletesNothingAndReconnectingTheSameMailboxDuplicatesNothing() throws Exception {
        connected("bob");
        LocalDate day = day(10);
        String subject = unique("Stays");
        String id = app.create("bob", AppClient.appointment(subject, at(day, 10, 0), at(day, 11, 0), "Europe/London",
                List.of("bob"), true));
        String[] event = new String[1];
        eventually("bob's event", () -> {
            var events = outlook.eventsOf("bob", id, null);
            assertEquals(1, events.size());
            event[0] = String.valueOf(events.get(0).get("id"));
        });

        app.disconnect("bob");
        eventually("bob disconnected", () -> assertEquals("DISCONNECTED", app.connectionState("bob")));
        Thread.sleep(5000);
        assertNotNull(app.get("bob", id), "disconnecting deleted the activity");
        assertEquals(1, outlook.eventsOf("bob", id, null).size(), "disconnecting deleted the event");

        // the same mailbox connected again: the same event stays linked, and the next change updates it (no
        // duplicate, nothing deleted)
        connected("bob");
        Thread.sleep(3000);
        assertEquals(1, outlook.eventsOf("bob", id, null).size(), "reconnecting made or deleted an event");
        String renamed = unique("Stays renamed");
        app.update("bob", id, Map.of("subject", renamed));
        eventually("the same event shows the change", () -> {
            var events = outlook.eventsOf("bob", id, null);
            assertEquals(1, events.size());
            assertEquals(event[0], events.get(0).get("id"));
            assertEquals(renamed, events.get(0).get("subject"));
        });
        job("bob", "/office365/push-jobs", Map.of());
        Thread.sleep(3000);
        assertEquals(1, outlook.eventsOf("bob", id, null).size(), "Push my calendar made the event twice");
    }

    @Test
    void anotherMailboxLeavesTheOldOneAloneAndPushMyCalendarFillsItOnce() throws Exception {
        String user = "erin";
        String second = "erin.new@" + Docketsync.TENANT_DOMAIN;
        for (String upn : List.of(Docketsync.mailboxOf(user), second)) {
            Response r = given(system.simulator()).body(Map.of("userPrincipalName", upn, "displayName", "Erin",
                    "onPremises", false)).post("/_sim/users");
            assertTrue(r.statusCode() == 201 || r.statusCode() == 409, r.asString());
        }
        app.putUser("alice", user, "Erin", false, "ANY", "ANY");
        eventually("erin is known", () -> assertTrue(app.me(user).getBoolean("known")));
        connected(user);
        LocalDate day = day(11);
        String subject = unique("Moves");
        String id = app.create(user, AppClient.appointment(subject, at(day, 14, 0), at(day, 15, 0), "Europe/London",
                List.of(user), true));
        eventually("erin's event", () -> assertEquals(1, outlook.eventsOf(user, id, null).size()));
        String own = unique("Already there");
        outlook.create(second, Map.of("subject", own, "start", Map.of("dateTime", at(day, 8, 0), "timeZone", "UTC"),
                "end", Map.of("dateTime", at(day, 9, 0), "timeZone", "UTC")));

        // disconnect, then connect the other mailbox
        app.disconnect(user);
        eventually("erin disconnected", () -> assertEquals("DISCONNECTED", app.connectionState(user)));
        connect(user, second);
        eventually("erin connected to the other mailbox", () -> {
            assertEquals("CONNECTED", app.connectionState(user));
            assertEquals(second, app.connection(user).get("mailbox"));
        });
        assertNotNull(app.get(user, id), "the activity stays");
        // Push my calendar fills the new mailbox once; its own event is untouched; the old mailbox keeps its event
        job(user, "/office365/push-jobs", Map.of());
        eventually("the activity's event in the new mailbox, once", () -> assertEquals(1,
                outlook.eventsOf(second, id, null).size()));
        job(user, "/office365/push-jobs", Map.of());
        String renamed = unique("Moves renamed");
        app.update(user, id, Map.of("subject", renamed));
        eventually("future changes go to the new mailbox", () -> assertEquals(renamed,
                outlook.eventsOf(second, id, null).get(0).get("subject")));
        assertEquals(1, outlook.eventsOf(second, id, null).size());
        assertEquals(1, outlook.events(second, null).stream().filter(e -> own.equals(e.get("subject"))).count());
        var old = outlook.eventsOf(user, id, null);
        assertEquals(1, old.size());
        assertEquals(subject, old.get(0).get("subject"), "the old mailbox's event is left alone");

        // back to the first mailbox: its event is relinked and brought up to date, not made twice
        app.disconnect(user);
        eventually("erin disconnected", () -> assertEquals("DISCONNECTED", app.connectionState(user)));
        connect(user, Docketsync.mailboxOf(user));
        eventually("the first mailbox's event shows the activity again, once", () -> {
            var events = outlook.eventsOf(user, id, null);
            assertEquals(1, events.size());
            assertEquals(renamed, events.get(0).get("subject"));
        });
        job(user, "/office365/push-jobs", Map.of());
        Thread.sleep(3000);
        assertEquals(1, outlook.eventsOf(user, id, null).size(), "Push my calendar made the event twice");
    }

    /** System Settings > Office 365 with another threshold, in effect at the worker before going on. */
    private static void massDeleteThreshold(int threshold) {
        Map<String, Object> settings = new LinkedHashMap<>(app.settings("alice"));
        settings.put("massDeleteThreshold", threshold);
        String etag = given(system.as("alice", Docketsync.SETTINGS)).body(settings).put("/settings/office365").then()
                .statusCode(200).extract().header("ETag");
        long version = Long.parseLong(etag.replaceAll("[^0-9]", ""));
        eventually("the worker applies settings version " + version, () -> assertTrue(
                app.me("alice").getLong("syncWorkerSettingsVersion") >= version));
    }

    private static List<Map<String, Object>> heldChanges(String caller, String user) {
        var request = given(system.as(caller, Docketsync.SYNC_WORKER));
        if (user != null) {
            request = request.queryParam("user", user);
        }
        return request.get("/office365/held-changes").then().statusCode(200).extract().jsonPath().getList("");
    }

    @SuppressWarnings("unchecked")
    private static String activityOf(Map<String, Object> held) {
        return String.valueOf(((Map<String, Object>) held.get("activity")).get("id"));
    }

    /** The Connect flow with a login hint of the user's choosing (another mailbox of theirs). */
    private static void connect(String user, String mailbox) {
        String authorize = given(system.as(user, Docketsync.CONNECTOR)).body(Map.of("loginHint", mailbox))
                .post("/connections/office365").then().statusCode(200).extract().path("authorizationUrl");
        URI at = URI.create(authorize);
        for (int hop = 0; hop < 5; hop++) {
            Response r = given().config(io.restassured.RestAssured.config().redirect(
                    RedirectConfig.redirectConfig().followRedirects(false))).urlEncodingEnabled(false).get(at.toString());
            assertTrue(r.statusCode() == 302 || r.statusCode() == 303, at + " answered " + r.statusCode());
            URI next = at.resolve(r.header("Location"));
            if (next.getPath().endsWith("/connections/office365/finished")) {
                assertTrue(next.getQuery().contains("office365=connected"), "Connect ended at " + next);
                return;
            }
            at = next;
        }
        throw new AssertionError("Connect did not reach the front end");
    }
}
