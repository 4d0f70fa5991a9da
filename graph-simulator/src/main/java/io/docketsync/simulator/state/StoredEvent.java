package io.docketsync.simulator.state;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event in one mailbox. The client-writable properties stay as JSON (Graph's own shape); what Exchange
 * computes (ids, change keys, times, meeting state) are fields. Only touched under {@link CalendarStore}'s lock.
 * An event has two ids, as in Exchange: the regular one, which changes when the item moves to another folder,
 * and the immutable one ({@code Prefer: IdType="ImmutableId"}), kept for the item's life in the mailbox.
 */
public final class StoredEvent {
    /** The regular id: a new one each time the item moves between folders. */
    public String id;
    public final String immutableId;
    public final String mailboxUserId;
    public final Instant createdDateTime;
    public final long createdSeq;
    public final String iCalUId;
    public final String transactionId;
    /** Writable properties: subject, body, start, end, location, attendees, recurrence, ... */
    public ObjectNode data;
    public ObjectNode organizer;
    public boolean isOrganizer;
    public boolean isCancelled;
    /** organizer, none, accepted, tentativelyAccepted, declined */
    public String response;
    public Instant responseTime;
    public String changeKey;
    public Instant lastModifiedDateTime;
    public long seq;
    /** lower-cased property id → [id as written, value] */
    public final Map<String, String[]> extendedProperties = new LinkedHashMap<>();

    StoredEvent(String id, String immutableId, String mailboxUserId, Instant created, long createdSeq, String iCalUId,
            String transactionId) {
        this.id = id;
        this.immutableId = immutableId;
        this.mailboxUserId = mailboxUserId;
        this.createdDateTime = created;
        this.createdSeq = createdSeq;
        this.iCalUId = iCalUId;
        this.transactionId = transactionId;
    }

    /** A copy for reading outside the store's lock (rendering must not race a concurrent change). */
    StoredEvent snapshot() {
        StoredEvent copy = new StoredEvent(id, immutableId, mailboxUserId, createdDateTime, createdSeq, iCalUId,
                transactionId);
        copy.data = data.deepCopy();
        copy.organizer = organizer == null ? null : organizer.deepCopy();
        copy.isOrganizer = isOrganizer;
        copy.isCancelled = isCancelled;
        copy.response = response;
        copy.responseTime = responseTime;
        copy.changeKey = changeKey;
        copy.lastModifiedDateTime = lastModifiedDateTime;
        copy.seq = seq;
        extendedProperties.forEach((k, v) -> copy.extendedProperties.put(k, v.clone()));
        return copy;
    }

    /** The id a request sees: the immutable one when it asked for immutable ids, else the regular one. */
    public String id(boolean immutable) {
        return immutable ? immutableId : id;
    }

    public String etag() {
        return "W/\"" + changeKey + "\"";
    }

    public boolean isAllDay() {
        return data.path("isAllDay").asBoolean(false);
    }

    public ArrayNode attendees() {
        return data.has("attendees") && data.get("attendees").isArray() ? (ArrayNode) data.get("attendees") : null;
    }

    public boolean isMeeting() {
        ArrayNode attendees = attendees();
        return attendees != null && !attendees.isEmpty();
    }

    public LocalDateTime localStart() {
        return TimeZones.parse(data.path("start").path("dateTime").asText(null));
    }

    public LocalDateTime localEnd() {
        return TimeZones.parse(data.path("end").path("dateTime").asText(null));
    }

    public ZoneId startZone() {
        return TimeZones.zone(data.path("start").path("timeZone").asText(null));
    }

    public ZoneId endZone() {
        return TimeZones.zone(data.path("end").path("timeZone").asText(null));
    }

    public Instant startInstant() {
        return localStart().atZone(startZone()).toInstant();
    }

    public Instant endInstant() {
        return localEnd().atZone(endZone()).toInstant();
    }
}
