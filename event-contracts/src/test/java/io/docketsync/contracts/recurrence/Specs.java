package io.docketsync.contracts.recurrence;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The short notation the table tests write series in ({@code -} is an absent value):
 * <pre>
 * pattern     daily INTERVAL
 *             weekly INTERVAL FIRSTDAYOFWEEK DAY,DAY       (days may be absent: "weekly 1 sunday")
 *             absoluteMonthly INTERVAL DAYOFMONTH
 *             relativeMonthly INTERVAL INDEX DAY,DAY
 *             absoluteYearly INTERVAL MONTH DAYOFMONTH
 *             relativeYearly INTERVAL MONTH INDEX DAY,DAY
 * range       noEnd | endDate DATE | numbered N, then optionally start=DATE (default: the first start's date)
 *             and tz=ZONE ('~' for a space)
 * exceptions  cancel ORIGINAL; move ORIGINAL START [END]; edit ORIGINAL (subject only) — separated by ';'
 * </pre>
 */
final class Specs {
    private Specs() {
    }

    static Recurrence recurrence(String pattern, String range, LocalDateTime firstStart) {
        return new Recurrence(pattern(pattern), range(range, firstStart.toLocalDate()));
    }

    static Pattern pattern(String spec) {
        String[] w = spec.trim().split("\\s+");
        PatternType type = switch (w[0]) {
            case "daily" -> PatternType.DAILY;
            case "weekly" -> PatternType.WEEKLY;
            case "absoluteMonthly" -> PatternType.ABSOLUTE_MONTHLY;
            case "relativeMonthly" -> PatternType.RELATIVE_MONTHLY;
            case "absoluteYearly" -> PatternType.ABSOLUTE_YEARLY;
            case "relativeYearly" -> PatternType.RELATIVE_YEARLY;
            case "-" -> null;
            default -> throw new IllegalArgumentException(w[0]);
        };
        int interval = Integer.parseInt(w[1]);
        if (type == null) {
            return new Pattern(null, interval, null, null, List.of(), null, null);
        }
        return switch (type) {
            case DAILY -> new Pattern(type, interval, null, null, List.of(), null, null);
            case WEEKLY -> new Pattern(type, interval, null, null, days(at(w, 3)), day(at(w, 2)), null);
            case ABSOLUTE_MONTHLY -> new Pattern(type, interval, null, integer(at(w, 2)), List.of(), null, null);
            case RELATIVE_MONTHLY -> new Pattern(type, interval, null, null, days(at(w, 3)), null, index(at(w, 2)));
            case ABSOLUTE_YEARLY -> new Pattern(type, interval, integer(at(w, 2)), integer(at(w, 3)), List.of(), null,
                    null);
            case RELATIVE_YEARLY -> new Pattern(type, interval, integer(at(w, 2)), null, days(at(w, 4)), null,
                    index(at(w, 3)));
        };
    }

    static Range range(String spec, LocalDate firstDate) {
        List<String> w = new ArrayList<>(Arrays.asList(spec.trim().split("\\s+")));
        LocalDate start = firstDate;
        String zone = null;
        for (var it = w.iterator(); it.hasNext();) {
            String word = it.next();
            if (word.startsWith("start=")) {
                start = date(word.substring(6));
                it.remove();
            } else if (word.startsWith("tz=")) {
                zone = word.substring(3).replace('~', ' ');
                it.remove();
            }
        }
        return switch (w.get(0)) {
            case "noEnd" -> new Range(RangeType.NO_END, start, null, null, zone);
            case "endDate" -> new Range(RangeType.END_DATE, start, date(w.get(1)), null, zone);
            case "numbered" -> new Range(RangeType.NUMBERED, start, null, integer(w.get(1)), zone);
            case "-" -> new Range(null, start, null, null, zone);
            default -> throw new IllegalArgumentException(spec);
        };
    }

    static List<RecurrenceException> exceptions(String spec) {
        List<RecurrenceException> list = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return list;
        }
        for (String one : spec.split(";")) {
            String[] w = one.trim().split("\\s+");
            LocalDateTime original = time(w[1]);
            list.add(switch (w[0]) {
                case "cancel" -> RecurrenceException.cancelled(original);
                case "move" -> RecurrenceException.moved(original, time(at(w, 2)), time(at(w, 3)));
                case "edit" -> new RecurrenceException(original, false, "Edited on its own", null, null, null, null);
                default -> throw new IllegalArgumentException(one);
            });
        }
        return list;
    }

    static LocalDateTime time(String s) {
        return s == null || s.equals("-") ? null : LocalDateTime.parse(s);
    }

    static LocalDate date(String s) {
        return s == null || s.equals("-") ? null : LocalDate.parse(s);
    }

    private static String at(String[] w, int i) {
        return i < w.length ? w[i] : null;
    }

    private static Integer integer(String s) {
        return s == null || s.equals("-") ? null : Integer.valueOf(s);
    }

    private static DayOfWeek day(String s) {
        return s == null || s.equals("-") ? null : DayOfWeek.valueOf(s.toUpperCase(Locale.ROOT));
    }

    private static List<DayOfWeek> days(String s) {
        return s == null || s.equals("-") ? List.of() : Arrays.stream(s.split(",")).map(Specs::day).toList();
    }

    private static WeekIndex index(String s) {
        return s == null || s.equals("-") ? null : WeekIndex.valueOf(s.toUpperCase(Locale.ROOT));
    }
}
