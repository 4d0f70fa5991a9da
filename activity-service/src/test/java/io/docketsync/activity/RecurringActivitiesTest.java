package io.docketsync.activity;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.docketsync.contracts.ActivityChanged;
import io.docketsync.contracts.ActivityCommand;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.Topics;
import io.docketsync.contracts.recurrence.Pattern;
import io.docketsync.contracts.recurrence.Range;
import io.docketsync.contracts.recurrence.Recurrence;
import io.docketsync.contracts.recurrence.RecurrenceException;
import io.docketsync.testsupport.PlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Recurring activities (issue 17) through the API and the commands from Office 365, on PostgreSQL and Kafka. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class RecurringActivitiesTest {
    /** Mondays 09:00, from Monday 7 December 2026 to 1 March 2027 */
    static final String MONDAYS = "{\"pattern\":{\"type\":\"weekly\",\"interval\":1,\"daysOfWeek\":[\"monday\"]},"
            + "\"range\":{\"type\":\"endDate\",\"startDate\":\"2026-12-07\",\"endDate\":\"2027-03-01\"}}";
    static final Recurrence MONDAYS_RECURRENCE = new Recurrence(Pattern.weekly(1, DayOfWeek.MONDAY),
            Range.endDate(LocalDate.parse("2026-12-07"), LocalDate.parse("2027-03-01"))).normalized();
    private TestFirm firm;

    @BeforeEach
    void newFirm() {
        firm = TestFirm.seeded();
    }

    static String series(String subject, String recurrence, String exceptions, String... users) {
        return "{\"kind\":\"APPOINTMENT\",\"subject\":\"" + subject + "\",\"location\":\"Room 4\",\"body\":\"Agenda\","
                + "\"start\":\"2026-12-07T09:00:00\",\"end\":\"2026-12-07T10:00:00\",\"timeZone\":\"Europe/London\","
                + "\"scheduledFor\":[" + TestFirm.quoted(users) + "],\"recurrence\":" + recurrence
                + (exceptions == null ? "" : ",\"exceptions\":" + exceptions) + "}";
    }

    @Test
    void aSeriesIsCreatedWithGraphsRecurrenceReadBackAndPublished() {
        String id = firm.as("alice").body(series("Weekly review", MONDAYS, null, "alice", "bob")).post("/activities")
                .then().statusCode(201)
                .body("recurrence.pattern.type", equalTo("weekly"))
                .body("recurrence.pattern.interval", equalTo(1))
                .body("recurrence.pattern.daysOfWeek", contains("monday"))
                .body("recurrence.pattern.firstDayOfWeek", equalTo("sunday"))
                .body("recurrence.pattern", not(hasKey("month")))
                .body("recurrence.range.type", equalTo("endDate"))
                .body("recurrence.range.startDate", equalTo("2026-12-07"))
                .body("recurrence.range.endDate", equalTo("2027-03-01"))
                .body("exceptions", equalTo(List.of()))
                .body("$", not(hasKey("occurrence")))
                .extract().path("id");
        firm.as("bob").get("/activities/" + id).then().statusCode(200)
                .body("recurrence.pattern.daysOfWeek", contains("monday")).body("exceptions", equalTo(List.of()));

        var created = EventCodec.fromJson(ActivityResourceTest.recordsOf(id, 1).get(0), ActivityChanged.class);
        assertEquals(MONDAYS_RECURRENCE, created.data.activity().recurrence());
        assertEquals(List.of(), created.data.activity().exceptions());
        firm.as("alice").get("/activities/" + id + "/history").then()
                .body("detail", contains("created: series set: weekly, every 1, on monday; from 2026-12-07 to 2027-03-01"));

        // a single activity answers exactly as before: no series fields at all
        String single = firm.create("alice", TestFirm.appointment("alice"));
        firm.as("alice").get("/activities/" + single).then().statusCode(200)
                .body("$", not(hasKey("recurrence"))).body("$", not(hasKey("exceptions")))
                .body("$", not(hasKey("occurrence"))).body("$", not(hasKey("seriesId")));
        assertNull(EventCodec.fromJson(ActivityResourceTest.recordsOf(single, 1).get(0), ActivityChanged.class)
                .data.activity().recurrence());
    }

    @Test
    void whatGraphAnswersForASeriesIsAcceptedAsItIs() {
        String graphs = "{\"pattern\":{\"type\":\"weekly\",\"interval\":1,\"month\":0,\"dayOfMonth\":0,"
                + "\"daysOfWeek\":[\"monday\"],\"firstDayOfWeek\":\"sunday\",\"index\":\"first\"},"
                + "\"range\":{\"type\":\"noEnd\",\"startDate\":\"2026-12-07\",\"endDate\":\"0001-01-01\","
                + "\"recurrenceTimeZone\":\"\",\"numberOfOccurrences\":0}}";
        firm.as("alice").body(series("Standing call", graphs, null, "alice")).post("/activities").then().statusCode(201)
                .body("recurrence.pattern", not(hasKey("month"))).body("recurrence.pattern", not(hasKey("index")))
                .body("recurrence.range.type", equalTo("noEnd")).body("recurrence.range", not(hasKey("endDate")))
                .body("recurrence.range", not(hasKey("numberOfOccurrences")));
    }

    @Test
    void theListAnswersEachOccurrenceInRangeWithExceptionsAppliedAmongSingleActivities() {
        String exceptions = "[{\"originalStart\":\"2026-12-14T09:00\",\"cancelled\":true},"
                + "{\"originalStart\":\"2026-12-21T09:00\",\"subject\":\"Moved\",\"start\":\"2026-12-22T11:00:00\","
                + "\"end\":\"2026-12-22T12:30:00\"}]";
        String id = firm.create("alice", series("Weekly review", MONDAYS, exceptions, "carol"));
        String single = firm.create("alice", TestFirm.appointmentAt("Single", "2026-12-15T09:00:00",
                "2026-12-15T10:00:00", "carol"));
        firm.as("alice").get("/activities/" + id).then().statusCode(200)
                .body("exceptions.originalStart", contains("2026-12-14T09:00:00", "2026-12-21T09:00:00"))
                .body("exceptions.cancelled", contains(true, false))
                .body("exceptions[1].subject", equalTo("Moved")).body("exceptions[1]", not(hasKey("body")));

        firm.as("carol").queryParam("from", "2026-12-07").queryParam("to", "2026-12-31").get("/activities").then()
                .statusCode(200).body("total", equalTo(4))
                .body("items.id", contains(id, single, id, id))
                .body("items.subject", contains("Weekly review", "Single", "Moved", "Weekly review"))
                .body("items.location", contains("Room 4", "Room 4", "Room 4", "Room 4"))
                .body("items.start", contains("2026-12-07T09:00:00", "2026-12-15T09:00:00", "2026-12-22T11:00:00",
                        "2026-12-28T09:00:00"))
                .body("items.end", contains("2026-12-07T10:00:00", "2026-12-15T10:00:00", "2026-12-22T12:30:00",
                        "2026-12-28T10:00:00"))
                .body("items.occurrence", contains(true, null, true, true))
                .body("items.seriesId", contains(id, null, id, id))
                .body("items.originalStart", contains("2026-12-07T09:00:00", null, "2026-12-21T09:00:00",
                        "2026-12-28T09:00:00"))
                .body("items.exception", contains(false, null, true, false))
                .body("items[0]", not(hasKey("recurrence"))).body("items[0]", not(hasKey("exceptions")))
                .body("items[1]", not(hasKey("occurrence"))).body("items[1]", not(hasKey("recurrence")))
                .body("items[0].scheduledFor.userId", contains("carol"));

        // pages count occurrences and single activities together, in order of start
        page(1, 2).body("items.start", contains("2026-12-22T11:00:00", "2026-12-28T09:00:00")).body("total", equalTo(4));
        page(1, 3).body("items.start", contains("2026-12-28T09:00:00"));
        page(1, 1).body("items.subject", contains("Single"));
        page(0, 2).body("items.subject", contains("Weekly review", "Single"));
        page(2, 2).body("items", equalTo(List.of())).body("total", equalTo(4));

        // a day holding only a cancelled occurrence holds nothing; a moved one is found where it is now
        firm.as("carol").queryParam("from", "2026-12-14").queryParam("to", "2026-12-14").get("/activities").then()
                .body("total", equalTo(0));
        firm.as("carol").queryParam("from", "2026-12-21").queryParam("to", "2026-12-21").get("/activities").then()
                .body("total", equalTo(0));
        firm.as("carol").queryParam("from", "2027-02-28").queryParam("to", "2027-03-31").get("/activities").then()
                .body("items.start", contains("2027-03-01T09:00:00"));

        // without both days, the series is one item, as GET /activities/{id} answers it
        firm.as("carol").queryParam("from", "2026-12-07").get("/activities").then().statusCode(200)
                .body("total", equalTo(2)).body("items.id", contains(id, single))
                .body("items[0].recurrence.pattern.type", equalTo("weekly"))
                .body("items[0].exceptions.originalStart", contains("2026-12-14T09:00:00", "2026-12-21T09:00:00"));
    }

    private io.restassured.response.ValidatableResponse page(int page, int size) {
        return firm.as("carol").queryParam("from", "2026-12-07").queryParam("to", "2026-12-31")
                .queryParam("page", page).queryParam("size", size).get("/activities").then().statusCode(200);
    }

    @Test
    void aListHoldingTooManyOccurrencesIsA400AskingForFewerDays() {
        String daily = "{\"pattern\":{\"type\":\"daily\",\"interval\":1},"
                + "\"range\":{\"type\":\"noEnd\",\"startDate\":\"2026-12-07\"}}";
        firm.create("alice", series("Docket review", daily, null, "alice"));
        firm.as("alice").queryParam("from", "2026-01-01").queryParam("to", "2999-12-31").get("/activities").then()
                .statusCode(400).body("errors[0].field", equalTo("to"))
                .body("errors[0].message", containsString("more than 10000 occurrences"));
        firm.as("alice").queryParam("from", "2027-01-01").queryParam("to", "2027-12-31").get("/activities").then()
                .statusCode(200).body("total", equalTo(365));
    }

    @Test
    void aSeriesIsChangedByPutAndPatchAndItsHistorySaysHow() {
        String id = firm.create("alice", TestFirm.appointmentAt("Deposition", "2026-12-01T09:00:00",
                "2026-12-01T10:00:00", "alice"));
        String tuesdays = "{\"pattern\":{\"type\":\"weekly\",\"interval\":1,\"daysOfWeek\":[\"tuesday\"]},"
                + "\"range\":{\"type\":\"numbered\",\"startDate\":\"2026-12-01\",\"numberOfOccurrences\":4}}";
        firm.as("alice").contentType("application/merge-patch+json").body("{\"recurrence\":" + tuesdays + "}")
                .patch("/activities/" + id).then().statusCode(200)
                .body("recurrence.range.numberOfOccurrences", equalTo(4)).body("exceptions", equalTo(List.of()));
        firm.as("alice").contentType("application/merge-patch+json")
                .body("{\"exceptions\":[{\"originalStart\":\"2026-12-08T09:00\",\"cancelled\":true}]}")
                .patch("/activities/" + id).then().statusCode(200).body("exceptions[0].cancelled", equalTo(true));
        firm.as("alice").queryParam("from", "2026-12-01").queryParam("to", "2026-12-31").get("/activities").then()
                .body("items.start", contains("2026-12-01T09:00:00", "2026-12-15T09:00:00", "2026-12-22T09:00:00"));

        // Outlook cannot make a deleted occurrence again in its series: bringing it back (or moving it) is refused
        for (String back : List.of("[]", "[{\"originalStart\":\"2026-12-08T09:00\",\"start\":\"2026-12-08T11:00\","
                + "\"end\":\"2026-12-08T12:00\"}]")) {
            firm.as("alice").contentType("application/merge-patch+json").body("{\"exceptions\":" + back + "}")
                    .patch("/activities/" + id).then().statusCode(409)
                    .body("title", equalTo("A cancelled occurrence cannot come back"))
                    .body("detail", containsString("Cancelled occurrence 2026-12-08T09:00 of this series cannot come back"));
        }
        firm.as("alice").get("/activities/" + id).then().body("exceptions[0].cancelled", equalTo(true));

        // new series times leave the exception on no occurrence: refused, naming it
        firm.as("alice").contentType("application/merge-patch+json")
                .body("{\"start\":\"2026-12-01T10:00:00\",\"end\":\"2026-12-01T11:00:00\"}")
                .patch("/activities/" + id).then().statusCode(400)
                .body("errors.field", contains("exceptions[0].originalStart"))
                .body("errors[0].message", equalTo("2026-12-08T09:00 is not an occurrence of the series"));

        // a replacement names the whole series; a patch to null makes it a single activity again, exceptions and all
        firm.as("alice").body(TestFirm.appointmentAt("Deposition", "2026-12-01T09:00:00", "2026-12-01T10:00:00",
                "alice").replace("}", ",\"recurrence\":" + tuesdays.replace("4}", "2}") + "}"))
                .put("/activities/" + id).then().statusCode(200)
                .body("recurrence.range.numberOfOccurrences", equalTo(2)).body("exceptions", equalTo(List.of()));
        firm.as("alice").contentType("application/merge-patch+json").body("{\"recurrence\":null}")
                .patch("/activities/" + id).then().statusCode(200)
                .body("$", not(hasKey("recurrence"))).body("$", not(hasKey("exceptions")));
        firm.as("alice").queryParam("from", "2026-12-01").queryParam("to", "2026-12-31").get("/activities").then()
                .body("items.id", contains(id)).body("items[0]", not(hasKey("occurrence")));

        firm.as("alice").get("/activities/" + id + "/history").then()
                .body("action", contains("created", "patched", "patched", "replaced", "patched"))
                .body("detail", contains("created",
                        "updated: series set: weekly, every 1, on tuesday; from 2026-12-01, 4 occurrences",
                        "updated: occurrence 2026-12-08T09:00 cancelled",
                        "updated: series changed: weekly, every 1, on tuesday; from 2026-12-01, 2 occurrences; "
                                + "occurrence 2026-12-08T09:00 as the series has it again",
                        "updated: series removed: a single activity now"));
        var events = ActivityResourceTest.recordsOf(id, 5).stream()
                .map(v -> EventCodec.fromJson(v, ActivityChanged.class).data.activity()).toList();
        assertEquals(List.of(RecurrenceException.cancelled(LocalDateTime.parse("2026-12-08T09:00"))),
                events.get(2).exceptions());
        assertEquals(2, events.get(3).recurrence().range().numberOfOccurrences());
        assertNull(events.get(4).recurrence());
    }

    @Test
    void badSeriesAre400sNamingEachField() {
        bad("{\"pattern\":{\"type\":\"weekly\",\"interval\":0},\"range\":{\"type\":\"endDate\","
                + "\"startDate\":\"2026-12-07\",\"endDate\":\"2026-12-01\"}}", null)
                .body("errors.field", contains("recurrence.pattern.interval", "recurrence.pattern.daysOfWeek",
                        "recurrence.range.endDate"));
        bad(MONDAYS.replace("\"endDate\",", "\"numbered\",\"numberOfOccurrences\":1000,"), null)
                .body("errors.field", contains("recurrence.range.numberOfOccurrences"));
        bad(MONDAYS.replace("2027-03-01", "2046-03-01"), null)
                .body("errors.field", contains("recurrence.range.endDate"))
                .body("errors[0].message", containsString("more than 999 occurrences"));
        bad(MONDAYS.replace("monday", "tuesday"), null).body("errors.field", contains("start"))
                .body("errors[0].message", containsString("not a day of the pattern"));
        bad(MONDAYS.replace("\"startDate\":\"2026-12-07\"", "\"startDate\":\"2026-12-14\""), null)
                .body("errors.field", contains("recurrence.range.startDate"));
        bad(MONDAYS, "[{\"originalStart\":\"2026-12-15T09:00\",\"cancelled\":true},"
                + "{\"originalStart\":\"2026-12-14T09:00\",\"cancelled\":true},"
                + "{\"originalStart\":\"2026-12-14T09:00\",\"subject\":\"Twice\"},"
                + "{\"originalStart\":\"2026-12-21T09:00\",\"start\":\"2026-12-21T12:00\",\"end\":\"2026-12-21T11:00\"}]")
                .body("errors.field", contains("exceptions[0].originalStart", "exceptions[2].originalStart",
                        "exceptions[3].end"));
        bad(MONDAYS.replace("weekly", "fortnightly"), null)
                .body("errors.field", contains("recurrence.pattern.type"))
                .body("errors[0].message", equalTo("'fortnightly' is not one of daily, weekly, absoluteMonthly, "
                        + "relativeMonthly, absoluteYearly, relativeYearly"));
        bad(MONDAYS.replace("[\"monday\"]", "[\"monday\",\"funday\"]"), null)
                .body("errors.field", contains("recurrence.pattern.daysOfWeek[1]"));
        bad(MONDAYS.replace("\"interval\":1", "\"interval\":1,\"colour\":\"red\""), null)
                .body("errors.field", contains("recurrence.pattern.colour"))
                .body("errors[0].message", equalTo("unknown field 'colour'"));
        bad(MONDAYS.replace("\"interval\":1,", ""), null).body("errors.field", contains("recurrence.pattern.interval"))
                .body("errors[0].message", equalTo("required: 1 or more"));
        bad(MONDAYS, "[{\"originalStart\":\"2026-12-14T09:00\",\"colour\":\"red\"}]")
                .body("errors.field", contains("exceptions[0].colour"));
        bad(MONDAYS, "[{\"originalStart\":\"2026-12-14T09:00\",\"subject\":\" \"}]")
                .body("errors.field", contains("exceptions[0].subject"));
        firm.as("alice").body(TestFirm.task("2026-12-07", "alice").replace("}", ",\"recurrence\":" + MONDAYS + "}"))
                .post("/activities").then().statusCode(400).body("errors.field", contains("recurrence"))
                .body("errors[0].message", containsString("a task does not recur"));
        firm.as("alice").body(TestFirm.appointment("alice").replace("}",
                ",\"exceptions\":[{\"originalStart\":\"2026-12-01T09:00\",\"cancelled\":true}]}"))
                .post("/activities").then().statusCode(400).body("errors.field", contains("exceptions"));
        String id = firm.create("alice", series("Weekly review", MONDAYS, null, "alice"));
        firm.as("alice").contentType("application/merge-patch+json")
                .body("{\"recurrence\":{\"pattern\":{\"interval\":-1}}}").patch("/activities/" + id).then()
                .statusCode(400).body("errors.field", contains("recurrence.pattern.interval"));
        firm.as("alice").contentType("application/merge-patch+json")
                .body("{\"recurrence\":{\"range\":{\"type\":\"sometimes\"}}}").patch("/activities/" + id).then()
                .statusCode(400).body("errors.field", contains("recurrence.range.type"));
    }

    private io.restassured.response.ValidatableResponse bad(String recurrence, String exceptions) {
        return firm.as("alice").body(series("Weekly review", recurrence, exceptions, "alice")).post("/activities")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://docketsync.io/problems/invalid-input"));
    }

    @Test
    void occurrencesChangedOrDeletedInOfficeBecomeExceptionsAndSeriesComeAndChangeFromOffice() {
        String id = firm.create("alice", series("Weekly review", MONDAYS, null, "alice", "bob"));
        LocalDateTime second = LocalDateTime.parse("2026-12-14T09:00");
        LocalDateTime third = LocalDateTime.parse("2026-12-21T09:00");
        send(occurrence(ActivityCommand.Type.SET_OCCURRENCE, id, second, new ActivityCommand.Fields(
                "Moved in Outlook", "Agenda", "Room 4", second.plusHours(2), second.plusHours(3), false,
                "Europe/London")));
        send(occurrence(ActivityCommand.Type.CANCEL_OCCURRENCE, id, third, null));
        send(occurrence(ActivityCommand.Type.CANCEL_OCCURRENCE, id, third.plusDays(1), null));
        send(occurrence(ActivityCommand.Type.CANCEL_OCCURRENCE, id, third, null));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> firm.as("alice")
                .get("/activities/" + id + "/history").then()
                .body("action", contains("created", "SET_OCCURRENCE", "CANCEL_OCCURRENCE", "CANCEL_OCCURRENCE",
                        "CANCEL_OCCURRENCE"))
                .body("outcome", contains("APPLIED", "APPLIED", "APPLIED", "IGNORED", "IGNORED"))
                .body("detail", hasItems("updated: occurrence 2026-12-14T09:00 changed",
                        "updated: occurrence 2026-12-21T09:00 cancelled",
                        "2026-12-22T09:00 is not an occurrence of the series",
                        "the occurrence 2026-12-21T09:00 is already cancelled")));
        firm.as("alice").get("/activities/" + id).then().statusCode(200).body("version", equalTo(2))
                .body("exceptions.originalStart", contains("2026-12-14T09:00:00", "2026-12-21T09:00:00"))
                .body("exceptions[0].subject", equalTo("Moved in Outlook"))
                .body("exceptions[0].start", equalTo("2026-12-14T11:00:00"))
                .body("exceptions[0]", not(hasKey("end"))).body("exceptions[0]", not(hasKey("location")))
                .body("exceptions[1].cancelled", equalTo(true));
        var changed = EventCodec.fromJson(ActivityResourceTest.recordsOf(id, 3).get(2), ActivityChanged.class);
        assertEquals(Origin.Kind.OFFICE365, changed.origin().kind());
        assertEquals(List.of(new RecurrenceException(second, false, "Moved in Outlook", null, null,
                second.plusHours(2), null), RecurrenceException.cancelled(third)), changed.data.activity().exceptions());

        // an Outlook edit of the whole series' subject keeps its exceptions; a new pattern drops them
        Recurrence threeMondays = new Recurrence(Pattern.weekly(1, DayOfWeek.MONDAY),
                Range.numbered(LocalDate.parse("2026-12-07"), 3));
        LocalDateTime first = LocalDateTime.parse("2026-12-07T09:00");
        send(seriesEdit(id, new ActivityCommand.Fields("Renamed in Outlook", "Agenda", "Room 4", first,
                first.plusHours(1), false, "Europe/London", null, MONDAYS_RECURRENCE)));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> firm.as("alice").get("/activities/" + id)
                .then().body("subject", equalTo("Renamed in Outlook")).body("exceptions.size()", equalTo(2)));
        send(seriesEdit(id, new ActivityCommand.Fields("Renamed in Outlook", "Agenda", "Room 4", first,
                first.plusHours(1), false, "Europe/London", null, threeMondays)));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> firm.as("alice").get("/activities/" + id)
                .then().body("recurrence.range.type", equalTo("numbered")).body("exceptions", equalTo(List.of())));
        firm.as("bob").queryParam("from", "2026-12-01").queryParam("to", "2027-12-31").get("/activities").then()
                .body("items.start", contains("2026-12-07T09:00:00", "2026-12-14T09:00:00", "2026-12-21T09:00:00"));

        // a new series in Outlook (two-way) becomes one recurring activity
        String fromOffice = UUID.randomUUID().toString();
        send(new ActivityCommand(UUID.randomUUID().toString(), ActivityCommand.Type.CREATE_FROM_OFFICE, null,
                fromOffice, "carol", new ActivityCommand.Fields("Client stand-up", null, null, first, first.plusMinutes(15),
                        false, "Europe/London", "Europe/London", threeMondays), null, link("carol"), Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> firm.as("carol")
                .get("/activities/" + fromOffice).then().statusCode(200)
                .body("recurrence.range.numberOfOccurrences", equalTo(3)).body("scheduledFor.userId", contains("carol")));
        firm.as("carol").get("/activities/" + fromOffice + "/history").then().body("detail",
                contains("created: series set: weekly, every 1, on monday; from 2026-12-07, 3 occurrences"));
        assertEquals(threeMondays.normalized(), EventCodec.fromJson(ActivityResourceTest.recordsOf(fromOffice, 1).get(0),
                ActivityChanged.class).data.activity().recurrence());
        firm.as("carol").get("/activities").then().body("items.id", hasItem(fromOffice));
        firm.as("carol").get("/activities/" + fromOffice).then().body("exceptions", equalTo(List.of()))
                .body("$", not(hasKey("occurrence"))).body("organizerId", nullValue());
    }

    private void send(ActivityCommand c) {
        String key = c.activityId() != null ? c.activityId() : c.newActivityId();
        firm.send(Topics.ACTIVITY_COMMANDS, key, ActivityCommand.TYPE, Origin.office365(c.userId(),
                c.userId() + "@halemarsh.test", null), c);
    }

    private static ActivityCommand occurrence(ActivityCommand.Type type, String id, LocalDateTime originalStart,
            ActivityCommand.Fields fields) {
        return new ActivityCommand(UUID.randomUUID().toString(), type, id, null, "bob", fields, null, link("bob"),
                Instant.now().plusSeconds(5), originalStart);
    }

    private static ActivityCommand seriesEdit(String id, ActivityCommand.Fields fields) {
        return new ActivityCommand(UUID.randomUUID().toString(), ActivityCommand.Type.UPDATE_FIELDS, id, null, "bob",
                fields, null, link("bob"), Instant.now().plusSeconds(5));
    }

    private static ActivityCommand.GraphLink link(String user) {
        return new ActivityCommand.GraphLink(user + "@halemarsh.test", "evt-" + user, "ical-1", "ck-1");
    }
}
