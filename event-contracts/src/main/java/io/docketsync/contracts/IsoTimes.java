package io.docketsync.contracts;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The ISO-8601 times every event carries ({@code 2026-12-02T09:30:00Z}, {@code 2026-12-02T09:30:00}), written and
 * read by hand. {@code DateTimeFormatter} is general and costly: in a profile at 100 changes a second, formatting and
 * parsing the envelopes' times took about 3 % of a service's CPU. Output is exactly {@code ISO_INSTANT} and
 * {@code ISO_LOCAL_DATE_TIME}'s; parsing takes their common shape and answers null for anything else (an offset, a
 * year past 9999, a leap second), which the caller then hands to the standard parser. Plain Java, no I/O.
 */
public final class IsoTimes {
    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years written with four digits and no sign. */
    private static final long YEAR_0 = -62_167_219_200L;
    private static final long YEAR_9999_ENDS = 253_402_300_799L;

    private IsoTimes() {
    }

    /** As {@code DateTimeFormatter.ISO_INSTANT.format(instant)}. */
    public static String format(Instant instant) {
        long second = instant.getEpochSecond();
        if (second < YEAR_0 || second > YEAR_9999_ENDS) {
            return instant.toString(); // a signed year of more digits (and beyond LocalDateTime, for Instant.MAX)
        }
        LocalDateTime utc = LocalDateTime.ofEpochSecond(second, instant.getNano(), ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(30);
        appendDateTime(out, utc);
        int nano = utc.getNano();
        if (nano > 0) { // ISO_INSTANT: the fraction in groups of three digits
            out.append('.');
            if (nano % 1_000_000 == 0) {
                pad(out, nano / 1_000_000, 3);
            } else if (nano % 1000 == 0) {
                pad(out, nano / 1000, 6);
            } else {
                pad(out, nano, 9);
            }
        }
        return out.append('Z').toString();
    }

    /** As {@code DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(time)}. */
    public static String format(LocalDateTime time) {
        if (time.getYear() < 0 || time.getYear() > 9999) {
            return java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(time);
        }
        StringBuilder out = new StringBuilder(29);
        appendDateTime(out, time);
        int nano = time.getNano();
        if (nano > 0) { // ISO_LOCAL_DATE_TIME: as few fraction digits as the value needs
            int digits = 9;
            while (nano % 10 == 0) {
                nano /= 10;
                digits--;
            }
            out.append('.');
            pad(out, nano, digits);
        }
        return out.toString();
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f…]Z} as an instant; null for any other text (or an impossible date). */
    public static Instant parseInstant(String text) {
        int n = text.length();
        if (n < 20 || text.charAt(n - 1) != 'Z') { // ISO_INSTANT wants the seconds
            return null;
        }
        LocalDateTime utc = parse(text, n - 1);
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }

    /** {@code yyyy-MM-ddTHH:mm[:ss[.f…]]} as a local date-time; null for any other text (or an impossible date). */
    public static LocalDateTime parseLocalDateTime(String text) {
        return parse(text, text.length());
    }

    private static LocalDateTime parse(String s, int end) {
        if (end < 16 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = 0;
        int nano = 0;
        if (end > 16) {
            if (end < 19 || s.charAt(16) != ':') {
                return null;
            }
            second = digits(s, 17, 2);
            if (end > 19) {
                int fraction = end - 20;
                if (s.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                    return null;
                }
                nano = digits(s, 20, fraction);
                for (int i = fraction; i < 9 && nano >= 0; i++) {
                    nano *= 10;
                }
            }
        }
        if ((year | month | day | hour | minute | second | nano) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nano);
        } catch (DateTimeException impossible) {
            return null; // the standard parser gives the caller its usual error
        }
    }

    /** The number written with {@code count} ASCII digits at {@code from}; -1 when any is not a digit. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static void appendDateTime(StringBuilder out, LocalDateTime t) {
        pad(out, t.getYear(), 4);
        out.append('-');
        pad(out, t.getMonthValue(), 2);
        out.append('-');
        pad(out, t.getDayOfMonth(), 2);
        out.append('T');
        pad(out, t.getHour(), 2);
        out.append(':');
        pad(out, t.getMinute(), 2);
        out.append(':');
        pad(out, t.getSecond(), 2);
    }

    private static void pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        out.append(digits);
    }
}
