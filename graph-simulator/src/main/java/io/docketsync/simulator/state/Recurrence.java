package io.docketsync.simulator.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docketsync.simulator.api.GraphException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A patternedRecurrence (graph/api/resources/patternedrecurrence, recurrencepattern, recurrencerange): validated
 * and written in Graph's read shape ({@link #normalize}), and expanded into occurrence dates ({@link #dates}).
 *
 * <p>Expansion follows Exchange's recurrence model (MS-OXOCAL PidLidAppointmentRecur): the first occurrence is the
 * first date on or after the range's startDate that fits the pattern; the interval counts days, weeks, months or
 * years from that first occurrence; a numbered range counts occurrences (deleted ones included). Like Outlook and
 * CDO, a day of month past the month's end falls on the month's last day (dayOfMonth 31 is "the last day" of every
 * month, 29 February falls on 28 February in common years); relativeMonthly/relativeYearly with several daysOfWeek
 * pick the index-th day of the month that is one of them (first, ..., last), as MS-OXOCAL's MonthNth does.
 */
public final class Recurrence {
    static final List<String> PATTERN_TYPES = List.of("daily", "weekly", "absoluteMonthly", "relativeMonthly",
            "absoluteYearly", "relativeYearly");
    static final List<String> RANGE_TYPES = List.of("endDate", "noEnd", "numbered");
    static final List<String> INDEXES = List.of("first", "second", "third", "fourth", "last");
    private static final Map<String, DayOfWeek> DAYS = Map.of("sunday", DayOfWeek.SUNDAY, "monday", DayOfWeek.MONDAY,
            "tuesday", DayOfWeek.TUESDAY, "wednesday", DayOfWeek.WEDNESDAY, "thursday", DayOfWeek.THURSDAY,
            "friday", DayOfWeek.FRIDAY, "saturday", DayOfWeek.SATURDAY);
    private static final Set<String> PATTERN_FIELDS = Set.of("type", "interval", "month", "dayOfMonth", "daysOfWeek",
            "firstDayOfWeek", "index");
    private static final Set<String> RANGE_FIELDS = Set.of("type", "startDate", "endDate", "recurrenceTimeZone",
            "numberOfOccurrences");
    /** The most candidate dates one expansion looks at (a daily series over ~270 years): a bound, not a Graph rule. */
    private static final int MAX_STEPS = 100_000;
    /** Exchange's answer for a series that ends after this date (ErrorRecurrenceEndDateTooBig). */
    private static final LocalDate MAX_END = LocalDate.of(4500, 9, 1);

    final String type;
    final int interval;
    final int month;
    final int dayOfMonth;
    final Set<DayOfWeek> daysOfWeek;
    final DayOfWeek firstDayOfWeek;
    final String index;
    final String rangeType;
    final LocalDate startDate;
    final LocalDate endDate;
    final int numberOfOccurrences;
    final String recurrenceTimeZone;

    private Recurrence(ObjectNode normalized) {
        JsonNode p = normalized.get("pattern");
        JsonNode r = normalized.get("range");
        type = p.get("type").asText();
        interval = p.get("interval").asInt();
        month = p.get("month").asInt();
        dayOfMonth = p.get("dayOfMonth").asInt();
        daysOfWeek = EnumSet.noneOf(DayOfWeek.class);
        p.get("daysOfWeek").forEach(d -> daysOfWeek.add(DAYS.get(d.asText())));
        firstDayOfWeek = DAYS.get(p.get("firstDayOfWeek").asText());
        index = p.get("index").asText();
        rangeType = r.get("type").asText();
        startDate = LocalDate.parse(r.get("startDate").asText());
        endDate = LocalDate.parse(r.get("endDate").asText());
        numberOfOccurrences = r.get("numberOfOccurrences").asInt();
        recurrenceTimeZone = r.get("recurrenceTimeZone").asText();
    }

    /** A recurrence already in Graph's read shape (as {@link #normalize} wrote it). */
    public static Recurrence of(JsonNode normalized) {
        return new Recurrence((ObjectNode) normalized);
    }

    /**
     * Checks a written recurrence and answers it as Graph reads it back: every pattern and range property present
     * (month 0, dayOfMonth 0, daysOfWeek [], firstDayOfWeek sunday, index first, endDate 0001-01-01,
     * numberOfOccurrences 0 where they do not apply), enum values in lower camel case, recurrenceTimeZone the
     * event's start zone when none was written. A value outside an enum's set is refused as OData refuses it
     * (RequestBodyRead); a pattern or range missing what its type requires, or out of range, is refused
     * ErrorPropertyValidationFailure; one that yields no occurrence, ErrorRecurrenceHasNoOccurrence.
     */
    public static ObjectNode normalize(JsonNode written, String startTimeZone) {
        if (written == null || !written.isObject()) {
            throw invalid("recurrence must be a patternedRecurrence object.");
        }
        JsonNode pattern = written.get("pattern");
        JsonNode range = written.get("range");
        if (pattern == null || !pattern.isObject()) {
            throw invalid("The recurrence pattern is required.");
        }
        if (range == null || !range.isObject()) {
            throw invalid("The recurrence range is required.");
        }
        unknownFields(pattern, PATTERN_FIELDS, "recurrencePattern");
        unknownFields(range, RANGE_FIELDS, "recurrenceRange");
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode out = f.objectNode();
        ObjectNode p = out.putObject("pattern");
        String type = enumValue(pattern.get("type"), PATTERN_TYPES, "recurrencePatternType");
        if (type == null) {
            throw invalid("The recurrence pattern's type is required.");
        }
        p.put("type", type);
        Integer interval = integer(pattern.get("interval"), "interval");
        if (interval == null || interval < 1 || interval > 999) {
            throw invalid("The recurrence pattern's interval must be a positive number (1 to 999).");
        }
        p.put("interval", interval);
        Integer month = integer(pattern.get("month"), "month");
        Integer dayOfMonth = integer(pattern.get("dayOfMonth"), "dayOfMonth");
        ArrayNode days = f.arrayNode();
        JsonNode writtenDays = pattern.get("daysOfWeek");
        if (writtenDays != null && !writtenDays.isNull()) {
            if (!writtenDays.isArray()) {
                throw requestBodyRead("daysOfWeek", "Collection(microsoft.graph.dayOfWeek)");
            }
            for (JsonNode d : writtenDays) {
                String day = enumValue(d, List.copyOf(DAYS.keySet()), "dayOfWeek");
                if (day != null && !contains(days, day)) {
                    days.add(day);
                }
            }
        }
        String firstDayOfWeek = enumValue(pattern.get("firstDayOfWeek"), List.copyOf(DAYS.keySet()), "dayOfWeek");
        String index = enumValue(pattern.get("index"), INDEXES, "weekIndex");
        boolean yearly = type.endsWith("Yearly");
        boolean relative = type.startsWith("relative");
        boolean absolute = type.startsWith("absolute");
        if ((type.equals("weekly") || relative) && days.isEmpty()) {
            throw invalid("daysOfWeek is required for a " + type + " recurrence pattern.");
        }
        if (absolute && (dayOfMonth == null || dayOfMonth < 1 || dayOfMonth > 31)) {
            throw invalid("dayOfMonth must be between 1 and 31 for a " + type + " recurrence pattern.");
        }
        if (yearly && (month == null || month < 1 || month > 12)) {
            throw invalid("month must be between 1 and 12 for a " + type + " recurrence pattern.");
        }
        if (type.equals("absoluteYearly") && dayOfMonth > java.time.Month.of(month).maxLength()) {
            throw invalid("dayOfMonth " + dayOfMonth + " is past the last day of month " + month + ".");
        }
        if (!yearly && month != null && (month < 0 || month > 12)) {
            throw invalid("month must be between 1 and 12.");
        }
        if (!absolute && dayOfMonth != null && (dayOfMonth < 0 || dayOfMonth > 31)) {
            throw invalid("dayOfMonth must be between 1 and 31.");
        }
        // Graph answers every pattern property, as written (validated) or its default
        p.put("month", month == null ? 0 : month);
        p.put("dayOfMonth", dayOfMonth == null ? 0 : dayOfMonth);
        p.set("daysOfWeek", days);
        p.put("firstDayOfWeek", firstDayOfWeek == null ? "sunday" : firstDayOfWeek);
        p.put("index", index == null ? "first" : index);

        ObjectNode r = out.putObject("range");
        String rangeType = enumValue(range.get("type"), RANGE_TYPES, "recurrenceRangeType");
        if (rangeType == null) {
            throw invalid("The recurrence range's type is required.");
        }
        r.put("type", rangeType);
        LocalDate startDate = date(range.get("startDate"), "startDate");
        if (startDate == null) {
            throw invalid("The recurrence range's startDate is required.");
        }
        r.put("startDate", startDate.toString());
        LocalDate endDate = date(range.get("endDate"), "endDate");
        if (rangeType.equals("endDate")) {
            if (endDate == null) {
                throw invalid("The recurrence range's endDate is required when its type is endDate.");
            }
            if (endDate.isBefore(startDate)) {
                throw invalid("The recurrence range's endDate must not be before its startDate.");
            }
            if (endDate.isAfter(MAX_END)) {
                throw new GraphException(400, "ErrorRecurrenceEndDateTooBig",
                        "Recurrence end date can not exceed Sep 1, 4500 00:00:00.");
            }
        }
        r.put("endDate", rangeType.equals("endDate") ? endDate.toString() : "0001-01-01");
        String zone = range.path("recurrenceTimeZone").isTextual() && !range.get("recurrenceTimeZone").asText().isBlank()
                ? range.get("recurrenceTimeZone").asText() : startTimeZone == null ? "UTC" : startTimeZone;
        TimeZones.zone(zone); // an unknown zone is refused as for start and end
        r.put("recurrenceTimeZone", zone);
        Integer count = integer(range.get("numberOfOccurrences"), "numberOfOccurrences");
        if (rangeType.equals("numbered") && (count == null || count < 1 || count > 999)) {
            throw invalid("numberOfOccurrences must be a positive number (1 to 999) when the range's type is numbered.");
        }
        r.put("numberOfOccurrences", rangeType.equals("numbered") ? count : 0);
        if (!of(out).hasOccurrence()) {
            throw new GraphException(400, "ErrorRecurrenceHasNoOccurrence",
                    "The recurrence pattern and range of this series have no occurrence.");
        }
        return out;
    }

    /** Whether the pattern and range yield at least one occurrence. */
    boolean hasOccurrence() {
        LocalDate first = firstOccurrence();
        return first != null && (!rangeType.equals("endDate") || !first.isAfter(endDate));
    }

    /** The first occurrence's date (the pattern's first fit on or after startDate); null if none. */
    public LocalDate firstDate() {
        LocalDate first = firstOccurrence();
        return first == null || rangeType.equals("endDate") && first.isAfter(endDate) ? null : first;
    }

    /** The zone the series is laid out in: the range's recurrenceTimeZone. */
    public String zone() {
        return recurrenceTimeZone;
    }

    public String rangeType() {
        return rangeType;
    }

    /**
     * Occurrence dates in order, from the first up to {@code until} (inclusive) or the range's end, whichever comes
     * first; at most a bounded number of steps for a series without end.
     */
    public List<LocalDate> dates(LocalDate until) {
        List<LocalDate> out = new ArrayList<>();
        LocalDate last = rangeType.equals("endDate") ? endDate : until;
        if (until.isBefore(last)) {
            last = until;
        }
        int limit = rangeType.equals("numbered") ? numberOfOccurrences : Integer.MAX_VALUE;
        LocalDate first = firstOccurrence();
        if (first == null) {
            return out;
        }
        int steps = 0;
        switch (type) {
            case "daily" -> {
                for (LocalDate d = first; !d.isAfter(last) && out.size() < limit && steps++ < MAX_STEPS;
                        d = d.plusDays(interval)) {
                    out.add(d);
                }
            }
            case "weekly" -> {
                LocalDate week = first.with(TemporalAdjusters.previousOrSame(firstDayOfWeek));
                while (!week.isAfter(last) && out.size() < limit && steps++ < MAX_STEPS) {
                    for (int i = 0; i < 7 && out.size() < limit; i++) {
                        LocalDate d = week.plusDays(i);
                        if (daysOfWeek.contains(d.getDayOfWeek()) && !d.isBefore(first) && !d.isAfter(last)) {
                            out.add(d);
                        }
                    }
                    week = week.plusWeeks(interval);
                }
            }
            default -> {
                boolean yearly = type.endsWith("Yearly");
                LocalDate period = first.withDayOfMonth(1);
                while (!period.isAfter(last) && out.size() < limit && steps++ < MAX_STEPS) {
                    LocalDate d = inPeriod(period);
                    if (d != null && !d.isBefore(first) && !d.isAfter(last)) {
                        out.add(d);
                    }
                    period = yearly ? period.plusYears(interval) : period.plusMonths(interval);
                }
            }
        }
        return out;
    }

    /** Whether {@code date} is one of the series' occurrence dates. */
    public boolean occursOn(LocalDate date) {
        if (date.isBefore(startDate)) {
            return false;
        }
        List<LocalDate> dates = dates(date);
        return !dates.isEmpty() && dates.get(dates.size() - 1).equals(date);
    }

    /** The first date on or after startDate that fits the pattern, ignoring the interval; null if none. */
    private LocalDate firstOccurrence() {
        switch (type) {
            case "daily" -> {
                return startDate;
            }
            case "weekly" -> {
                for (int i = 0; i < 7; i++) {
                    if (daysOfWeek.contains(startDate.plusDays(i).getDayOfWeek())) {
                        return startDate.plusDays(i);
                    }
                }
                return null;
            }
            default -> {
                boolean yearly = type.endsWith("Yearly");
                LocalDate period = yearly ? LocalDate.of(startDate.getYear(), month, 1) : startDate.withDayOfMonth(1);
                for (int i = 0; i < 3; i++) {
                    LocalDate d = inPeriod(period);
                    if (d != null && !d.isBefore(startDate)) {
                        return d;
                    }
                    period = yearly ? period.plusYears(1) : period.plusMonths(1);
                }
                return null;
            }
        }
    }

    /** The occurrence in the month starting at {@code monthStart} (for yearly: in the pattern's month of that year). */
    private LocalDate inPeriod(LocalDate monthStart) {
        LocalDate m = type.endsWith("Yearly") ? LocalDate.of(monthStart.getYear(), month, 1) : monthStart;
        if (type.startsWith("absolute")) {
            return m.withDayOfMonth(Math.min(dayOfMonth, m.lengthOfMonth()));
        }
        List<LocalDate> candidates = new ArrayList<>();
        for (LocalDate d = m; d.getMonth() == m.getMonth(); d = d.plusDays(1)) {
            if (daysOfWeek.contains(d.getDayOfWeek())) {
                candidates.add(d);
            }
        }
        if (candidates.isEmpty()) {
            return null;
        }
        int n = INDEXES.indexOf(index);
        return n == 4 ? candidates.get(candidates.size() - 1) : n < candidates.size() ? candidates.get(n) : null;
    }

    private static boolean contains(ArrayNode array, String value) {
        for (JsonNode n : array) {
            if (n.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static void unknownFields(JsonNode node, Set<String> known, String typeName) {
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name) && !name.startsWith("@")) {
                throw new GraphException(400, "RequestBodyRead", "The property '" + name + "' does not exist on type "
                        + "'microsoft.graph." + typeName + "'. Make sure to only use property names that are defined "
                        + "by the type or mark the type as open type.");
            }
        });
    }

    /** An enum member, matched case-insensitively as Graph does, answered in Graph's spelling; null if absent. */
    private static String enumValue(JsonNode node, List<String> members, String enumType) {
        if (node == null || node.isNull()) {
            return null;
        }
        String written = node.asText("");
        for (String m : members) {
            if (m.equalsIgnoreCase(written.trim())) {
                return m;
            }
        }
        throw requestBodyRead(written, "microsoft.graph." + enumType);
    }

    private static Integer integer(JsonNode node, String name) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.asInt();
        }
        if (node.isTextual() && node.asText().matches("-?\\d{1,9}")) {
            return Integer.parseInt(node.asText());
        }
        throw requestBodyRead(node.asText(), "Edm.Int32");
    }

    private static LocalDate date(JsonNode node, String name) {
        if (node == null || node.isNull() || node.asText("").isBlank()) {
            return null;
        }
        String s = node.asText().trim();
        try {
            LocalDate d = LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
            return d.getYear() <= 1 ? null : d;
        } catch (DateTimeException e) {
            throw requestBodyRead(s, "Edm.Date");
        }
    }

    private static GraphException requestBodyRead(String literal, String type) {
        return new GraphException(400, "RequestBodyRead",
                "Cannot convert the literal '" + literal + "' to the expected type '" + type + "'.");
    }

    private static GraphException invalid(String message) {
        return new GraphException(400, "ErrorPropertyValidationFailure",
                "At least one property failed validation. " + message);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
