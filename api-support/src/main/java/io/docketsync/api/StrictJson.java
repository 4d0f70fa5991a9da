package io.docketsync.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads request bodies strictly (unknown fields, wrong types, numbers for enums and malformed JSON are all
 * refused) and turns every failure into a 400 problem naming the field, so bad input never becomes a 500.
 * Text holding a NUL character (U+0000) is refused too, wherever it is: PostgreSQL cannot store it.
 */
public final class StrictJson {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // a number or a boolean where text belongs is a wrong type, not text
            .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private StrictJson() {
    }

    public static <T> T read(String body, Class<T> type) {
        return convert(tree(body), type);
    }

    /** The body as a JSON object. */
    public static JsonNode tree(String body) {
        if (body == null || body.isBlank()) {
            throw ProblemException.badRequest("", "a JSON object is required as the request body");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw problem(e);
        }
        if (node == null || !node.isObject()) {
            throw ProblemException.badRequest("", "the request body must be a JSON object");
        }
        List<Violation> nul = new ArrayList<>();
        findNul(node, "", nul);
        ProblemException.requireValid(nul);
        return node;
    }

    public static <T> T convert(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw e instanceof JsonProcessingException j ? problem(j)
                    : ProblemException.badRequest("", String.valueOf(e.getMessage()));
        }
    }

    public static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    public static ProblemException problem(JsonProcessingException e) {
        if (e instanceof StreamReadException && !(e instanceof MismatchedInputException)) {
            var at = e.getLocation();
            return ProblemException.badRequest("", "malformed JSON" + (at == null ? "" : " at line " + at.getLineNr()
                    + ", column " + at.getColumnNr()) + ": " + e.getOriginalMessage());
        }
        String field = e instanceof JsonMappingException m ? path(m) : "";
        if (e instanceof UnrecognizedPropertyException u) {
            return ProblemException.badRequest(field, "unknown field '" + u.getPropertyName() + "'");
        }
        if (e instanceof InvalidFormatException f) {
            return ProblemException.badRequest(field, "'" + f.getValue() + "' is not " + expected(f.getTargetType()));
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return ProblemException.badRequest(field, "wrong type: expected " + expected(m.getTargetType()));
        }
        return ProblemException.badRequest(field, e.getOriginalMessage());
    }

    /** Every text value (and field name) holding U+0000, named by its path as {@link #path} names fields. */
    static void findNul(JsonNode node, String at, List<Violation> found) {
        if (node.isTextual() && TextRules.hasNul(node.textValue())) {
            found.add(new Violation(at, TextRules.NUL_MESSAGE));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                findNul(node.get(i), at + "[" + i + "]", found);
            }
        } else if (node.isObject()) {
            var fields = node.fields();
            while (fields.hasNext()) {
                var f = fields.next();
                String name = at.isEmpty() ? f.getKey() : at + "." + f.getKey();
                if (TextRules.hasNul(f.getKey())) {
                    found.add(new Violation(TextRules.visible(name), "a field name " + TextRules.NUL_MESSAGE));
                } else {
                    findNul(f.getValue(), name, found);
                }
            }
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        return switch (type.getSimpleName()) {
            case "LocalDateTime" -> "a date-time such as 2026-12-01T09:00:00 (wall clock, no offset)";
            case "LocalDate" -> "a date such as 2026-12-01";
            case "LocalTime" -> "a time such as 14:30:00";
            case "Boolean", "boolean" -> "true or false";
            case "Integer", "int", "Long", "long" -> "a whole number";
            case "String" -> "a string";
            case "List", "ArrayList" -> "an array";
            default -> "a " + type.getSimpleName();
        };
    }
}
