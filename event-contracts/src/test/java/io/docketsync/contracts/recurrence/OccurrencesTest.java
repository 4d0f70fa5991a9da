package io.docketsync.contracts.recurrence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Expansion as Outlook and Graph compute it. Rows: series in {@link Specs}' notation, the window, and the expected
 * occurrences, each {@code START[~END][@OFFSET][<ORIGINALSTART]}: END defaults to START plus the length, OFFSET
 * (when given) is the UTC offset START has in the zone, and {@code <ORIGINALSTART} marks an exception (without it
 * the occurrence is the series' own, its original start its start).
 */
class OccurrencesTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "", textBlock = """
            # daily
            daily every day                        | daily 1   | noEnd             | 2026-01-05T09:00 | 2026-01-05 | 2026-01-08 | 2026-01-05T09:00 2026-01-06T09:00 2026-01-07T09:00 2026-01-08T09:00
            daily every 3 days, window edges in    | daily 3   | noEnd             | 2026-01-05T09:00 | 2026-01-08 | 2026-01-20 | 2026-01-08T09:00 2026-01-11T09:00 2026-01-14T09:00 2026-01-17T09:00 2026-01-20T09:00
            daily every 3 days, window between     | daily 3   | noEnd             | 2026-01-05T09:00 | 2026-01-09 | 2026-01-10 |
            daily numbered counts from the start   | daily 2   | numbered 3        | 2026-01-05T09:00 | 2026-01-01 | 2026-01-31 | 2026-01-05T09:00 2026-01-07T09:00 2026-01-09T09:00
            daily numbered, window mid-series      | daily 1   | numbered 10       | 2026-01-05T09:00 | 2026-01-12 | 2026-01-20 | 2026-01-12T09:00 2026-01-13T09:00 2026-01-14T09:00
            daily numbered, window after its end   | daily 1   | numbered 10       | 2026-01-05T09:00 | 2026-01-15 | 2026-12-31 |
            daily endDate is inclusive             | daily 1   | endDate 2026-01-07 | 2026-01-05T09:00 | 2026-01-01 | 2026-01-31 | 2026-01-05T09:00 2026-01-06T09:00 2026-01-07T09:00
            daily window before the start          | daily 1   | noEnd             | 2026-01-05T09:00 | 2025-12-01 | 2026-01-04 |
            daily window of one day, the start     | daily 1   | noEnd             | 2026-01-05T09:00 | 2026-01-05 | 2026-01-05 | 2026-01-05T09:00
            daily window ending before it begins   | daily 1   | noEnd             | 2026-01-05T09:00 | 2026-01-08 | 2026-01-07 |
            daily noEnd, a window in 2100          | daily 7   | noEnd             | 2026-01-05T09:00 | 2100-01-01 | 2100-01-14 | 2100-01-04T09:00 2100-01-11T09:00
            daily overnight occurrence             | daily 1   | numbered 2        | 2026-01-05T22:00 | 2026-01-01 | 2026-01-31 | 2026-01-05T22:00 2026-01-06T22:00
            # weekly
            weekly Mon Wed Fri                     | weekly 1 sunday monday,wednesday,friday | noEnd | 2026-01-05T09:00 | 2026-01-05 | 2026-01-18 | 2026-01-05T09:00 2026-01-07T09:00 2026-01-09T09:00 2026-01-12T09:00 2026-01-14T09:00 2026-01-16T09:00
            weekly days listed out of order        | weekly 1 sunday friday,monday | noEnd | 2026-01-05T09:00 | 2026-01-05 | 2026-01-12 | 2026-01-05T09:00 2026-01-09T09:00 2026-01-12T09:00
            every other week Sun+Mon, weeks from Sun | weekly 2 sunday sunday,monday | noEnd | 2026-01-05T09:00 | 2026-01-01 | 2026-01-31 | 2026-01-05T09:00 2026-01-18T09:00 2026-01-19T09:00
            every other week Sun+Mon, weeks from Mon | weekly 2 monday sunday,monday | noEnd | 2026-01-05T09:00 | 2026-01-01 | 2026-01-31 | 2026-01-05T09:00 2026-01-11T09:00 2026-01-19T09:00 2026-01-25T09:00
            weekly numbered starting mid-week      | weekly 1 sunday monday,wednesday | numbered 5 | 2026-01-07T09:00 | 2026-01-01 | 2026-02-28 | 2026-01-07T09:00 2026-01-12T09:00 2026-01-14T09:00 2026-01-19T09:00 2026-01-21T09:00
            weekly numbered, window mid-series     | weekly 1 sunday monday,friday | numbered 7 | 2026-01-09T09:00 | 2026-01-19 | 2026-02-28 | 2026-01-19T09:00 2026-01-23T09:00 2026-01-26T09:00 2026-01-30T09:00
            every 3 weeks until an end date        | weekly 3 sunday tuesday | endDate 2026-03-01 | 2026-01-06T09:00 | 2026-01-01 | 2026-12-31 | 2026-01-06T09:00 2026-01-27T09:00 2026-02-17T09:00
            every other week, a window in June     | weekly 2 sunday monday | noEnd | 2026-01-05T09:00 | 2026-06-01 | 2026-06-30 | 2026-06-08T09:00 2026-06-22T09:00
            every other week, an off week          | weekly 2 sunday monday | noEnd | 2026-01-05T09:00 | 2026-06-14 | 2026-06-20 |
            # absoluteMonthly
            the 31st: last day of shorter months   | absoluteMonthly 1 31 | noEnd | 2026-01-31T09:00 | 2026-01-01 | 2026-06-30 | 2026-01-31T09:00 2026-02-28T09:00 2026-03-31T09:00 2026-04-30T09:00 2026-05-31T09:00 2026-06-30T09:00
            the 31st every other month             | absoluteMonthly 2 31 | noEnd | 2026-01-31T09:00 | 2026-01-01 | 2026-12-31 | 2026-01-31T09:00 2026-03-31T09:00 2026-05-31T09:00 2026-07-31T09:00 2026-09-30T09:00 2026-11-30T09:00
            the 29th in a leap year                | absoluteMonthly 1 29 | noEnd | 2028-01-29T09:00 | 2028-01-01 | 2028-03-31 | 2028-01-29T09:00 2028-02-29T09:00 2028-03-29T09:00
            the 30th until the 30th of March       | absoluteMonthly 1 30 | endDate 2026-03-30 | 2026-01-30T09:00 | 2026-01-01 | 2026-12-31 | 2026-01-30T09:00 2026-02-28T09:00 2026-03-30T09:00
            quarterly on the 15th, 4 times         | absoluteMonthly 3 15 | numbered 4 | 2026-01-15T09:00 | 2026-01-01 | 2027-12-31 | 2026-01-15T09:00 2026-04-15T09:00 2026-07-15T09:00 2026-10-15T09:00
            monthly, a window years on             | absoluteMonthly 1 15 | noEnd | 2026-01-15T09:00 | 2040-02-01 | 2040-03-31 | 2040-02-15T09:00 2040-03-15T09:00
            # relativeMonthly
            last Friday: the 5th when there is one | relativeMonthly 1 last friday | noEnd | 2026-01-30T09:00 | 2026-01-01 | 2026-05-31 | 2026-01-30T09:00 2026-02-27T09:00 2026-03-27T09:00 2026-04-24T09:00 2026-05-29T09:00
            fourth Friday is never the 5th         | relativeMonthly 1 fourth friday | noEnd | 2026-01-23T09:00 | 2026-01-01 | 2026-05-31 | 2026-01-23T09:00 2026-02-27T09:00 2026-03-27T09:00 2026-04-24T09:00 2026-05-22T09:00
            first Monday                           | relativeMonthly 1 first monday | noEnd | 2026-01-05T09:00 | 2026-01-01 | 2026-04-30 | 2026-01-05T09:00 2026-02-02T09:00 2026-03-02T09:00 2026-04-06T09:00
            second weekday (days counted together) | relativeMonthly 1 second monday,tuesday,wednesday,thursday,friday | noEnd | 2026-01-02T09:00 | 2026-01-01 | 2026-03-31 | 2026-01-02T09:00 2026-02-03T09:00 2026-03-03T09:00
            second weekday, August                 | relativeMonthly 1 second monday,tuesday,wednesday,thursday,friday | noEnd | 2026-01-02T09:00 | 2026-08-01 | 2026-08-31 | 2026-08-04T09:00
            last weekend day                       | relativeMonthly 1 last saturday,sunday | noEnd | 2026-01-31T09:00 | 2026-01-01 | 2026-04-30 | 2026-01-31T09:00 2026-02-28T09:00 2026-03-29T09:00 2026-04-26T09:00
            third Wednesday every 2 months, 3 times | relativeMonthly 2 third wednesday | numbered 3 | 2026-01-21T09:00 | 2026-01-01 | 2027-12-31 | 2026-01-21T09:00 2026-03-18T09:00 2026-05-20T09:00
            # absoluteYearly
            Feb 29: Feb 28 in common years         | absoluteYearly 1 2 29 | noEnd | 2024-02-29T09:00 | 2024-01-01 | 2028-12-31 | 2024-02-29T09:00 2025-02-28T09:00 2026-02-28T09:00 2027-02-28T09:00 2028-02-29T09:00
            every other July 4th                   | absoluteYearly 2 7 4 | noEnd | 2026-07-04T09:00 | 2026-01-01 | 2031-12-31 | 2026-07-04T09:00 2028-07-04T09:00 2030-07-04T09:00
            Christmas until the eve two years on   | absoluteYearly 1 12 25 | endDate 2028-12-24 | 2026-12-25T09:00 | 2026-01-01 | 2030-12-31 | 2026-12-25T09:00 2027-12-25T09:00
            yearly, a window a century on          | absoluteYearly 1 6 30 | noEnd | 2026-06-30T09:00 | 2126-01-01 | 2127-12-31 | 2126-06-30T09:00 2127-06-30T09:00
            # relativeYearly
            fourth Thursday of November            | relativeYearly 1 11 fourth thursday | noEnd | 2026-11-26T09:00 | 2026-01-01 | 2029-12-31 | 2026-11-26T09:00 2027-11-25T09:00 2028-11-23T09:00 2029-11-22T09:00
            last Sunday of March                   | relativeYearly 1 3 last sunday | noEnd | 2026-03-29T09:00 | 2026-01-01 | 2028-12-31 | 2026-03-29T09:00 2027-03-28T09:00 2028-03-26T09:00
            first Monday of May every 3 years, twice | relativeYearly 3 5 first monday | numbered 2 | 2026-05-04T09:00 | 2026-01-01 | 2040-12-31 | 2026-05-04T09:00 2029-05-07T09:00
            """)
    void expandsInLondon(String name, String pattern, String range, String firstStart, String from, String to,
            String expected) {
        assertExpansion(pattern, range, firstStart, "PT1H", LONDON, null, from, to, expected);
    }

    /** Wall-clock times are kept across DST changes; the UTC offset is what moves. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "", textBlock = """
            London spring: daily 09:00             | daily 1 | noEnd | 2026-03-27T09:00 | PT1H | Europe/London | 2026-03-28 | 2026-03-30 | 2026-03-28T09:00@Z 2026-03-29T09:00@+01:00 2026-03-30T09:00@+01:00
            London autumn: weekly Sunday 09:00     | weekly 1 sunday sunday | noEnd | 2026-10-18T09:00 | PT1H | Europe/London | 2026-10-01 | 2026-11-01 | 2026-10-18T09:00@+01:00 2026-10-25T09:00@Z 2026-11-01T09:00@Z
            London: 01:30 is skipped on the 29th, 02:30 instead | daily 1 | noEnd | 2026-03-28T01:30 | PT1H | Europe/London | 2026-03-28 | 2026-03-30 | 2026-03-28T01:30~2026-03-28T02:30@Z 2026-03-29T02:30~2026-03-29T03:30@+01:00 2026-03-30T01:30~2026-03-30T02:30@+01:00
            London: 00:30 for 2h, the skipped hour inside | daily 1 | noEnd | 2026-03-28T00:30 | PT2H | Europe/London | 2026-03-29 | 2026-03-29 | 2026-03-29T00:30~2026-03-29T02:30@Z
            London: 00:30 for 1h ends in the gap, moved on | daily 1 | noEnd | 2026-03-28T00:30 | PT1H | Europe/London | 2026-03-29 | 2026-03-29 | 2026-03-29T00:30~2026-03-29T02:30@Z
            London: 01:30 twice on Oct 25, the first | daily 1 | noEnd | 2026-10-24T01:30 | PT30M | Europe/London | 2026-10-24 | 2026-10-26 | 2026-10-24T01:30@+01:00 2026-10-25T01:30@+01:00 2026-10-26T01:30@Z
            London: last Sunday of March monthly across both changes | relativeMonthly 1 last sunday | noEnd | 2026-01-25T09:00 | PT1H | Europe/London | 2026-01-01 | 2026-12-31 | 2026-01-25T09:00@Z 2026-02-22T09:00@Z 2026-03-29T09:00@+01:00 2026-04-26T09:00@+01:00 2026-05-31T09:00@+01:00 2026-06-28T09:00@+01:00 2026-07-26T09:00@+01:00 2026-08-30T09:00@+01:00 2026-09-27T09:00@+01:00 2026-10-25T09:00@Z 2026-11-29T09:00@Z 2026-12-27T09:00@Z
            New York spring: daily 09:00           | daily 1 | noEnd | 2026-03-06T09:00 | PT1H | America/New_York | 2026-03-07 | 2026-03-09 | 2026-03-07T09:00@-05:00 2026-03-08T09:00@-04:00 2026-03-09T09:00@-04:00
            New York autumn: weekly Sat+Sun 09:00  | weekly 1 sunday saturday,sunday | noEnd | 2026-10-24T09:00 | PT1H | America/New_York | 2026-10-31 | 2026-11-01 | 2026-10-31T09:00@-04:00 2026-11-01T09:00@-05:00
            New York: 02:30 is skipped on Mar 8, 03:30 instead | daily 1 | noEnd | 2026-03-07T02:30 | PT1H | America/New_York | 2026-03-07 | 2026-03-09 | 2026-03-07T02:30@-05:00 2026-03-08T03:30~2026-03-08T04:30@-04:00 2026-03-09T02:30@-04:00
            New York: 01:30 twice on Nov 1, the first | weekly 1 sunday sunday | numbered 3 | 2026-10-25T01:30 | PT1H | America/New_York | 2026-10-01 | 2026-11-30 | 2026-10-25T01:30@-04:00 2026-11-01T01:30@-04:00 2026-11-08T01:30@-05:00
            New York: second Sunday of March yearly | relativeYearly 1 3 second sunday | numbered 2 | 2026-03-08T09:00 | PT1H | America/New_York | 2026-01-01 | 2027-12-31 | 2026-03-08T09:00@-04:00 2027-03-14T09:00@-04:00
            """)
    void keepsWallClockTimesAcrossDst(String name, String pattern, String range, String firstStart, String length,
            String zone, String from, String to, String expected) {
        assertExpansion(pattern, range, firstStart, length, ZoneId.of(zone), null, from, to, expected);
    }

    /** A daily 09:00–10:00 series from Monday 2026-01-05 (London) and its exceptions. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "", textBlock = """
            cancelled is omitted                   | noEnd | cancel 2026-01-07T09:00 | 2026-01-05 | 2026-01-09 | 2026-01-05T09:00 2026-01-06T09:00 2026-01-08T09:00 2026-01-09T09:00
            moved the same day, length kept        | noEnd | move 2026-01-07T09:00 2026-01-07T14:00 | 2026-01-05 | 2026-01-08 | 2026-01-05T09:00 2026-01-06T09:00 2026-01-07T14:00~2026-01-07T15:00<2026-01-07T09:00 2026-01-08T09:00
            moved with its own end                 | noEnd | move 2026-01-07T09:00 2026-01-07T08:00 2026-01-07T08:15 | 2026-01-07 | 2026-01-07 | 2026-01-07T08:00~2026-01-07T08:15<2026-01-07T09:00
            end changed only                       | noEnd | move 2026-01-07T09:00 - 2026-01-07T12:00 | 2026-01-07 | 2026-01-07 | 2026-01-07T09:00~2026-01-07T12:00<2026-01-07T09:00
            moved out of the window                | noEnd | move 2026-01-07T09:00 2026-01-12T10:00 2026-01-12T12:00 | 2026-01-05 | 2026-01-09 | 2026-01-05T09:00 2026-01-06T09:00 2026-01-08T09:00 2026-01-09T09:00
            moved into the window, sorted by start | noEnd | move 2026-01-07T09:00 2026-01-12T10:00 2026-01-12T12:00 | 2026-01-11 | 2026-01-12 | 2026-01-11T09:00 2026-01-12T09:00 2026-01-12T10:00~2026-01-12T12:00<2026-01-07T09:00
            moved before a later one               | noEnd | move 2026-01-08T09:00 2026-01-07T08:00 | 2026-01-07 | 2026-01-08 | 2026-01-07T08:00<2026-01-08T09:00 2026-01-07T09:00
            moved before the series' start         | noEnd | move 2026-01-06T09:00 2026-01-04T09:00 | 2026-01-01 | 2026-01-05 | 2026-01-04T09:00<2026-01-06T09:00 2026-01-05T09:00
            changed subject only: still an exception | noEnd | edit 2026-01-06T09:00 | 2026-01-05 | 2026-01-06 | 2026-01-05T09:00 2026-01-06T09:00<2026-01-06T09:00
            not an occurrence (wrong time): ignored | noEnd | cancel 2026-01-07T10:00 | 2026-01-06 | 2026-01-08 | 2026-01-06T09:00 2026-01-07T09:00 2026-01-08T09:00
            not an occurrence (after the end): ignored | numbered 3 | move 2026-01-08T09:00 2026-01-06T12:00 | 2026-01-05 | 2026-01-09 | 2026-01-05T09:00 2026-01-06T09:00 2026-01-07T09:00
            the first of two for one original start wins | noEnd | cancel 2026-01-07T09:00; move 2026-01-07T09:00 2026-01-07T14:00 | 2026-01-06 | 2026-01-08 | 2026-01-06T09:00 2026-01-08T09:00
            numbered counts cancelled occurrences  | numbered 3 | cancel 2026-01-06T09:00 | 2026-01-01 | 2026-01-31 | 2026-01-05T09:00 2026-01-07T09:00
            every occurrence of a window cancelled | endDate 2026-01-06 | cancel 2026-01-05T09:00; cancel 2026-01-06T09:00 | 2026-01-01 | 2026-01-31 |
            several at once                        | endDate 2026-01-09 | cancel 2026-01-05T09:00; move 2026-01-06T09:00 2026-01-09T07:00; edit 2026-01-08T09:00 | 2026-01-01 | 2026-01-31 | 2026-01-07T09:00 2026-01-08T09:00<2026-01-08T09:00 2026-01-09T07:00<2026-01-06T09:00 2026-01-09T09:00
            """)
    void appliesExceptions(String name, String range, String exceptions, String from, String to, String expected) {
        assertExpansion("daily 1", range, "2026-01-05T09:00", "PT1H", LONDON, exceptions, from, to, expected);
    }

    /** Consecutive windows hold each occurrence exactly once: a year day by day is the year in one window. */
    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', textBlock = """
            daily 3                                        | noEnd             | 2026-01-05T09:00
            daily 1                                        | numbered 200      | 2026-03-01T01:30
            weekly 2 monday sunday,wednesday,saturday      | noEnd             | 2026-01-07T09:00
            weekly 3 sunday monday,friday                  | numbered 40       | 2026-01-09T18:00
            weekly 1 saturday tuesday                      | endDate 2026-10-31 | 2026-01-06T09:00
            absoluteMonthly 1 31                           | noEnd             | 2026-01-31T09:00
            absoluteMonthly 5 30                           | numbered 4        | 2026-01-30T09:00
            relativeMonthly 1 last friday                  | noEnd             | 2026-01-30T09:00
            relativeMonthly 2 second saturday,sunday       | noEnd             | 2026-01-10T09:00
            absoluteYearly 1 2 29                          | noEnd             | 2024-02-29T09:00
            relativeYearly 1 10 last sunday                | noEnd             | 2025-10-26T01:30
            """)
    void windowsPartitionTheSeries(String pattern, String range, String firstStart) {
        LocalDateTime first = LocalDateTime.parse(firstStart);
        Recurrence r = Specs.recurrence(pattern, range, first);
        LocalDate from = LocalDate.parse("2026-01-01");
        LocalDate to = LocalDate.parse("2026-12-31");
        List<Occurrence> whole = Occurrences.expand(r, first, Duration.ofHours(1), LONDON, List.of(), from, to);
        List<Occurrence> dayByDay = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            dayByDay.addAll(Occurrences.expand(r, first, Duration.ofHours(1), LONDON, List.of(), d, d));
        }
        assertEquals(whole, dayByDay);
        assertFalse(whole.isEmpty());
        for (Occurrence o : whole) {
            assertTrue(Occurrences.isOccurrence(r, first, LONDON, o.originalStart()), o.toString());
            assertFalse(Occurrences.isOccurrence(r, first, LONDON, o.originalStart().plusMinutes(1)), o.toString());
        }
    }

    @Test
    void aWindowFarIntoASeriesIsFoundWithoutWalkingToIt() {
        LocalDateTime first = LocalDateTime.parse("2026-01-05T09:00");
        Recurrence daily = Specs.recurrence("daily 1", "noEnd", first);
        Recurrence weekly = Specs.recurrence("weekly 1 sunday monday,tuesday,wednesday,thursday,friday", "noEnd", first);
        Recurrence numbered = Specs.recurrence("daily 1", "numbered 999", first);
        LocalDate far = LocalDate.parse("9999-12-01");
        // a walk from 2026 to 9999 takes seconds per expansion, a jump microseconds: a bound far above the jump's
        // cost on a loaded machine (this is no speed target) still tells the two apart
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 0; i < 1000; i++) {
                assertEquals(31, Occurrences.expand(daily, first, Duration.ofHours(1), LONDON, null, far,
                        far.plusDays(30)).size());
                assertEquals(23, Occurrences.expand(weekly, first, Duration.ofHours(1), LONDON, null, far,
                        far.plusDays(30)).size());
                assertEquals(List.of(), Occurrences.expand(numbered, first, Duration.ofHours(1), LONDON, null, far,
                        far.plusDays(30)));
                assertTrue(Occurrences.isOccurrence(daily, first, LONDON, LocalDateTime.parse("9999-12-31T09:00")));
            }
        });
        // the calendar's end ends a series with no end
        assertEquals(10, Occurrences.expand(Specs.recurrence("absoluteYearly 1 1 5", "noEnd", first),
                first, Duration.ZERO, LONDON, null, LocalDate.of(999_999_990, 1, 1), LocalDate.MAX).size());
    }

    @Test
    void anOccurrenceIsFoundByItsOriginalStartNeverByPosition() {
        LocalDateTime first = LocalDateTime.parse("2026-01-05T09:00");
        Recurrence r = Specs.recurrence("weekly 1 sunday monday,wednesday", "numbered 6", first);
        List<RecurrenceException> exceptions = Specs.exceptions(
                "cancel 2026-01-07T09:00; move 2026-01-12T09:00 2026-01-13T16:00");
        Duration hour = Duration.ofHours(1);

        assertEquals(Optional.of(new Occurrence(LocalDateTime.parse("2026-01-14T09:00"),
                        LocalDateTime.parse("2026-01-14T09:00"), LocalDateTime.parse("2026-01-14T10:00"), false)),
                Occurrences.find(r, first, hour, LONDON, exceptions, LocalDateTime.parse("2026-01-14T09:00")));
        assertEquals(Optional.of(new Occurrence(LocalDateTime.parse("2026-01-12T09:00"),
                        LocalDateTime.parse("2026-01-13T16:00"), LocalDateTime.parse("2026-01-13T17:00"), true)),
                Occurrences.find(r, first, hour, LONDON, exceptions, LocalDateTime.parse("2026-01-12T09:00")));
        assertEquals(Optional.empty(), // cancelled
                Occurrences.find(r, first, hour, LONDON, exceptions, LocalDateTime.parse("2026-01-07T09:00")));
        assertEquals(Optional.empty(), // where the moved one is now is not its key
                Occurrences.find(r, first, hour, LONDON, exceptions, LocalDateTime.parse("2026-01-13T16:00")));
        assertEquals(Optional.empty(), // the 7th would be Jan 26: past the 6th occurrence
                Occurrences.find(r, first, hour, LONDON, exceptions, LocalDateTime.parse("2026-01-26T09:00")));
        assertTrue(Occurrences.isOccurrence(r, first, LONDON, LocalDateTime.parse("2026-01-07T09:00")));
        assertTrue(Occurrences.exceptionFor(exceptions, LocalDateTime.parse("2026-01-12T09:00")).isPresent());
        assertTrue(Occurrences.exceptionFor(exceptions, LocalDateTime.parse("2026-01-14T09:00")).isEmpty());
    }

    /** Graph names an occurrence by {@code originalStart}, an instant (UTC); the key is its wall clock in the zone. */
    @ParameterizedTest
    @CsvSource({
            "2026-01-05T09:00:00Z, Europe/London, 2026-01-05T09:00",
            "2026-06-01T08:00:00Z, Europe/London, 2026-06-01T09:00",
            "2026-03-29T01:30:00Z, Europe/London, 2026-03-29T02:30",
            "2026-10-25T00:30:00Z, Europe/London, 2026-10-25T01:30",
            "2026-03-08T07:30:00Z, America/New_York, 2026-03-08T03:30",
            "2026-11-01T05:30:00Z, America/New_York, 2026-11-01T01:30"})
    void graphsOriginalStartMapsToTheKeyAndBack(String graph, String zone, String key) {
        Instant instant = Instant.parse(graph);
        assertEquals(LocalDateTime.parse(key), Occurrences.originalStartOf(instant, ZoneId.of(zone)));
        assertEquals(instant, Occurrences.instantOf(LocalDateTime.parse(key), ZoneId.of(zone)));
    }

    @Test
    void theKeyOfAnOccurrenceInTheSpringGapIsItsMovedTime() {
        LocalDateTime first = LocalDateTime.parse("2026-03-28T01:30");
        Recurrence r = Specs.recurrence("daily 1", "noEnd", first);
        assertFalse(Occurrences.isOccurrence(r, first, LONDON, LocalDateTime.parse("2026-03-29T01:30")));
        assertTrue(Occurrences.isOccurrence(r, first, LONDON, LocalDateTime.parse("2026-03-29T02:30")));
        List<Occurrence> moved = Occurrences.expand(r, first, Duration.ofHours(1), LONDON,
                Specs.exceptions("cancel 2026-03-29T02:30"), LocalDate.parse("2026-03-29"),
                LocalDate.parse("2026-03-29"));
        assertEquals(List.of(), moved);
    }

    @Test
    void refusesWhatHasNoDates() {
        LocalDateTime first = LocalDateTime.parse("2026-01-05T09:00");
        LocalDate day = first.toLocalDate();
        var e = assertThrows(IllegalArgumentException.class, () -> Occurrences.expand(
                Specs.recurrence("weekly 1 sunday", "noEnd", first), first, Duration.ZERO, LONDON, null, day, day));
        assertTrue(e.getMessage().contains("pattern.daysOfWeek"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Occurrences.expand(
                Specs.recurrence("daily 0", "noEnd", first), first, Duration.ZERO, LONDON, null, day, day));
        assertThrows(IllegalArgumentException.class, () -> Occurrences.isOccurrence(null, first, LONDON, first));
        assertThrows(IllegalArgumentException.class, () -> Occurrences.expand(
                Specs.recurrence("daily 1", "noEnd", first), first, Duration.ofMinutes(-1), LONDON, null, day, day));
    }

    private static void assertExpansion(String pattern, String range, String firstStart, String length, ZoneId zone,
            String exceptions, String from, String to, String expected) {
        LocalDateTime first = LocalDateTime.parse(firstStart);
        Duration len = Duration.parse(length);
        List<Occurrence> actual = Occurrences.expand(Specs.recurrence(pattern, range, first), first, len, zone,
                Specs.exceptions(exceptions), LocalDate.parse(from), LocalDate.parse(to));

        List<Occurrence> wanted = new ArrayList<>();
        List<ZoneOffset> offsets = new ArrayList<>();
        if (expected != null) {
            for (String token : expected.trim().split("\\s+")) {
                String original = null;
                if (token.contains("<")) {
                    original = token.substring(token.indexOf('<') + 1);
                    token = token.substring(0, token.indexOf('<'));
                }
                ZoneOffset offset = null;
                if (token.contains("@")) {
                    offset = ZoneOffset.of(token.substring(token.indexOf('@') + 1));
                    token = token.substring(0, token.indexOf('@'));
                }
                String[] times = token.split("~");
                LocalDateTime start = LocalDateTime.parse(times[0]);
                LocalDateTime end = times.length > 1 ? LocalDateTime.parse(times[1]) : start.plus(len);
                wanted.add(new Occurrence(original == null ? start : LocalDateTime.parse(original), start, end,
                        original != null));
                offsets.add(offset);
            }
        }
        assertEquals(wanted, actual);
        for (int i = 0; i < offsets.size(); i++) {
            if (offsets.get(i) != null) {
                assertEquals(offsets.get(i), ZonedDateTime.of(actual.get(i).start(), zone).getOffset(),
                        actual.get(i).toString());
            }
        }
    }
}
