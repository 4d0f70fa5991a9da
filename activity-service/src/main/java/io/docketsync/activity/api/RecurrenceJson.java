package io.docketsync.activity.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docketsync.api.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words of a request's {@code recurrence}, checked before it is read: Graph's spelling ({@code "weekly"},
 * {@code "endDate"}, {@code "monday"}, {@code "last"}) is what the API takes, and a wrong word is a 400 listing
 * those words (the generic reader would list the Java constant names, which the API does not take).
 */
final class RecurrenceJson {
    static final List<String> PATTERN_TYPES = List.of("daily", "weekly", "absoluteMonthly", "relativeMonthly",
            "absoluteYearly", "relativeYearly");
    static final List<String> RANGE_TYPES = List.of("endDate", "noEnd", "numbered");
    static final List<String> INDEXES = List.of("first", "second", "third", "fourth", "last");
    static final List<String> DAYS = List.of("sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday");

    private RecurrenceJson() {
    }

    /**
     * The badly spelled words of {@code body.recurrence}, each named by its path; for a whole body (not a merge
     * patch, which may leave it out) also a pattern without interval.
     */
    static List<Violation> check(JsonNode body, boolean whole) {
        List<Violation> v = new ArrayList<>();
        JsonNode r = body == null ? null : body.get("recurrence");
        if (r == null || !r.isObject()) {
            return v;
        }
        JsonNode pattern = r.get("pattern");
        if (pattern != null && pattern.isObject()) {
            if (whole && !pattern.has("interval")) {
                v.add(new Violation("recurrence.pattern.interval", "required: 1 or more"));
            }
            word(v, "recurrence.pattern.type", pattern.get("type"), PATTERN_TYPES, false);
            word(v, "recurrence.pattern.index", pattern.get("index"), INDEXES, false);
            word(v, "recurrence.pattern.firstDayOfWeek", pattern.get("firstDayOfWeek"), DAYS, true);
            JsonNode days = pattern.get("daysOfWeek");
            if (days != null && days.isArray()) {
                for (int i = 0; i < days.size(); i++) {
                    word(v, "recurrence.pattern.daysOfWeek[" + i + "]", days.get(i), DAYS, true);
                }
            }
        }
        JsonNode range = r.get("range");
        if (range != null && range.isObject()) {
            word(v, "recurrence.range.type", range.get("type"), RANGE_TYPES, false);
        }
        return v;
    }

    /**
     * The body with each exception's absent {@code cancelled} made false (a changed occurrence need not say it is not
     * cancelled; the strict reader takes no absent primitive).
     */
    static JsonNode withDefaults(JsonNode body) {
        JsonNode exceptions = body == null ? null : body.get("exceptions");
        if (exceptions == null || !exceptions.isArray()) {
            return body;
        }
        JsonNode copy = body.deepCopy();
        for (JsonNode e : copy.get("exceptions")) {
            if (e.isObject() && !e.has("cancelled")) {
                ((ObjectNode) e).put("cancelled", false);
            }
        }
        return copy;
    }

    private static void word(List<Violation> v, String field, JsonNode value, List<String> words, boolean anyCase) {
        if (value == null || value.isNull()) {
            return;
        }
        String expected = "one of " + String.join(", ", words);
        if (!value.isTextual()) {
            v.add(new Violation(field, "wrong type: expected " + expected));
            return;
        }
        String text = anyCase ? value.textValue().trim().toLowerCase(Locale.ROOT) : value.textValue();
        if (!words.contains(text)) {
            v.add(new Violation(field, "'" + value.textValue() + "' is not " + expected));
        }
    }
}
