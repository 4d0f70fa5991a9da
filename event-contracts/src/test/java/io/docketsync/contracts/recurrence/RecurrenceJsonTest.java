package io.docketsync.contracts.recurrence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docketsync.contracts.EventCodec;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The recurrence JSON is Graph's patternedRecurrence, names and enum spellings exactly. */
class RecurrenceJsonTest {

    private static final ObjectMapper JSON = EventCodec.mapper();

    private static JsonNode tree(String json) throws JsonProcessingException {
        return JSON.readTree(json.replace('\'', '"'));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            daily every 2 days, numbered | {'pattern':{'type':'daily','interval':2},'range':{'type':'numbered','startDate':'2026-01-05','numberOfOccurrences':10}}
            weekly Mon+Wed every other week | {'pattern':{'type':'weekly','interval':2,'daysOfWeek':['monday','wednesday'],'firstDayOfWeek':'sunday'},'range':{'type':'endDate','startDate':'2026-01-05','endDate':'2026-06-30'}}
            absoluteMonthly on the 31st | {'pattern':{'type':'absoluteMonthly','interval':1,'dayOfMonth':31},'range':{'type':'noEnd','startDate':'2026-01-31'}}
            relativeMonthly last friday | {'pattern':{'type':'relativeMonthly','interval':1,'daysOfWeek':['friday'],'index':'last'},'range':{'type':'noEnd','startDate':'2026-01-30'}}
            absoluteYearly Feb 29 | {'pattern':{'type':'absoluteYearly','interval':1,'month':2,'dayOfMonth':29},'range':{'type':'noEnd','startDate':'2028-02-29','recurrenceTimeZone':'Europe/London'}}
            relativeYearly 4th thursday of November | {'pattern':{'type':'relativeYearly','interval':1,'month':11,'daysOfWeek':['thursday'],'index':'fourth'},'range':{'type':'endDate','startDate':'2026-11-26','endDate':'2030-12-31'}}
            """)
    void graphJsonRoundTripsUnchanged(String name, String graphJson) throws Exception {
        JsonNode graph = tree(graphJson);

        Recurrence read = JSON.treeToValue(graph, Recurrence.class);
        JsonNode written = JSON.readTree(EventCodec.toJson(read));

        assertEquals(graph, written, name);
        assertEquals(read, JSON.readValue(EventCodec.toJson(read), Recurrence.class));
    }

    @Test
    void readsGraphsNamesIntoTheRecords() throws Exception {
        Recurrence r = JSON.treeToValue(tree("""
                {'pattern':{'type':'relativeMonthly','interval':3,'daysOfWeek':['monday','friday'],'index':'last'},
                 'range':{'type':'endDate','startDate':'2026-01-26','endDate':'2026-12-31'}}"""), Recurrence.class);

        assertEquals(new Recurrence(
                Pattern.relativeMonthly(3, WeekIndex.LAST, DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                Range.endDate(LocalDate.parse("2026-01-26"), LocalDate.parse("2026-12-31"))), r);
    }

    @Test
    void writesGraphsSpellings() throws Exception {
        Recurrence r = new Recurrence(Pattern.weekly(1, DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.SATURDAY)
                .weeksBeginningOn(DayOfWeek.MONDAY),
                Range.numbered(LocalDate.parse("2026-01-05"), 12));

        JsonNode json = JSON.readTree(EventCodec.toJson(r));

        assertEquals(tree("""
                {'pattern':{'type':'weekly','interval':1,'daysOfWeek':['monday','tuesday','saturday'],'firstDayOfWeek':'monday'},
                 'range':{'type':'numbered','startDate':'2026-01-05','numberOfOccurrences':12}}"""), json);
        // only what the type needs: Graph refuses properties without a supported value
        assertFalse(json.get("pattern").has("month"));
        assertFalse(json.get("range").has("endDate"));
    }

    @ParameterizedTest
    @CsvSource({
            "daily, DAILY", "weekly, WEEKLY", "absoluteMonthly, ABSOLUTE_MONTHLY", "relativeMonthly, RELATIVE_MONTHLY",
            "absoluteYearly, ABSOLUTE_YEARLY", "relativeYearly, RELATIVE_YEARLY"})
    void everyPatternTypeHasGraphsName(String graph, PatternType type) throws Exception {
        assertEquals('"' + graph + '"', JSON.writeValueAsString(type));
        assertEquals(type, JSON.readValue('"' + graph + '"', PatternType.class));
    }

    @ParameterizedTest
    @CsvSource({"first, FIRST", "second, SECOND", "third, THIRD", "fourth, FOURTH", "last, LAST"})
    void everyWeekIndexHasGraphsName(String graph, WeekIndex index) throws Exception {
        assertEquals('"' + graph + '"', JSON.writeValueAsString(index));
        assertEquals(index, JSON.readValue('"' + graph + '"', WeekIndex.class));
    }

    @ParameterizedTest
    @CsvSource({"endDate, END_DATE", "noEnd, NO_END", "numbered, NUMBERED"})
    void everyRangeTypeHasGraphsName(String graph, RangeType type) throws Exception {
        assertEquals('"' + graph + '"', JSON.writeValueAsString(type));
        assertEquals(type, JSON.readValue('"' + graph + '"', RangeType.class));
    }

    @Test
    void everyDayOfWeekHasGraphsName() throws Exception {
        for (DayOfWeek day : DayOfWeek.values()) {
            Pattern p = Pattern.weekly(1, day).weeksBeginningOn(day);
            JsonNode json = JSON.valueToTree(p);
            String graph = day.name().toLowerCase();
            assertEquals(graph, json.at("/daysOfWeek/0").asText());
            assertEquals(graph, json.get("firstDayOfWeek").asText());
            assertEquals(p, JSON.treeToValue(json, Pattern.class));
        }
    }

    /** What Graph answers for a series master: every field, the unused ones zero or default. */
    @Test
    void readsAMastersRecurrenceAsGraphAnswersItAndNormalizesAwayTheUnusedFields() throws Exception {
        Recurrence fromGraph = JSON.treeToValue(tree("""
                {'pattern':{'type':'weekly','interval':1,'month':0,'dayOfMonth':0,'daysOfWeek':['wednesday','monday'],
                            'firstDayOfWeek':'sunday','index':'first'},
                 'range':{'type':'noEnd','startDate':'2026-01-05','endDate':'0001-01-01','recurrenceTimeZone':'',
                          'numberOfOccurrences':0}}"""), Recurrence.class);

        Recurrence ours = new Recurrence(Pattern.weekly(1, DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY).weeksBeginningOn(null),
                Range.noEnd(LocalDate.parse("2026-01-05")));
        assertEquals(ours.normalized(), fromGraph.normalized());
        assertEquals(DayOfWeek.SUNDAY, ours.normalized().pattern().firstDayOfWeek());
        assertTrue(RecurrenceRules.validate(fromGraph, LocalDateTime.parse("2026-01-05T09:00"),
                LocalDateTime.parse("2026-01-05T10:00")).isEmpty());
    }

    @Test
    void unknownSpellingsAreRefusedWithTheValue() {
        var e = assertThrows(JsonProcessingException.class, () -> JSON.readValue(
                "{\"type\":\"weekly\",\"interval\":1,\"daysOfWeek\":[\"funday\"]}", Pattern.class));
        assertTrue(e.getMessage().contains("funday"), e.getMessage());
        assertThrows(JsonProcessingException.class, () -> JSON.readValue(
                "{\"type\":\"fortnightly\",\"interval\":1}", Pattern.class));
    }

    @Test
    void exceptionsRoundTripWithoutTheirUnchangedFields() throws Exception {
        var moved = RecurrenceException.moved(LocalDateTime.parse("2026-01-07T09:00"),
                LocalDateTime.parse("2026-01-08T14:00"), null);
        JsonNode json = JSON.valueToTree(moved);
        assertEquals("2026-01-07T09:00:00", json.get("originalStart").asText());
        assertFalse(json.has("subject"));
        assertFalse(json.has("end"));
        assertEquals(moved, JSON.treeToValue(json, RecurrenceException.class));
        var cancelled = RecurrenceException.cancelled(LocalDateTime.parse("2026-01-09T09:00"));
        assertEquals(cancelled, JSON.readValue(EventCodec.toJson(cancelled), RecurrenceException.class));
        assertEquals(List.of(cancelled), List.of(JSON.readValue(EventCodec.toJson(cancelled), RecurrenceException.class)));
    }
}
