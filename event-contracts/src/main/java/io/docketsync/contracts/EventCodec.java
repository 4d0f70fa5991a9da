package io.docketsync.contracts;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateTimeDeserializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;

/** Reads and writes envelopes. Unknown fields are ignored so that additive payload changes never
 * break an older consumer. */
public final class EventCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(isoTimes()) // registered later, so it takes precedence for these two types
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * Instants and local date-times written and read by {@link IsoTimes} (same text, a fraction of the CPU); what it
     * does not read (an offset, a number) goes to JavaTimeModule's deserializers as before.
     */
    private static SimpleModule isoTimes() {
        SimpleModule module = new SimpleModule("docketsync-iso-times");
        module.addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(IsoTimes.format(value));
            }
        });
        module.addSerializer(LocalDateTime.class, new StdSerializer<>(LocalDateTime.class) {
            @Override
            public void serialize(LocalDateTime value, JsonGenerator gen, SerializerProvider provider)
                    throws IOException {
                gen.writeString(IsoTimes.format(value));
            }
        });
        module.addDeserializer(Instant.class, new StdScalarDeserializer<>(Instant.class) {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                Instant fast = p.hasToken(JsonToken.VALUE_STRING) ? IsoTimes.parseInstant(p.getText()) : null;
                return fast != null ? fast : InstantDeserializer.INSTANT.deserialize(p, ctxt);
            }
        });
        module.addDeserializer(LocalDateTime.class, new StdScalarDeserializer<>(LocalDateTime.class) {
            @Override
            public LocalDateTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                LocalDateTime fast = p.hasToken(JsonToken.VALUE_STRING) ? IsoTimes.parseLocalDateTime(p.getText())
                        : null;
                return fast != null ? fast : LocalDateTimeDeserializer.INSTANCE.deserialize(p, ctxt);
            }
        });
        return module;
    }

    private EventCodec() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * The envelope's {@code type}, read up to that field only (it comes fourth): a consumer of a topic with several
     * kinds of event learns which one it holds without reading the whole event twice.
     */
    public static String typeOf(String json) {
        try (JsonParser p = MAPPER.getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedEventException("not a JSON object", null);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("type".equals(field)) {
                    return value == JsonToken.VALUE_STRING ? p.getText() : null;
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException e) {
            throw new MalformedEventException("not a JSON event: " + e.getMessage(), e);
        }
    }

    public static <T> EventEnvelope<T> fromJson(String json, Class<T> dataType) {
        JavaType type = MAPPER.getTypeFactory().constructParametricType(EventEnvelope.class, dataType);
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not a " + dataType.getSimpleName() + " event: " + e.getOriginalMessage(), e);
        }
    }

    /** An event that cannot be read: it goes to the topic's DLQ with this message as the reason. */
    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
