package io.docketsync.sync.graph;

import com.microsoft.kiota.serialization.AdditionalDataHolder;
import com.microsoft.kiota.serialization.Parsable;
import com.microsoft.kiota.serialization.ParseNode;
import com.microsoft.kiota.serialization.SerializationWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One answer of a {@code $batch} response ({@code {"id","status","headers","body"}}), read with the SDK's own parse
 * nodes. The whole response is parsed once and each answer keeps its body as a parse node, so an event is turned
 * into the SDK's model straight from it. (The SDK's {@code BatchResponseContent} writes each answer back to a string
 * and parses it again, per answer.)
 */
final class BatchAnswer implements Parsable {
    private String id;
    private Integer status;
    private final Headers headers = new Headers();
    private ParseNode body;

    /** The answers of a parsed {@code $batch} response body, by request id. */
    static Map<String, BatchAnswer> byId(ParseNode response) {
        ParseNode responses = response == null ? null : response.getChildNode("responses");
        List<BatchAnswer> answers = responses == null ? List.of()
                : responses.getCollectionOfObjectValues(node -> new BatchAnswer());
        Map<String, BatchAnswer> byId = new HashMap<>();
        for (BatchAnswer answer : answers) {
            if (answer.id != null && answer.status != null) {
                byId.put(answer.id, answer);
            }
        }
        return byId;
    }

    int status() {
        return status;
    }

    /** The body as the SDK's parse node; null when the answer has none (a 204). */
    ParseNode body() {
        return body;
    }

    /** A header of the answer, whatever the case of its name; null when absent. */
    String header(String name) {
        for (Map.Entry<String, Object> h : headers.additionalData.entrySet()) {
            if (h.getKey().equalsIgnoreCase(name) && h.getValue() != null) {
                return h.getValue().toString();
            }
        }
        return null;
    }

    /** Graph's {@code error.code} and {@code error.message} of a failed answer, each null when absent. */
    String errorCode() {
        return errorField("code");
    }

    String errorMessage() {
        return errorField("message");
    }

    private String errorField(String field) {
        ParseNode error = body == null ? null : body.getChildNode("error");
        ParseNode value = error == null ? null : error.getChildNode(field);
        return value == null ? null : value.getStringValue();
    }

    @Override
    public Map<String, Consumer<ParseNode>> getFieldDeserializers() {
        return Map.of(
                "id", n -> id = n.getStringValue(),
                "status", n -> status = n.getIntegerValue(),
                "headers", n -> n.getObjectValue(node -> headers),
                "body", n -> body = n);
    }

    @Override
    public void serialize(SerializationWriter writer) {
        throw new UnsupportedOperationException("a $batch answer is only read");
    }

    /** The answer's headers: names vary, so they are kept as the additional data the parse node fills in. */
    private static final class Headers implements Parsable, AdditionalDataHolder {
        private final Map<String, Object> additionalData = new HashMap<>();

        @Override
        public Map<String, Object> getAdditionalData() {
            return additionalData;
        }

        @Override
        public Map<String, Consumer<ParseNode>> getFieldDeserializers() {
            return Map.of();
        }

        @Override
        public void serialize(SerializationWriter writer) {
            throw new UnsupportedOperationException("a $batch answer is only read");
        }
    }
}
