package io.docketsync.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The seed's story with a weekly series (issue 17): pushed to three mailboxes as one series each; one occurrence
 * moved in Outlook by a user who may edit becomes an exception for everyone; one deleted by a user who may not
 * delete stays in the activity and in the others' calendars; the series renamed in the app; the series deleted.
 * alice is ANY/ANY (admin), bob OWN/OWN, carol NONE/NONE.
 */
@SuppressWarnings("unchecked")
class RecurringScenariosIT extends ScenarioSupport {
    static final String ZONE = "Europe/London";

    @BeforeEach
    void everyoneConnected() {
        connected("alice", "bob", "carol");
    }

    @Test
    void aWeeklySeriesLivesAsOneSeriesPerMailboxWithItsExceptions() {
        app.saveSettings("alice", true, false, false, false, "");
        String subject = unique("Case meeting");
        LocalDate monday = day(10).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        Map<String, Object> body = new HashMap<>(AppClient.appointment(subject, at(monday, 9, 0), at(monday, 10, 0),
                ZONE, List.of("alice", "bob", "carol"), null));
        body.put("recurrence", Map.of("pattern", Map.of("type", "weekly", "interval", 1, "daysOfWeek", List.of("monday")),
                "range", Map.of("type", "numbered", "startDate", monday.toString(), "numberOfOccurrences", 6)));
        String id = app.create("alice", body);
        Map<String, String> series = new HashMap<>();
        for (String u : List.of("alice", "bob", "carol")) {
            eventually("one series in " + u + "'s calendar", () -> {
                Map<String, Object> master = StoryScenariosIT.single(outlook.eventsOf(u, id, null));
                assertEquals("seriesMaster", master.get("type"));
                series.put(u, master.get("id").toString());
                assertEquals(6, outlook.instances(u, series.get(u), monday, monday.plusWeeks(6), ZONE).size());
            });
        }

        // alice (edit ANY) moves the second occurrence to 11:00 in her Outlook: an exception for everyone
        Map<String, Object> second = outlook.instances("alice", series.get("alice"), monday, monday.plusWeeks(6), ZONE)
                .get(1);
        outlook.update("alice", second.get("id").toString(), Map.of(
                "start", Map.of("dateTime", at(monday.plusWeeks(1), 11, 0), "timeZone", ZONE),
                "end", Map.of("dateTime", at(monday.plusWeeks(1), 12, 0), "timeZone", ZONE)));
        eventually("the move is the activity's exception", () -> {
            List<Map<String, Object>> exceptions = app.get("alice", id).getList("exceptions");
            assertEquals(1, exceptions.size(), exceptions.toString());
            assertTrue(exceptions.get(0).get("originalStart").toString().startsWith(monday.plusWeeks(1) + "T09:00"));
        });
        for (String u : List.of("bob", "carol")) {
            eventually("the moved occurrence reaches " + u, () -> assertEquals(List.of(9, 11, 9, 9, 9, 9),
                    hours(outlook.instances(u, series.get(u), monday, monday.plusWeeks(6), ZONE))));
        }

        // carol (delete NONE) deletes the fourth occurrence in her Outlook: the activity keeps it, as do the others
        Map<String, Object> fourth = outlook.instances("carol", series.get("carol"), monday, monday.plusWeeks(6), ZONE)
                .get(3);
        outlook.delete("carol", fourth.get("id").toString());
        sleep(3000); // the worker's turn: nothing may come of it
        assertEquals(1, app.get("alice", id).getList("exceptions").size(), "a restricted deletion became an exception");
        for (String u : List.of("alice", "bob")) {
            assertEquals(6, outlook.instances(u, series.get(u), monday, monday.plusWeeks(6), ZONE).size(),
                    "carol's deletion reached " + u);
        }

        // renamed in the app: every series follows, the moved occurrence keeps its time
        String renamed = subject + " (renamed)";
        app.update("alice", id, Map.of("subject", renamed));
        for (String u : List.of("alice", "bob", "carol")) {
            eventually("the new name reaches " + u, () -> {
                assertEquals(renamed, StoryScenariosIT.single(outlook.eventsOf(u, id, null)).get("subject"));
                List<Map<String, Object>> occurrences = outlook.instances(u, series.get(u), monday, monday.plusWeeks(6),
                        ZONE);
                assertTrue(occurrences.stream().allMatch(o -> renamed.equals(o.get("subject"))), occurrences.toString());
                assertEquals(11, hours(occurrences).get(1));
            });
        }
        List<Map<String, Object>> listed = app.list("alice", monday.toString(), monday.plusWeeks(6).toString());
        assertEquals(6, listed.stream().filter(a -> id.equals(a.get("seriesId"))).count(),
                "GET /activities answers the occurrences in range: " + listed);

        assertEquals(204, app.delete("alice", id));
        for (String u : List.of("alice", "bob", "carol")) {
            eventually("the series leaves " + u + "'s calendar", () -> assertEquals(List.of(), outlook.eventsOf(u, id, null)));
        }
    }

    private static List<Integer> hours(List<Map<String, Object>> occurrences) {
        return occurrences.stream().map(o -> Integer.parseInt(((Map<String, Object>) o.get("start")).get("dateTime")
                .toString().substring(11, 13))).toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
