package io.docketsync.simulator.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docketsync.simulator.api.GraphException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Every mailbox's calendar. One lock for all of them: a meeting touches several mailboxes in one step, and a
 * simulator gains nothing from finer locking. Changes are announced (CDI event) after each step.
 */
@ApplicationScoped
public class CalendarStore {
    /** Properties a client may write on an event; others that Graph knows are read-only and ignored. */
    static final Set<String> WRITABLE = Set.of("subject", "body", "start", "end", "location", "locations", "isAllDay",
            "attendees", "recurrence", "showAs", "importance", "sensitivity", "categories", "isReminderOn",
            "reminderMinutesBeforeStart", "responseRequested", "allowNewTimeProposals", "isOnlineMeeting",
            "onlineMeetingProvider", "hideAttendees", "bodyPreview");
    static final Set<String> READ_ONLY = Set.of("id", "changeKey", "createdDateTime", "lastModifiedDateTime", "iCalUId",
            "isOrganizer", "isCancelled", "organizer", "responseStatus", "type", "seriesMasterId", "webLink",
            "hasAttachments", "originalStartTimeZone", "originalEndTimeZone", "onlineMeeting", "onlineMeetingUrl",
            "isDraft", "transactionId", "singleValueExtendedProperties", "multiValueExtendedProperties");
    /** What an organizer's change carries over to the attendees' copies. */
    private static final Set<String> MEETING_FIELDS = Set.of("subject", "body", "start", "end", "location",
            "locations", "isAllDay", "attendees", "recurrence", "importance", "sensitivity", "isOnlineMeeting");
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A regular id that left the calendar: the event was deleted, or (moved) it moved to another folder, so this
     * regular id is gone while the event lives on under a new one and the same immutable id.
     */
    public record Tombstone(String id, String immutableId, long seq, boolean moved, StoredEvent series) {
        public String id(boolean immutable) {
            return immutable ? immutableId : id;
        }
    }

    /** What a move through another folder and back did: the regular id before and after; the immutable id kept. */
    public record Moved(String previousId, String id, String immutableId) {
    }

    private static final class Mailbox {
        /** By immutable id (it never changes); {@link #byRegularId} finds them by their current regular id. */
        final Map<String, StoredEvent> events = new LinkedHashMap<>();
        final Map<String, String> byRegularId = new HashMap<>();
        final Map<String, String> transactions = new HashMap<>();
        final List<Tombstone> tombstones = new ArrayList<>();
    }

    @Inject
    ObjectMapper json;
    @Inject
    Directory directory;
    @Inject
    Event<MailboxChange> changes;

    private final Map<String, Mailbox> mailboxes = new HashMap<>();
    private final List<MailboxChange> pending = new ArrayList<>();
    private long seq;

    /** Delta tokens of a mailbox issued before this instant are expired (the admin call); owner id → instant. */
    private final Map<String, java.time.Instant> deltaTokensExpiredBefore = new HashMap<>();

    public synchronized void expireDeltaTokens(String ownerId) {
        deltaTokensExpiredBefore.put(ownerId, java.time.Instant.now());
    }

    /** Whether a delta token of the mailbox issued at {@code issued} still works, given the tokens' lifetime. */
    public synchronized boolean deltaTokenValid(String ownerId, java.time.Instant issued, java.time.Duration lifetime) {
        java.time.Instant expiredBefore = deltaTokensExpiredBefore.get(ownerId);
        return !issued.plus(lifetime).isBefore(java.time.Instant.now())
                && (expiredBefore == null || !issued.isBefore(expiredBefore));
    }

    public synchronized void clear() {
        deltaTokensExpiredBefore.clear();
        mailboxes.clear();
        pending.clear();
    }

    /** Create; a repeated transactionId answers the event it created first. */
    public StoredEvent create(Directory.User owner, ObjectNode body) {
        try {
            synchronized (this) {
                Mailbox box = box(owner.id());
                String transactionId = body.path("transactionId").asText(null);
                if (transactionId != null) {
                    String existing = box.transactions.get(transactionId);
                    if (existing != null && box.events.containsKey(existing)) {
                        return box.events.get(existing).snapshot();
                    }
                }
                ObjectNode data = writable(body, true);
                validateTimes(data);
                prepareSeries(data, null);
                StoredEvent event = newEvent(owner, data, newICalUId(), transactionId);
                event.isOrganizer = true;
                event.response = "organizer";
                event.organizer = emailAddress(owner);
                resetAttendeeStatuses(event.attendees());
                setExtendedProperties(event, body.get("singleValueExtendedProperties"));
                if (transactionId != null) {
                    box.transactions.put(transactionId, event.immutableId);
                }
                touch(event, "created");
                event.seriesSeq = event.seq;
                inviteAttendees(event, attendeeAddresses(event.attendees()));
                return event.snapshot();
            }
        } finally {
            flush();
        }
    }

    /** An event, series master, occurrence or exception by its id (regular or immutable). */
    public synchronized StoredEvent get(Directory.User owner, String id) {
        Optional<Occurrence> occurrence = occurrence(owner, id);
        if (occurrence.isPresent()) {
            return occurrence.get().read();
        }
        return find(owner, id).snapshot();
    }

    /** One occurrence of a stored series master, named by an occurrence id. */
    private record Occurrence(StoredEvent master, Instant originalStart) {
        StoredEvent read() {
            return Series.instance(master, originalStart).orElseThrow(GraphException::itemNotFound).snapshot();
        }
    }

    /**
     * The occurrence an occurrence id names (404 when its master is gone, or it is no occurrence of the series,
     * or it was deleted); empty when the id is not an occurrence id.
     */
    private Optional<Occurrence> occurrence(Directory.User owner, String id) {
        Optional<Series.Ref> ref = Series.parse(id);
        if (ref.isEmpty()) {
            return Optional.empty();
        }
        StoredEvent master = find(owner, ref.get().masterId());
        if (!master.isSeriesMaster() || Series.instance(master, ref.get().originalStart()).isEmpty()) {
            throw GraphException.itemNotFound();
        }
        return Optional.of(new Occurrence(master, ref.get().originalStart()));
    }

    /** The occurrences and exceptions of a series master that overlap [from, to); none for other events. */
    public synchronized List<StoredEvent> instances(Directory.User owner, String id, Instant from, Instant to) {
        if (occurrence(owner, id).isPresent()) {
            return List.of();
        }
        StoredEvent event = find(owner, id);
        return event.isSeriesMaster() ? Series.instances(event, from, to).stream().map(StoredEvent::snapshot).toList()
                : List.of();
    }

    /** calendarView: single events and the occurrences and exceptions of series that overlap [from, to). */
    public synchronized List<StoredEvent> view(Directory.User owner, Instant from, Instant to) {
        return box(owner.id()).events.values().stream().flatMap(e -> Series.instances(e, from, to).stream())
                .sorted(Comparator.comparing(StoredEvent::startInstant).thenComparingLong(e -> e.createdSeq))
                .map(StoredEvent::snapshot).toList();
    }

    /** By either id, as Graph translates: a regular id (current only: an old one is gone) or the immutable id. */
    private StoredEvent find(Directory.User owner, String id) {
        Mailbox box = box(owner.id());
        StoredEvent event = box.events.get(id);
        if (event == null && box.byRegularId.containsKey(id)) {
            event = box.events.get(box.byRegularId.get(id));
        }
        if (event == null) {
            throw GraphException.itemNotFound();
        }
        return event;
    }

    public synchronized List<StoredEvent> list(Directory.User owner, Predicate<StoredEvent> filter,
            Comparator<StoredEvent> order) {
        return box(owner.id()).events.values().stream().filter(filter).sorted(order).map(StoredEvent::snapshot).toList();
    }

    /**
     * One item of a calendarView delta round: an event as it is now ({@code event}), or the id of one that left the
     * window or the calendar ({@code removedId}). Ordered by change position, then key.
     */
    public record DeltaEntry(long seq, String key, StoredEvent event, String removedId) {
    }

    /**
     * What a calendarView delta round reports for [from, to): single events and the occurrences and exceptions of
     * series changed after {@code since} up to {@code until}. A first round ({@code since} 0) lists what is in
     * the window; later rounds also report as removed what left the window or the calendar: deleted events and
     * series (each occurrence), deleted occurrences, exceptions moved out, occurrences a pattern edit dropped.
     */
    public synchronized List<DeltaEntry> deltaEntries(Directory.User owner, long since, long until, Instant from,
            Instant to, boolean immutable) {
        boolean firstRound = since == 0;
        Mailbox box = box(owner.id());
        List<DeltaEntry> out = new ArrayList<>();
        java.util.function.LongPredicate inRound = s -> s > since && s <= until;
        for (StoredEvent e : box.events.values()) {
            Set<String> current = new HashSet<>();
            if (e.isSeriesMaster()) {
                for (StoredEvent instance : Series.instances(e, from, to)) {
                    current.add(instance.id(immutable));
                    if (inRound.test(instance.seq)) {
                        out.add(new DeltaEntry(instance.seq, instance.id, instance.snapshot(), null));
                    }
                }
                if (!firstRound) {
                    e.overrides.forEach((originalStart, o) -> {
                        String id = Series.occurrenceId(e.id(immutable), originalStart);
                        if (inRound.test(o.seq) && !current.contains(id)) {
                            out.add(new DeltaEntry(o.seq, id, null, id));
                        }
                    });
                }
            } else if (inRound.test(e.seq)) {
                if (Series.overlaps(e, from, to)) {
                    current.add(e.id(immutable));
                    out.add(new DeltaEntry(e.seq, e.id, e.snapshot(), null));
                } else if (!firstRound) {
                    out.add(new DeltaEntry(e.seq, e.id, null, e.id(immutable)));
                }
            } else if (Series.overlaps(e, from, to)) {
                current.add(e.id(immutable));
            }
            if (!firstRound) {
                for (StoredEvent.Retired r : e.retired) {
                    if (inRound.test(r.seq())) {
                        for (StoredEvent gone : Series.instances(r.snapshot(), from, to)) {
                            String id = gone.id(immutable);
                            if (!current.contains(id)) {
                                out.add(new DeltaEntry(r.seq(), id, null, id));
                            }
                        }
                    }
                }
            }
        }
        if (!firstRound) {
            for (Tombstone t : box.tombstones) {
                // an event moved through another folder: its old regular id is gone, its immutable id is not
                if (!inRound.test(t.seq()) || immutable && t.moved()) {
                    continue;
                }
                if (t.series() != null) {
                    for (StoredEvent gone : Series.instances(t.series(), from, to)) {
                        out.add(new DeltaEntry(t.seq(), gone.id, null, gone.id(immutable)));
                    }
                } else {
                    out.add(new DeltaEntry(t.seq(), t.id(), null, t.id(immutable)));
                }
            }
        }
        out.sort(Comparator.comparingLong(DeltaEntry::seq).thenComparing(DeltaEntry::key));
        return out;
    }

    public synchronized long currentSeq() {
        return seq;
    }

    public StoredEvent update(Directory.User owner, String id, ObjectNode patch, String ifMatch) {
        try {
            synchronized (this) {
                Optional<Occurrence> occurrence = occurrence(owner, id);
                if (occurrence.isPresent()) {
                    return updateOccurrence(occurrence.get(), patch, ifMatch);
                }
                StoredEvent event = find(owner, id);
                checkIfMatch(event, ifMatch);
                ObjectNode changed = writable(patch, false);
                ObjectNode merged = event.data.deepCopy();
                merged.setAll(changed);
                if (changed.has("recurrence") && changed.get("recurrence").isNull()) {
                    merged.remove("recurrence");
                }
                validateTimes(merged);
                prepareSeries(merged, changed);
                if (reshapes(changed)) {
                    // attendees' copies take the series as the organizer's now reads: the pattern normalized, the
                    // range's start moved with the series, the first occurrence's times
                    for (String field : List.of("recurrence", "start", "end")) {
                        if (merged.has(field)) {
                            changed.set(field, merged.get(field).deepCopy());
                        }
                    }
                }
                Set<String> before = attendeeAddresses(event.attendees());
                StoredEvent shapeBefore = event.snapshot();
                event.data = merged;
                if (changed.has("attendees") && event.isOrganizer) {
                    keepKnownStatuses(event, before);
                }
                setExtendedProperties(event, patch.get("singleValueExtendedProperties"));
                touch(event, "updated");
                seriesChanged(event, shapeBefore, reshapes(changed));
                if (event.isOrganizer && changed.fieldNames().hasNext()) {
                    propagateToAttendees(event, before, changed);
                }
                return event.snapshot();
            }
        } finally {
            flush();
        }
    }

    public void delete(Directory.User owner, String id, String ifMatch) {
        try {
            synchronized (this) {
                Optional<Occurrence> occurrence = occurrence(owner, id);
                if (occurrence.isPresent()) {
                    checkIfMatch(occurrence.get().read(), ifMatch);
                    deleteOccurrence(occurrence.get());
                    return;
                }
                StoredEvent event = find(owner, id);
                checkIfMatch(event, ifMatch);
                if (event.isOrganizer && event.isMeeting()) {
                    cancelCopies(event, attendeeAddresses(event.attendees()));
                }
                remove(event);
            }
        } finally {
            flush();
        }
    }

    /** An attendee's answer: the own copy records it and the organizer's event shows it for this attendee. */
    public void respond(Directory.User attendee, String id, String response) {
        try {
            synchronized (this) {
                Optional<Occurrence> occurrence = occurrence(attendee, id);
                if (occurrence.isPresent()) {
                    respondToOccurrence(attendee, occurrence.get(), response);
                    return;
                }
                StoredEvent copy = find(attendee, id);
                if (copy.isOrganizer) {
                    throw GraphException.invalidRequest(
                            "Your request can't be completed. You can't respond to a meeting you organized.");
                }
                Instant now = now();
                copy.response = response;
                copy.responseTime = now;
                if ("tentativelyAccepted".equals(response)) {
                    copy.data.put("showAs", "tentative");
                } else if ("accepted".equals(response)) {
                    copy.data.put("showAs", "busy");
                }
                findOrganizerEvent(copy).ifPresent(organizerEvent -> {
                    for (JsonNode a : organizerEvent.attendees()) {
                        if (attendee.userPrincipalName().equalsIgnoreCase(a.path("emailAddress").path("address").asText())) {
                            ObjectNode status = ((ObjectNode) a).putObject("status");
                            status.put("response", response);
                            status.put("time", now.toString());
                        }
                    }
                    touch(organizerEvent, "updated");
                });
                if ("declined".equals(response)) {
                    // Exchange moves a declined meeting out of the calendar (to Deleted Items)
                    remove(copy);
                } else {
                    touch(copy, "updated");
                }
            }
        } finally {
            flush();
        }
    }

    /** The organizer cancels: attendees' copies are marked cancelled, the organizer's event goes away. */
    public void cancel(Directory.User organizer, String id) {
        try {
            synchronized (this) {
                Optional<Occurrence> occurrence = occurrence(organizer, id);
                StoredEvent event = occurrence.map(Occurrence::master).orElseGet(() -> find(organizer, id));
                if (!event.isOrganizer) {
                    throw GraphException.invalidRequest(
                            "Your request can't be completed. Only the meeting organizer can cancel a meeting.");
                }
                if (occurrence.isPresent()) {
                    deleteOccurrence(occurrence.get());
                    return;
                }
                cancelCopies(event, attendeeAddresses(event.attendees()));
                remove(event);
            }
        } finally {
            flush();
        }
    }

    /**
     * As a user dragging the event to another calendar folder and back: Exchange gives the item a new regular id
     * (the old one is gone: a deletion for those who follow regular ids, then a creation under the new id) and
     * keeps its immutable id (an update for those who follow immutable ids).
     */
    public Moved moveAndBack(Directory.User owner, String id) {
        try {
            synchronized (this) {
                Mailbox box = box(owner.id());
                StoredEvent event = find(owner, id);
                String previous = event.id;
                String tenantId = directory.user(event.mailboxUserId).map(Directory.User::tenantId).orElse(null);
                box.byRegularId.remove(previous);
                box.tombstones.add(new Tombstone(previous, event.immutableId, ++seq, true,
                        event.isSeriesMaster() ? event.snapshot() : null));
                pending.add(new MailboxChange(event.mailboxUserId, tenantId, previous, event.immutableId, "deleted",
                        null, event.etag()));
                event.id = newId();
                box.byRegularId.put(event.id, event.immutableId);
                event.changeKey = randomToken(12);
                event.lastModifiedDateTime = now();
                event.seq = ++seq;
                // the occurrences' regular ids are made from the master's: every one is new
                event.seriesSeq = event.seq;
                pending.add(new MailboxChange(event.mailboxUserId, tenantId, event.id, event.immutableId, "created",
                        "updated", event.etag()));
                return new Moved(previous, event.id, event.immutableId);
            }
        } finally {
            flush();
        }
    }

    // --- series ---

    private static final Set<String> SHAPE_FIELDS = Set.of("recurrence", "start", "end", "isAllDay");

    /** Whether a change moves or re-patterns the series (its occurrences are then made anew). */
    private static boolean reshapes(ObjectNode changed) {
        return SHAPE_FIELDS.stream().anyMatch(changed::has);
    }

    /**
     * A recurrence written on create or update: checked and written as Graph reads it; the master's start and
     * end are put on the first occurrence, as Exchange does. A start moved without a new recurrence moves the
     * range's startDate with it. Nothing to do when the update leaves the series' shape alone.
     */
    private void prepareSeries(ObjectNode data, ObjectNode changed) {
        JsonNode recurrence = data.get("recurrence");
        if (recurrence == null || recurrence.isNull()) {
            data.remove("recurrence");
            return;
        }
        if (changed != null && !reshapes(changed)) {
            return;
        }
        String startZone = data.path("start").path("timeZone").asText("UTC");
        if (changed != null && !changed.has("recurrence") && changed.has("start") && recurrence.path("range").isObject()) {
            ObjectNode moved = recurrence.deepCopy();
            String zone = moved.path("range").path("recurrenceTimeZone").asText(startZone);
            StoredEvent probe = probe(data);
            java.time.LocalDate date = probe.isAllDay() ? probe.localStart().toLocalDate()
                    : probe.startInstant().atZone(TimeZones.zone(zone)).toLocalDate();
            ((ObjectNode) moved.get("range")).put("startDate", date.toString());
            recurrence = moved;
        }
        data.set("recurrence", Recurrence.normalize(recurrence, startZone));
        StoredEvent probe = probe(data);
        Instant first = Series.firstStart(probe);
        ObjectNode start = (ObjectNode) data.get("start");
        ObjectNode end = (ObjectNode) data.get("end");
        if (probe.isAllDay()) {
            java.time.LocalDateTime firstDay = first.atZone(probe.startZone()).toLocalDateTime();
            long days = java.time.temporal.ChronoUnit.DAYS.between(probe.localStart(), probe.localEnd());
            start.put("dateTime", TimeZones.format(firstDay));
            end.put("dateTime", TimeZones.format(firstDay.plusDays(days)));
        } else {
            java.time.Duration length = java.time.Duration.between(probe.startInstant(), probe.endInstant());
            start.put("dateTime", TimeZones.format(java.time.LocalDateTime.ofInstant(first, probe.startZone())));
            end.put("dateTime", TimeZones.format(java.time.LocalDateTime.ofInstant(first.plus(length), probe.endZone())));
        }
    }

    /**
     * After a master (or a copy of one) changed: every occurrence shows the change. When the update wrote the
     * series' shape, its earlier shape is kept for delta. When the shape really changed (another pattern, range or
     * times), every exception and deleted occurrence is dropped, as Exchange drops them ([MS-OXOCAL] 3.1.4.7.3.5:
     * "removes every exception from the PidLidAppointmentRecur property"; Outlook warns, when a series' pattern is
     * changed, that its exceptions will be cancelled): a deleted occurrence comes back only so.
     */
    private static void seriesChanged(StoredEvent event, StoredEvent before, boolean reshaped) {
        if (!before.isSeriesMaster() && !event.isSeriesMaster()) {
            return;
        }
        event.seriesSeq = event.seq;
        if (reshaped) {
            before.retired.clear();
            event.retired.add(new StoredEvent.Retired(event.seq, before));
            if (!sameShape(before, event)) {
                event.overrides.clear();
            }
        }
    }

    /** The same pattern, range and times (the same series written again changes none of its occurrences). */
    private static boolean sameShape(StoredEvent a, StoredEvent b) {
        return SHAPE_FIELDS.stream().allMatch(f -> java.util.Objects.equals(a.data.get(f), b.data.get(f)));
    }

    /** PATCH of one occurrence: it becomes an exception with its own properties (the series is changed). */
    private StoredEvent updateOccurrence(Occurrence occurrence, ObjectNode patch, String ifMatch) {
        StoredEvent master = occurrence.master();
        Instant originalStart = occurrence.originalStart();
        StoredEvent instance = occurrence.read();
        checkIfMatch(instance, ifMatch);
        ObjectNode changed = writable(patch, false);
        if (changed.has("recurrence") && !changed.get("recurrence").isNull()) {
            throw GraphException.invalidRequest("Your request can't be completed. An occurrence or exception of a "
                    + "series can't have a recurrence of its own; update the series master instead.");
        }
        changed.remove("recurrence");
        ObjectNode merged = instance.data.deepCopy();
        merged.setAll(changed);
        validateTimes(merged);
        if (changed.has("start") || changed.has("end")) {
            changed.set("start", merged.get("start"));
            changed.set("end", merged.get("end"));
            Series.checkMove(master, originalStart, probe(merged));
        }
        StoredEvent.Override o = master.overrides.computeIfAbsent(originalStart, k -> new StoredEvent.Override());
        if (o.data == null) {
            o.data = json.createObjectNode();
        }
        o.data.setAll(changed);
        o.exception = true;
        touch(master, "updated");
        stamp(master, o);
        ObjectNode update = meetingFields(changed);
        if (master.isOrganizer && master.isMeeting() && update.fieldNames().hasNext()) {
            for (String address : attendeeAddresses(master.attendees())) {
                directory.userByAddress(address).flatMap(u -> copyIn(u, master.iCalUId))
                        .filter(copy -> Series.instance(copy, originalStart).isPresent()).ifPresent(copy -> {
                            StoredEvent.Override co = copy.overrides.computeIfAbsent(originalStart,
                                    k -> new StoredEvent.Override());
                            if (co.data == null) {
                                co.data = json.createObjectNode();
                            }
                            co.data.setAll(update);
                            co.exception = true;
                            touch(copy, "updated");
                            stamp(copy, co);
                        });
            }
        }
        return Series.instance(master, originalStart).orElseThrow(GraphException::itemNotFound).snapshot();
    }

    /**
     * DELETE (or, by the organizer, cancel) of one occurrence: it leaves the calendar (Graph lists it no more);
     * attendees' copies of a meeting's occurrence are marked cancelled, as for a cancelled single meeting.
     */
    private void deleteOccurrence(Occurrence occurrence) {
        StoredEvent master = occurrence.master();
        Instant originalStart = occurrence.originalStart();
        StoredEvent.Override o = master.overrides.computeIfAbsent(originalStart, k -> new StoredEvent.Override());
        o.deleted = true;
        touch(master, "updated");
        stamp(master, o);
        if (master.isOrganizer && master.isMeeting()) {
            for (String address : attendeeAddresses(master.attendees())) {
                directory.userByAddress(address).flatMap(u -> copyIn(u, master.iCalUId)).ifPresent(copy ->
                        Series.instance(copy, originalStart).filter(i -> !i.isCancelled).ifPresent(instance -> {
                            StoredEvent.Override co = copy.overrides.computeIfAbsent(originalStart,
                                    k -> new StoredEvent.Override());
                            if (co.data == null) {
                                co.data = json.createObjectNode();
                            }
                            co.data.put("subject", "Canceled: " + instance.data.path("subject").asText(""));
                            co.data.put("showAs", "free");
                            co.isCancelled = true;
                            co.exception = true;
                            touch(copy, "updated");
                            stamp(copy, co);
                        }));
            }
        }
    }

    /**
     * An attendee's answer for one occurrence: the own occurrence records it (a decline takes it out of the
     * calendar), and the organizer's occurrence shows it for this attendee (an exception, where Exchange tracks it).
     */
    private void respondToOccurrence(Directory.User attendee, Occurrence occurrence, String response) {
        StoredEvent copy = occurrence.master();
        Instant originalStart = occurrence.originalStart();
        if (copy.isOrganizer) {
            throw GraphException.invalidRequest(
                    "Your request can't be completed. You can't respond to a meeting you organized.");
        }
        Instant now = now();
        StoredEvent.Override o = copy.overrides.computeIfAbsent(originalStart, k -> new StoredEvent.Override());
        if (o.data == null) {
            o.data = json.createObjectNode();
        }
        o.response = response;
        o.responseTime = now;
        o.exception = true;
        if ("tentativelyAccepted".equals(response)) {
            o.data.put("showAs", "tentative");
        } else if ("accepted".equals(response)) {
            o.data.put("showAs", "busy");
        } else if ("declined".equals(response)) {
            o.deleted = true;
        }
        touch(copy, "updated");
        stamp(copy, o);
        findOrganizerEvent(copy).ifPresent(organizerEvent -> Series.instance(organizerEvent, originalStart)
                .ifPresent(instance -> {
                    ArrayNode attendees = instance.attendees() == null ? json.createArrayNode()
                            : instance.attendees().deepCopy();
                    for (JsonNode a : attendees) {
                        if (attendee.userPrincipalName().equalsIgnoreCase(
                                a.path("emailAddress").path("address").asText())) {
                            ObjectNode status = ((ObjectNode) a).putObject("status");
                            status.put("response", response);
                            status.put("time", now.toString());
                        }
                    }
                    StoredEvent.Override oo = organizerEvent.overrides.computeIfAbsent(originalStart,
                            k -> new StoredEvent.Override());
                    if (oo.data == null) {
                        oo.data = json.createObjectNode();
                    }
                    oo.data.set("attendees", attendees);
                    oo.exception = true;
                    touch(organizerEvent, "updated");
                    stamp(organizerEvent, oo);
                }));
    }

    /** An occurrence's own change: a change key and position of its own, taken with its master's change. */
    private static void stamp(StoredEvent master, StoredEvent.Override o) {
        o.changeKey = randomToken(12);
        o.lastModifiedDateTime = master.lastModifiedDateTime;
        o.seq = master.seq;
    }

    private static StoredEvent probe(ObjectNode data) {
        StoredEvent probe = new StoredEvent("probe", "probe", "probe", Instant.EPOCH, 0, "", null);
        probe.data = data;
        return probe;
    }

    // --- meetings ---

    private void inviteAttendees(StoredEvent organizerEvent, Set<String> addresses) {
        Directory.User organizer = directory.user(organizerEvent.mailboxUserId).orElseThrow();
        for (String address : addresses) {
            Optional<Directory.User> user = directory.userByAddress(address)
                    .filter(u -> u.tenantId().equals(organizer.tenantId()))
                    .filter(u -> !u.id().equals(organizer.id()))
                    .filter(u -> !u.onPremises());
            if (user.isEmpty() || copyIn(user.get(), organizerEvent.iCalUId).isPresent()) {
                continue;
            }
            ObjectNode data = meetingFields(organizerEvent.data);
            data.put("showAs", "tentative");
            data.put("responseRequested", true);
            StoredEvent copy = newEvent(user.get(), data, organizerEvent.iCalUId, null);
            copy.isOrganizer = false;
            copy.response = "none";
            copy.organizer = organizerEvent.organizer.deepCopy();
            touch(copy, "created");
            copy.seriesSeq = copy.seq;
            // a series joined late: its exceptions and removed occurrences as the organizer has them
            organizerEvent.overrides.forEach((originalStart, o) -> {
                StoredEvent.Override co = new StoredEvent.Override();
                co.data = o.data == null ? null : meetingFields(o.data);
                co.exception = o.exception;
                co.deleted = o.deleted;
                co.changeKey = randomToken(12);
                co.lastModifiedDateTime = copy.lastModifiedDateTime;
                co.seq = copy.seq;
                copy.overrides.put(originalStart, co);
            });
        }
    }

    private void propagateToAttendees(StoredEvent organizerEvent, Set<String> before, ObjectNode changed) {
        Set<String> after = attendeeAddresses(organizerEvent.attendees());
        Set<String> removed = new HashSet<>(before);
        removed.removeAll(after);
        cancelCopies(organizerEvent, removed);
        for (String address : after) {
            directory.userByAddress(address).flatMap(u -> copyIn(u, organizerEvent.iCalUId)).ifPresent(copy -> {
                ObjectNode update = meetingFields(changed);
                if (update.fieldNames().hasNext()) {
                    StoredEvent shapeBefore = copy.snapshot();
                    copy.data.setAll(update);
                    if (update.has("recurrence") && update.get("recurrence").isNull()) {
                        copy.data.remove("recurrence");
                    }
                    touch(copy, "updated");
                    seriesChanged(copy, shapeBefore, reshapes(update));
                }
            });
        }
        Set<String> added = new HashSet<>(after);
        added.removeAll(before);
        inviteAttendees(organizerEvent, added);
    }

    private void cancelCopies(StoredEvent organizerEvent, Set<String> addresses) {
        for (String address : addresses) {
            directory.userByAddress(address).flatMap(u -> copyIn(u, organizerEvent.iCalUId)).ifPresent(copy -> {
                if (!copy.isCancelled) {
                    copy.isCancelled = true;
                    copy.data.put("subject", "Canceled: " + copy.data.path("subject").asText(""));
                    copy.data.put("showAs", "free");
                    touch(copy, "updated");
                }
            });
        }
    }

    private Optional<StoredEvent> copyIn(Directory.User user, String iCalUId) {
        return box(user.id()).events.values().stream()
                .filter(e -> !e.isOrganizer && e.iCalUId.equals(iCalUId)).findFirst();
    }

    private Optional<StoredEvent> findOrganizerEvent(StoredEvent copy) {
        String address = copy.organizer == null ? null : copy.organizer.path("emailAddress").path("address").asText(null);
        return directory.userByAddress(address).flatMap(u -> box(u.id()).events.values().stream()
                .filter(e -> e.isOrganizer && e.iCalUId.equals(copy.iCalUId)).findFirst());
    }

    private ObjectNode meetingFields(ObjectNode source) {
        ObjectNode out = json.createObjectNode();
        source.fields().forEachRemaining(f -> {
            if (MEETING_FIELDS.contains(f.getKey())) {
                out.set(f.getKey(), f.getValue().deepCopy());
            }
        });
        return out;
    }

    private static Set<String> attendeeAddresses(ArrayNode attendees) {
        Set<String> out = new HashSet<>();
        if (attendees != null) {
            attendees.forEach(a -> {
                String address = a.path("emailAddress").path("address").asText(null);
                if (address != null) {
                    out.add(address.toLowerCase(Locale.ROOT));
                }
            });
        }
        return out;
    }

    private void resetAttendeeStatuses(ArrayNode attendees) {
        if (attendees == null) {
            return;
        }
        for (JsonNode a : attendees) {
            ObjectNode attendee = (ObjectNode) a;
            if (!attendee.has("type")) {
                attendee.put("type", "required");
            }
            ObjectNode status = attendee.putObject("status");
            status.put("response", "none");
            status.put("time", "0001-01-01T00:00:00Z");
        }
    }

    /** A PATCH of attendees keeps the answers already received from attendees who stay. */
    private void keepKnownStatuses(StoredEvent event, Set<String> before) {
        ArrayNode attendees = event.attendees();
        resetAttendeeStatuses(attendees);
        if (attendees == null) {
            return;
        }
        for (JsonNode a : attendees) {
            String address = a.path("emailAddress").path("address").asText("").toLowerCase(Locale.ROOT);
            if (before.contains(address)) {
                directory.userByAddress(address).flatMap(u -> copyIn(u, event.iCalUId)).ifPresent(copy -> {
                    ObjectNode status = ((ObjectNode) a).putObject("status");
                    status.put("response", copy.response);
                    status.put("time", copy.responseTime == null ? "0001-01-01T00:00:00Z" : copy.responseTime.toString());
                });
            }
        }
    }

    // --- basics ---

    private StoredEvent newEvent(Directory.User owner, ObjectNode data, String iCalUId, String transactionId) {
        StoredEvent event = new StoredEvent(newId(), newImmutableId(), owner.id(), now(), ++seq, iCalUId,
                transactionId);
        event.data = data;
        Mailbox box = box(owner.id());
        box.events.put(event.immutableId, event);
        box.byRegularId.put(event.id, event.immutableId);
        return event;
    }

    /** Every change: a new change key (and so a new etag), a new position in the mailbox's change order. */
    private void touch(StoredEvent event, String changeType) {
        event.changeKey = randomToken(12);
        event.lastModifiedDateTime = now();
        event.seq = ++seq;
        pending.add(change(event, changeType));
    }

    private void remove(StoredEvent event) {
        Mailbox box = box(event.mailboxUserId);
        box.events.remove(event.immutableId);
        box.byRegularId.remove(event.id);
        box.tombstones.add(new Tombstone(event.id, event.immutableId, ++seq, false,
                event.isSeriesMaster() ? event.snapshot() : null));
        pending.add(change(event, "deleted"));
    }

    private MailboxChange change(StoredEvent event, String changeType) {
        String tenantId = directory.user(event.mailboxUserId).map(Directory.User::tenantId).orElse(null);
        return new MailboxChange(event.mailboxUserId, tenantId, event.id, event.immutableId, changeType, changeType,
                event.etag());
    }

    /** Announces what changed, outside the lock: observers must never slow a Graph request down. */
    private void flush() {
        List<MailboxChange> out;
        synchronized (this) {
            out = List.copyOf(pending);
            pending.clear();
        }
        out.forEach(changes::fire);
    }

    private static void checkIfMatch(StoredEvent event, String ifMatch) {
        if (ifMatch != null && !ifMatch.isBlank() && !"*".equals(ifMatch.trim()) && !ifMatch.trim().equals(event.etag())) {
            throw new GraphException(412, "ErrorIrresolvableConflict",
                    "The send or update operation could not be performed because the change key passed in the "
                            + "request does not match the current change key for the item.");
        }
    }

    private ObjectNode writable(ObjectNode body, boolean creating) {
        ObjectNode out = json.createObjectNode();
        body.fields().forEachRemaining(f -> {
            String name = f.getKey();
            if (name.startsWith("@") || name.contains("@odata")) {
                return;
            }
            if (WRITABLE.contains(name)) {
                out.set(name, f.getValue().deepCopy());
            } else if (!READ_ONLY.contains(name)) {
                throw new GraphException(400, "RequestBodyRead", "The property '" + name
                        + "' does not exist on type 'microsoft.graph.event'. Make sure to only use property names "
                        + "that are defined by the type or mark the type as open type.");
            }
        });
        if (creating && !out.has("isAllDay")) {
            out.put("isAllDay", false);
        }
        return out;
    }

    /** Graph refuses an event without times, ending before it starts, or all-day not on midnights. */
    private static void validateTimes(ObjectNode data) {
        if (!data.path("start").isObject() || !data.path("end").isObject()) {
            throw GraphException.invalidRequest("Your request can't be completed. Start and End must be specified.");
        }
        StoredEvent probe = new StoredEvent("probe", "probe", "probe", Instant.EPOCH, 0, "", null);
        probe.data = data;
        if (probe.endInstant().isBefore(probe.startInstant())) {
            throw GraphException.invalidRequest("The end of the event must be after its start.");
        }
        if (probe.isAllDay()) {
            boolean midnights = probe.localStart().toLocalTime().equals(LocalTime.MIDNIGHT)
                    && probe.localEnd().toLocalTime().equals(LocalTime.MIDNIGHT);
            if (!midnights || !probe.localEnd().isAfter(probe.localStart())) {
                throw new GraphException(400, "ErrorPropertyValidationFailure",
                        "Your request can't be completed. If the event is an all-day event, its start and end must "
                                + "be at midnight, and it must last at least one day.");
            }
        }
        // normalise dateTime to Graph's own writing, so what is read back compares as Graph's does
        for (String side : new String[] {"start", "end"}) {
            ObjectNode t = (ObjectNode) data.get(side);
            t.put("dateTime", TimeZones.format(TimeZones.parse(t.path("dateTime").asText(null))));
            if (!t.has("timeZone") || t.get("timeZone").isNull()) {
                t.put("timeZone", "UTC");
            }
        }
    }

    private static void setExtendedProperties(StoredEvent event, JsonNode properties) {
        if (properties == null || !properties.isArray()) {
            return;
        }
        for (JsonNode p : properties) {
            String id = p.path("id").asText(null);
            if (id == null || id.isBlank()) {
                throw GraphException.badRequest("An extended property needs an id.");
            }
            event.extendedProperties.put(id.toLowerCase(Locale.ROOT), new String[] {id, p.path("value").asText(null)});
        }
    }

    private ObjectNode emailAddress(Directory.User user) {
        ObjectNode organizer = json.createObjectNode();
        ObjectNode address = organizer.putObject("emailAddress");
        address.put("name", user.displayName());
        address.put("address", user.userPrincipalName());
        return organizer;
    }

    private Mailbox box(String userId) {
        return mailboxes.computeIfAbsent(userId, k -> new Mailbox());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Exchange item ids are long URL-safe base64 strings starting with AAMk. */
    private static String newId() {
        return "AAMkA" + randomToken(48);
    }

    /** Immutable ids look different (Graph's documentation shows them starting with AAkALgAA). */
    private static String newImmutableId() {
        return "AAkALgAA" + randomToken(48);
    }

    /** A regular or an immutable item id. */
    public static boolean looksLikeItemId(String id) {
        return id != null && id.matches("(AAMkA|AAkALgAA)[A-Za-z0-9_\\-=]{20,}");
    }

    private static String newICalUId() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        StringBuilder hex = new StringBuilder("040000008200E00074C5B7101A82E008");
        for (byte b : bytes) {
            hex.append(String.format("%02X", b));
        }
        return hex.toString();
    }

    private static String randomToken(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
