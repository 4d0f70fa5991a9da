package io.docketsync.scenarios;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The inbound scenarios whose sync-worker half is being built on branch {@code inbound}: Import from 365, meeting
 * responses coming back onto the activity, and repair by delta query after missed notifications. They run with
 * {@code -Pscenarios-full} and are expected to fail on a branch without that work.
 */
@SuppressWarnings("unchecked")
class InboundScenariosIT extends ScenarioSupport {
    static final String ZONE = "America/Chicago";

    @BeforeEach
    void everyoneConnected() {
        connected("alice", "bob", "carol");
    }

    @Test
    void importBringsExistingOutlookEventsInOnceAndKeepsThemLinked() {
        app.saveSettings("alice", true, false, false, false, "");
        LocalDate d = day(20);
        String wanted = unique("CB: Deposition");
        String other = unique("Gym");
        outlook.create("bob", StoryScenariosIT.plainEvent(wanted, d));
        outlook.create("bob", StoryScenariosIT.plainEvent(other, d));

        JsonPath job = job("bob", "/office365/import-jobs", Map.of("from", d.minusDays(1).toString(),
                "to", d.plusDays(1).toString(), "prefix", "cb:"));
        assertEquals(0, job.getInt("failed"), job.prettify());
        // the job completes once the worker sent the commands; activity-service applies them a moment later
        eventually("the imported event becomes an activity", () -> assertEquals(1,
                StoryScenariosIT.activitiesNamed("bob", wanted).size(), "imported activities named " + wanted));
        List<Map<String, Object>> imported = StoryScenariosIT.activitiesNamed("bob", wanted);
        assertEquals(List.of(), StoryScenariosIT.activitiesNamed("bob", other), "the prefix did not filter the import");
        String id = imported.get(0).get("id").toString();

        job("bob", "/office365/import-jobs", Map.of("from", d.minusDays(1).toString(), "to", d.plusDays(1).toString(),
                "prefix", "cb:"));
        assertEquals(1, StoryScenariosIT.activitiesNamed("bob", wanted).size(), "importing twice duplicated it");
        assertEquals(1, bySubject("bob", wanted).size(), "the import doubled the Outlook event");

        // linked: an edit in the app reaches the very event that was imported
        String renamed = wanted + " (moved)";
        app.update("bob", id, Map.of("subject", renamed));
        eventually("the imported event follows the activity", () -> assertEquals(1, bySubject("bob", renamed).size()));
    }

    @Test
    void anAttendeesAnswerInOutlookShowsOnTheActivity() {
        app.saveSettings("alice", true, false, true, false, "");
        String subject = unique("Team meeting");
        LocalDate d = day(21);
        String id = app.create("alice", AppClient.appointment(subject, at(d, 9, 0), at(d, 10, 0), ZONE,
                List.of("alice", "bob", "carol"), null));
        eventually("bob receives the invitation", () -> assertEquals(1, bySubject("bob", subject).size()));
        eventually("carol receives the invitation", () -> assertEquals(1, bySubject("carol", subject).size()));
        outlook.respond("bob", bySubject("bob", subject).get(0).get("id").toString(), "accept");
        outlook.respond("carol", bySubject("carol", subject).get(0).get("id").toString(), "tentativelyAccept");
        eventually("the answers show on the activity", () -> {
            JsonPath a = app.get("alice", id);
            assertEquals("ACCEPTED", AppClient.scheduled(a, "bob").get("responseStatus"));
            assertEquals("TENTATIVE", AppClient.scheduled(a, "carol").get("responseStatus"));
        });
        app.saveSettings("alice", true, false, false, false, "");
    }

    @Test
    void aMissedNotificationIsRepairedByADeltaQuery() throws Exception {
        app.saveSettings("alice", true, false, false, false, "");
        String subject = unique("Status conference");
        LocalDate d = day(22);
        String id = app.create("alice", AppClient.appointment(subject, at(d, 9, 0), at(d, 10, 0), ZONE,
                List.of("alice", "bob"), null));
        eventually("pushed to alice", () -> StoryScenariosIT.single(outlook.eventsOf("alice", id, null)));
        String eventId = StoryScenariosIT.single(outlook.eventsOf("alice", id, null)).get("id").toString();

        // the connector is down while alice edits: Graph gives up on the notification, then says it missed some
        system.platform().kill(Docketsync.CONNECTOR);
        String edited = subject + " (edited while notifications were lost)";
        outlook.update("alice", eventId, Map.of("subject", edited));
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            system.platform().restart(Docketsync.CONNECTOR);
        } catch (Exception e) {
            throw new AssertionError("connector-service did not restart", e);
        }
        List<Map<String, Object>> subs = given(system.simulator()).get("/_sim/subscriptions").then().statusCode(200)
                .extract().jsonPath().getList("");
        Map<String, Object> alices = subs.stream().filter(s -> String.valueOf(s).contains("a11ce000")
                || String.valueOf(s).toLowerCase().contains("alice")).findFirst().orElseThrow(
                        () -> new AssertionError("no subscription for alice: " + subs));
        given(system.simulator()).body(Map.of("lifecycleEvent", "missed"))
                .post("/_sim/subscriptions/" + alices.get("id") + "/lifecycle").then()
                .statusCode(org.hamcrest.Matchers.lessThan(300));
        eventually("the delta repair brings alice's edit to the activity",
                () -> assertEquals(edited, app.get("alice", id).getString("subject")));
        eventually("and to bob's copy", () -> assertEquals(edited,
                StoryScenariosIT.single(outlook.eventsOf("bob", id, null)).get("subject")));
    }
}
