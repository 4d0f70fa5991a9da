package io.docketsync.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode. The docketsync attributes are CloudEvents
 * extension attributes, which must be flat lower-case strings or numbers: that is why the origin is
 * spread over {@code originkind}, {@code originuser}, {@code originmailbox} and {@code originchangekey}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class EventEnvelope<T> {
    public static final String SPEC_VERSION = "1.0";

    @JsonProperty("specversion")
    public String specVersion = SPEC_VERSION;
    public String id;
    public String source;
    public String type;
    public String subject;
    public Instant time;
    @JsonProperty("datacontenttype")
    public String dataContentType = "application/json";
    @JsonProperty("firmid")
    public String firmId;
    @JsonProperty("schemaversion")
    public int schemaVersion = 1;
    @JsonProperty("originkind")
    public Origin.Kind originKind;
    @JsonProperty("originuser")
    public String originUser;
    @JsonProperty("originmailbox")
    public String originMailbox;
    @JsonProperty("originchangekey")
    public String originChangeKey;
    public T data;

    public EventEnvelope() {
    }

    public static <T> EventEnvelope<T> of(String source, String type, String subject, String firmId, Origin origin,
            T data) {
        EventEnvelope<T> e = new EventEnvelope<>();
        e.id = UUID.randomUUID().toString();
        e.source = Objects.requireNonNull(source, "source");
        e.type = Objects.requireNonNull(type, "type");
        e.subject = subject;
        e.time = Instant.now();
        e.firmId = firmId;
        e.setOrigin(origin == null ? Origin.system() : origin);
        e.data = data;
        return e;
    }

    @JsonIgnore
    public Origin origin() {
        return originKind == null ? null : new Origin(originKind, originUser, originMailbox, originChangeKey);
    }

    @JsonIgnore
    public void setOrigin(Origin origin) {
        originKind = origin.kind();
        originUser = origin.userId();
        originMailbox = origin.mailbox();
        originChangeKey = origin.changeKey();
    }
}
