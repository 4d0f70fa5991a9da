package io.docketsync.contracts.recurrence;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.time.DayOfWeek;
import java.util.Locale;

/**
 * {@link DayOfWeek} in Graph's spelling ({@code "monday"}). Bound on the record components that hold days, so the
 * spelling holds with any {@code ObjectMapper} (EventCodec's, or a Quarkus REST layer's), not only a configured one.
 */
final class GraphDayOfWeek {
    private GraphDayOfWeek() {
    }

    static String name(DayOfWeek day) {
        return day.name().toLowerCase(Locale.ROOT);
    }

    static final class Writer extends StdScalarSerializer<DayOfWeek> {
        Writer() {
            super(DayOfWeek.class);
        }

        @Override
        public void serialize(DayOfWeek value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(name(value));
        }
    }

    static final class Reader extends StdScalarDeserializer<DayOfWeek> {
        Reader() {
            super(DayOfWeek.class);
        }

        @Override
        public DayOfWeek deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (DayOfWeek) ctxt.handleUnexpectedToken(DayOfWeek.class, p);
            }
            String text = p.getText().trim();
            try {
                return DayOfWeek.valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return (DayOfWeek) ctxt.handleWeirdStringValue(DayOfWeek.class, text,
                        "not a day of the week (sunday ... saturday)");
            }
        }
    }
}
