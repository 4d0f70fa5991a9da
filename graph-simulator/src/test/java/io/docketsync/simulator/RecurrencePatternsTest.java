package io.docketsync.simulator;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.microsoft.graph.models.DayOfWeek;
import com.microsoft.graph.models.Event;
import com.microsoft.graph.models.RecurrencePattern;
import com.microsoft.graph.models.RecurrencePatternType;
import com.microsoft.graph.models.RecurrenceRangeType;
import com.microsoft.graph.models.WeekIndex;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each recurrence pattern and range type expands as Exchange expands it (graph/outlook-schedule-recurring-events,
 * MS-OXOCAL), read through calendarView and instances; the recurrence is answered in Graph's full shape; bad
 * patterns are refused 400.
 */
@QuarkusTest
class RecurrencePatternsTest extends SeriesSupport {

    @Test
    void dailyEveryOtherDayForFourOccurrencesAndTheMasterIsAnsweredWithGraphsFullRecurrence() {
        GraphServiceClient alice = graph(ALICE);
        Event master = alice.me().events().post(series("Docket check", "2027-03-01T08:00:00", "2027-03-01T08:15:00",
                "UTC", pattern(RecurrencePatternType.Daily, 2), numbered("2027-03-01", 4)));
        assertEquals("seriesMaster", master.getType().getValue());
        assertEquals(List.of("2027-03-01T08:00", "2027-03-03T08:00", "2027-03-05T08:00", "2027-03-07T08:00"),
                starts(instances(alice, master.getId(), "2027-02-01T00:00:00Z", "2027-04-01T00:00:00Z")));
        // Graph answers every pattern and range property (graph/api/user-post-events, recurring example)
        RecurrencePattern p = master.getRecurrence().getPattern();
        assertEquals(0, p.getMonth());
        assertEquals(0, p.getDayOfMonth());
        assertEquals(DayOfWeek.Sunday, p.getFirstDayOfWeek());
        assertEquals(WeekIndex.First, p.getIndex());
        assertEquals("UTC", master.getRecurrence().getRange().getRecurrenceTimeZone());
        assertEquals(LocalDate.of(1, 1, 1), master.getRecurrence().getRange().getEndDate());
        assertEquals(4, master.getRecurrence().getRange().getNumberOfOccurrences());
    }

    @Test
    void weeklyOnTwoDaysEveryOtherWeekUntilAnEndDateAndTheMasterStartsAtTheFirstOccurrence() {
        GraphServiceClient alice = graph(ALICE);
        // 2027-03-03 is a Wednesday: the first occurrence is that day; the Monday before it is not in the range
        Event master = alice.me().events().post(series("Status", "2027-03-03T10:00:00", "2027-03-03T10:30:00", "UTC",
                weekly(2, DayOfWeek.Monday, DayOfWeek.Wednesday), until("2027-03-03", "2027-03-31")));
        assertEquals(List.of("2027-03-03T10:00", "2027-03-15T10:00", "2027-03-17T10:00", "2027-03-29T10:00",
                "2027-03-31T10:00"), starts(calendarView(alice, "2027-03-01T00:00:00Z", "2027-04-30T00:00:00Z")));
        assertEquals(RecurrenceRangeType.EndDate, master.getRecurrence().getRange().getType());

        // a start that does not fit the pattern: Exchange puts the master on the first occurrence
        Event thursdays = alice.me().events().post(series("Thursdays", "2027-05-03T09:00:00", "2027-05-03T09:30:00",
                "UTC", weekly(1, DayOfWeek.Thursday), numbered("2027-05-03", 2)));
        assertEquals("2027-05-06T09:00:00.0000000", thursdays.getStart().getDateTime());
        assertEquals("2027-05-06T09:30:00.0000000", thursdays.getEnd().getDateTime());
    }

    @Test
    void absoluteMonthlyOnThe31stFallsOnTheLastDayOfShorterMonthsAsOutlookDoes() {
        GraphServiceClient alice = graph(ALICE);
        RecurrencePattern p = pattern(RecurrencePatternType.AbsoluteMonthly, 1);
        p.setDayOfMonth(31);
        Event master = alice.me().events().post(series("Month-end billing", "2027-01-31T16:00:00",
                "2027-01-31T17:00:00", "UTC", p, numbered("2027-01-31", 5)));
        // Outlook/CDO: "the last day of every month can be represented by the value 31 in monthly recurrences"
        assertEquals(List.of("2027-01-31T16:00", "2027-02-28T16:00", "2027-03-31T16:00", "2027-04-30T16:00",
                "2027-05-31T16:00"), starts(instances(alice, master.getId(), "2027-01-01T00:00:00Z",
                "2027-12-31T00:00:00Z")));
        // quarterly on the 15th
        RecurrencePattern quarterly = pattern(RecurrencePatternType.AbsoluteMonthly, 3);
        quarterly.setDayOfMonth(15);
        Event q = alice.me().events().post(series("Quarterly", "2027-01-15T09:00:00", "2027-01-15T10:00:00", "UTC",
                quarterly, until("2027-01-15", "2027-12-31")));
        assertEquals(List.of("2027-01-15T09:00", "2027-04-15T09:00", "2027-07-15T09:00", "2027-10-15T09:00"),
                starts(instances(alice, q.getId(), "2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z")));
    }

    @Test
    void relativeMonthlyOnTheLastFridayAndFirstThursdayEveryOtherMonth() {
        GraphServiceClient alice = graph(ALICE);
        Event lastFriday = alice.me().events().post(series("Partners' lunch", "2027-01-29T12:00:00",
                "2027-01-29T13:00:00", "UTC", relative(RecurrencePatternType.RelativeMonthly, 1, WeekIndex.Last,
                        DayOfWeek.Friday), numbered("2027-01-01", 4)));
        // April 2027 has five Fridays: the last is the fifth
        assertEquals(List.of("2027-01-29T12:00", "2027-02-26T12:00", "2027-03-26T12:00", "2027-04-30T12:00"),
                starts(instances(alice, lastFriday.getId(), "2027-01-01T00:00:00Z", "2027-12-31T00:00:00Z")));
        // graph/outlook-schedule-recurring-events: starting 2017-08-29, after August's first Thursday, the
        // first occurrence is in September, and every other month from there
        Event firstThursday = alice.me().events().post(series("Board", "2017-08-29T14:00:00", "2017-08-29T15:00:00",
                "UTC", relative(RecurrencePatternType.RelativeMonthly, 2, WeekIndex.First, DayOfWeek.Thursday),
                noEnd("2017-08-29")));
        assertEquals(List.of("2017-09-07T14:00", "2017-11-02T14:00", "2018-01-04T14:00"),
                starts(instances(alice, firstThursday.getId(), "2017-08-01T00:00:00Z", "2018-02-01T00:00:00Z")));
    }

    @Test
    void yearlyOnTheTwentyNinthOfFebruaryFallsOnTheTwentyEighthInCommonYearsAndRelativeYearly() {
        GraphServiceClient alice = graph(ALICE);
        RecurrencePattern leap = pattern(RecurrencePatternType.AbsoluteYearly, 1);
        leap.setMonth(2);
        leap.setDayOfMonth(29);
        Event master = alice.me().events().post(series("Leap review", "2028-02-29T09:00:00", "2028-02-29T10:00:00",
                "UTC", leap, numbered("2028-02-29", 5)));
        // Outlook and CDO "generate recurrences on February 28 for years other than leap years"
        assertEquals(List.of("2028-02-29T09:00", "2029-02-28T09:00", "2030-02-28T09:00", "2031-02-28T09:00",
                "2032-02-29T09:00"), starts(instances(alice, master.getId(), "2028-01-01T00:00:00Z",
                "2033-01-01T00:00:00Z")));
        RecurrencePattern thanksgiving = relative(RecurrencePatternType.RelativeYearly, 1, WeekIndex.Fourth,
                DayOfWeek.Thursday);
        thanksgiving.setMonth(11);
        Event t = alice.me().events().post(series("Office closed", "2027-11-25T00:00:00", "2027-11-26T00:00:00",
                "UTC", thanksgiving, numbered("2027-01-01", 3)));
        t = alice.me().events().byEventId(t.getId()).get();
        assertEquals(List.of("2027-11-25T00:00", "2028-11-23T00:00", "2029-11-22T00:00"),
                starts(instances(alice, t.getId(), "2027-01-01T00:00:00Z", "2030-01-01T00:00:00Z")));
    }

    @Test
    void weeklyOccurrencesKeepTheirWallClockTimeAcrossDaylightSavingChanges() {
        GraphServiceClient alice = graph(ALICE);
        // London: clocks go back on Sunday 2026-10-25 (last Sunday of October)
        Event london = alice.me().events().post(series("London call", "2026-10-19T09:00:00", "2026-10-19T10:00:00",
                "Europe/London", weekly(1, DayOfWeek.Monday), numbered("2026-10-19", 3)));
        List<Event> utc = instances(alice, london.getId(), "2026-10-01T00:00:00Z", "2026-12-01T00:00:00Z");
        assertEquals(List.of("2026-10-19T08:00", "2026-10-26T09:00", "2026-11-02T09:00"), starts(utc));
        List<Event> local = alice.me().events().byEventId(london.getId()).instances().get(rc -> {
            rc.queryParameters.startDateTime = "2026-10-01T00:00:00Z";
            rc.queryParameters.endDateTime = "2026-12-01T00:00:00Z";
            rc.headers.add("Prefer", "outlook.timezone=\"GMT Standard Time\"");
        }).getValue();
        assertEquals(List.of("2026-10-19T09:00", "2026-10-26T09:00", "2026-11-02T09:00"), starts(local));
        assertEquals("Europe/London", utc.get(0).getOriginalStartTimeZone());
        assertEquals("2026-10-26T09:00Z", utc.get(1).getOriginalStart().toString());

        // New York (Windows zone name): clocks go back on 2026-11-01 and forward on 2027-03-14
        Event newYork = alice.me().events().post(series("NY call", "2026-10-26T09:00:00", "2026-10-26T09:30:00",
                "Eastern Standard Time", weekly(1, DayOfWeek.Monday), until("2026-10-26", "2027-03-22")));
        List<Event> ny = instances(alice, newYork.getId(), "2026-10-01T00:00:00Z", "2027-04-01T00:00:00Z");
        assertEquals("2026-10-26T13:00", starts(ny).get(0));
        assertEquals("2026-11-02T14:00", starts(ny).get(1));
        assertEquals("2027-03-08T14:00", starts(ny).get(19));
        assertEquals("2027-03-15T13:00", starts(ny).get(20));
        assertEquals(22, ny.size());
        assertEquals("Eastern Standard Time", newYork.getRecurrence().getRange().getRecurrenceTimeZone());
    }

    @Test
    void badPatternsAndRangesAreRefused400() {
        String token = token(ALICE);
        String base = "{\"subject\":\"x\",\"start\":{\"dateTime\":\"2027-03-01T09:00:00\",\"timeZone\":\"UTC\"},"
                + "\"end\":{\"dateTime\":\"2027-03-01T10:00:00\",\"timeZone\":\"UTC\"},\"recurrence\":";
        String range = "\"range\":{\"type\":\"numbered\",\"startDate\":\"2027-03-01\",\"numberOfOccurrences\":3}}}";
        record Bad(String recurrence, String code) {
        }
        List<Bad> bad = List.of(
                new Bad("{\"pattern\":{\"type\":\"fortnightly\",\"interval\":1}," + range, "RequestBodyRead"),
                new Bad("{\"pattern\":{\"type\":\"weekly\",\"interval\":1}," + range, "ErrorPropertyValidationFailure"),
                new Bad("{\"pattern\":{\"type\":\"daily\",\"interval\":0}," + range, "ErrorPropertyValidationFailure"),
                new Bad("{\"pattern\":{\"type\":\"absoluteMonthly\",\"interval\":1,\"dayOfMonth\":32}," + range,
                        "ErrorPropertyValidationFailure"),
                new Bad("{\"pattern\":{\"type\":\"absoluteYearly\",\"interval\":1,\"dayOfMonth\":30,\"month\":2},"
                        + range, "ErrorPropertyValidationFailure"),
                new Bad("{\"pattern\":{\"type\":\"relativeMonthly\",\"interval\":1,\"daysOfWeek\":[\"friday\"],"
                        + "\"index\":\"fifth\"}," + range, "RequestBodyRead"),
                new Bad("{\"pattern\":{\"type\":\"daily\",\"interval\":1},\"range\":{\"type\":\"numbered\","
                        + "\"startDate\":\"2027-03-01\",\"numberOfOccurrences\":0}}}", "ErrorPropertyValidationFailure"),
                new Bad("{\"pattern\":{\"type\":\"daily\",\"interval\":1},\"range\":{\"type\":\"endDate\","
                        + "\"startDate\":\"2027-03-01\"}}}", "ErrorPropertyValidationFailure"),
                new Bad("{\"pattern\":{\"type\":\"daily\",\"interval\":1}}}", "ErrorPropertyValidationFailure"),
                new Bad("{\"pattern\":{\"type\":\"weekly\",\"interval\":1,\"daysOfWeek\":[\"friday\"]},"
                        + "\"range\":{\"type\":\"endDate\",\"startDate\":\"2027-03-01\",\"endDate\":\"2027-03-02\"}}}",
                        "ErrorRecurrenceHasNoOccurrence"));
        for (Bad b : bad) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(base + b.recurrence())
                    .post("/v1.0/me/events").then().statusCode(400)
                    .body("error.code", org.hamcrest.Matchers.equalTo(b.code()))
                    .body("error.innerError.request-id", org.hamcrest.Matchers.notNullValue());
        }
        // and through the SDK, as the product sees it
        RecurrencePattern noDays = pattern(RecurrencePatternType.Weekly, 1);
        ODataError e = assertThrows(ODataError.class, () -> graph(ALICE).me().events().post(series("x",
                "2027-03-01T09:00:00", "2027-03-01T10:00:00", "UTC", noDays, numbered("2027-03-01", 2))));
        assertEquals(400, e.getResponseStatusCode());
        // a PATCH with a bad pattern leaves the event as it was
        GraphServiceClient alice = graph(ALICE);
        Event ok = alice.me().events().post(series("ok", "2027-03-01T09:00:00", "2027-03-01T10:00:00", "UTC",
                pattern(RecurrencePatternType.Daily, 1), numbered("2027-03-01", 2)));
        Event patch = new Event();
        patch.setRecurrence(ok.getRecurrence());
        patch.getRecurrence().getPattern().setInterval(-1);
        assertThrows(ODataError.class, () -> alice.me().events().byEventId(ok.getId()).patch(patch));
        assertEquals(1, alice.me().events().byEventId(ok.getId()).get().getRecurrence().getPattern().getInterval());
    }
}
