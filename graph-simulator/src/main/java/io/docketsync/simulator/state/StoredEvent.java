package io.docketsync.simulator.state;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    // --- a series master (data has a recurrence) ---
    /** Occurrences that differ from the pattern (exceptions, deleted or cancelled ones), by original start. */
    public final TreeMap<Instant, Override> overrides = new TreeMap<>();
    /** The change position of the last change every occurrence shows (the master created or edited). */
    public long seriesSeq;
    /** Earlier shapes of the series (before a pattern or time edit), kept so delta can report what left. */
    public final List<Retired> retired = new ArrayList<>();

    // --- an occurrence or exception, made by Series for reading (never stored) ---
    /** occurrence or exception; null: singleInstance or seriesMaster, from the data */
    public String type;
    public String seriesMasterId;
    public String seriesMasterImmutableId;
    public Instant originalStart;
    /** The series' iCalendar UID (every occurrence's iCalUId differs, its uid is the master's). */
    public String uid;

    /** A shape of the series that was replaced, at change position {@code seq}. */
    public record Retired(long seq, StoredEvent snapshot) {
    }

    /**
     * What one occurrence has of its own: properties changed on it (an exception), its removal from the
     * calendar (deleted: no longer listed, as Graph's cancelled occurrences), a meeting occurrence cancelled by
     * the organizer (still listed, isCancelled), an attendee's answer for it alone.
     */
    public static final class Override {
        public ObjectNode data;
        public boolean exception;
        public boolean deleted;
        public boolean isCancelled;
        public String response;
        public Instant responseTime;
        public String changeKey;
        public Instant lastModifiedDateTime;
        public long seq;

        Override copy() {
            Override o = new Override();
            o.data = data == null ? null : data.deepCopy();
            o.exception = exception;
            o.deleted = deleted;
            o.isCancelled = isCancelled;
            o.response = response;
            o.responseTime = responseTime;
            o.changeKey = changeKey;
            o.lastModifiedDateTime = lastModifiedDateTime;
            o.seq = seq;
            return o;
        }
    }

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
        overrides.forEach((k, v) -> copy.overrides.put(k, v.copy()));
        copy.seriesSeq = seriesSeq;
        copy.retired.addAll(retired);
        copy.type = type;
        copy.seriesMasterId = seriesMasterId;
        copy.seriesMasterImmutableId = seriesMasterImmutableId;
        copy.originalStart = originalStart;
        copy.uid = uid;
        return copy;
    }

    /** The id a request sees: the immutable one when it asked for immutable ids, else the regular one. */
    public String id(boolean immutable) {
        return immutable ? immutableId : id;
    }

    public String etag() {
        return "W/\"" + changeKey + "\"";
    }

    /** A series master: a stored event with a recurrence. */
    public boolean isSeriesMaster() {
        return type == null && data.path("recurrence").isObject();
    }

    /** singleInstance, seriesMaster, occurrence or exception. */
    public String eventType() {
        return type != null ? type : isSeriesMaster() ? "seriesMaster" : "singleInstance";
    }

    /** The series master's id as the request sees it (regular or immutable); null for other events. */
    public String seriesMasterId(boolean immutable) {
        return immutable ? seriesMasterImmutableId : seriesMasterId;
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
