package io.docketsync.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoTimesTest {
    private static final List<Integer> NANOS = List.of(0, 1, 10, 100, 999, 1000, 1_000_000, 100_000_000, 120_000_000,
            123_000_000, 123_400_000, 123_456_000, 123_456_700, 123_456_789, 999_999_999, 500_000_000, 50_000);

    /** 20,000 instants over the years 0000 to 9999, a third of them with each shape of fraction. */
    private static List<Instant> instants(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Instant> instants = new java.util.ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            long second = random.nextLong(-62_167_219_200L, 253_402_300_799L);
            int nano = i % 3 == 0 ? NANOS.get(i % NANOS.size()) : random.nextInt(1_000_000_000);
            instants.add(Instant.ofEpochSecond(second, nano));
        }
        return instants;
    }

    @Test
    void writesWhatTheStandardFormattersWrite() {
        for (Instant instant : instants(19)) {
            assertEquals(DateTimeFormatter.ISO_INSTANT.format(instant), IsoTimes.format(instant));
            LocalDateTime local = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
            assertEquals(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(local), IsoTimes.format(local));
        }
    }

    @Test
    void writesTimesBeyondFourDigitYearsAsTheStandardFormattersDo() {
        for (Instant instant : List.of(Instant.MAX, Instant.MIN, Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59.5Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("0000-01-01T00:00:00Z"))) {
            assertEquals(DateTimeFormatter.ISO_INSTANT.format(instant), IsoTimes.format(instant));
        }
        for (LocalDateTime local : List.of(LocalDateTime.MAX, LocalDateTime.MIN,
                LocalDateTime.parse("+10000-01-01T00:00"), LocalDateTime.parse("-0001-12-31T23:59:59.5"))) {
            assertEquals(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(local), IsoTimes.format(local));
        }
    }

    @Test
    void readsWhatItWritesAndWhatTheStandardParsersRead() {
        for (Instant instant : instants(7)) {
            assertEquals(instant, IsoTimes.parseInstant(IsoTimes.format(instant)));
            LocalDateTime local = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
            assertEquals(local, IsoTimes.parseLocalDateTime(IsoTimes.format(local)));
        }
        for (String text : List.of("2026-12-02T09:30:00Z", "2026-12-02T09:30:00.5Z", "2026-12-02T09:30:00.05Z",
                "2026-02-28T23:59:59.123456789Z", "2024-02-29T00:00:00Z", "0000-01-01T00:00:00Z")) {
            assertEquals(Instant.parse(text), IsoTimes.parseInstant(text), text);
        }
        for (String text : List.of("2026-12-02T09:30", "2026-12-02T09:30:15", "2026-12-02T09:30:15.1",
                "2026-12-02T09:30:15.000000001")) {
            assertEquals(LocalDateTime.parse(text), IsoTimes.parseLocalDateTime(text), text);
        }
    }

    /** What it does not read is left to the standard parsers: null, never a wrong time. */
    @Test
    void leavesEveryOtherShapeToTheStandardParsers() {
        for (String text : List.of("", "Z", "2026-12-02", "2026-12-02T09:30Z", "2026-12-02T09:30:00+01:00",
                "2026-12-02T09:30:00.Z", "2026-12-02T09:30:00.1234567890Z", "2026-13-02T09:30:00Z",
                "2026-02-30T09:30:00Z", "2026-12-02T24:00:00Z", "2026-12-02T09:60:00Z", "2026-12-02t09:30:00Z",
                "2026-12-02T09:30:00z", "+12026-12-02T09:30:00Z", "2026-12-02T09:3a:00Z", "2026-12-02 09:30:00Z",
                "2026-12-02T09:30:-1Z", "2026-12-02T09:30:00.-5Z", "2026-12-02T09:30:00Z ")) {
            assertNull(IsoTimes.parseInstant(text), text);
        }
        for (String text : List.of("", "2026-12-02", "2026-12-02T09", "2026-12-02T09:30:00Z", "2026-12-02T09:30:0",
                "2026-12-02T09:30:00.", "2026-12-02T09:30:00.1234567890", "2026-02-29T09:30", "2026-12-02T9:30:00",
                "2026-12-02T09:30:00+01:00", "-2026-12-02T09:30")) {
            assertNull(IsoTimes.parseLocalDateTime(text), text);
        }
    }
}
