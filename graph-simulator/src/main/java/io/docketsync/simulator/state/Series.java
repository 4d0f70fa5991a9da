package io.docketsync.simulator.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A series master's occurrences and exceptions as Graph answers them. They are not stored: each is made from the
 * master, its recurrence and its overrides when read, under an id derived from the master's id and the
 * occurrence's original start, so the same occurrence has the same id on every read (and, made from the master's
 * immutable id, the same immutable id).
 *
 * <p>Occurrences keep the wall-clock time of the master's start in the recurrence's time zone
 * (range.recurrenceTimeZone, by default the start's zone): a weekly 09:00 Europe/London meeting is at 09:00 London
 * time before and after the clocks change, so its UTC time moves by an hour.
 */
public final class Series {
    /** Exchange marks an occurrence's id with the occurrence's date after the master's; this model writes AAgI. */
    private static final String MARK = "AAgI";
    private static final int REGULAR_LENGTH = "AAMkA".length() + 64;
    private static final int IMMUTABLE_LENGTH = "AAkALgAA".length() + 64;

    private Series() {
    }

    /** Which occurrence an occurrence id names. */
    public record Ref(String masterId, Instant originalStart) {
    }

    /** How the series is laid out: its rule, zone, the start's wall-clock time there, and each one's length. */
    record Layout(Recurrence rule, ZoneId zone, LocalTime timeOfDay, Duration duration, long allDayDays) {
    }

    /** The id of the occurrence of a master (by its regular or its immutable id) that starts originally then. */
    public static String occurrenceId(String masterId, Instant originalStart) {
        byte[] seconds = ByteBuffer.allocate(8).putLong(originalStart.getEpochSecond()).array();
        return masterId + MARK + Base64.getUrlEncoder().withoutPadding().encodeToString(seconds);
    }

    /** The master and original start an occurrence id names; empty for the id of a stored event. */
    public static Optional<Ref> parse(String id) {
        if (id == null) {
            return Optional.empty();
        }
        int masterLength = id.startsWith("AAMkA") ? REGULAR_LENGTH : id.startsWith("AAkALgAA") ? IMMUTABLE_LENGTH : -1;
        if (masterLength < 0 || id.length() != masterLength + MARK.length() + 11
                || !id.startsWith(MARK, masterLength)) {
            return Optional.empty();
        }
        try {
            byte[] seconds = Base64.getUrlDecoder().decode(id.substring(masterLength + MARK.length()));
            return Optional.of(new Ref(id.substring(0, masterLength),
                    Instant.ofEpochSecond(ByteBuffer.wrap(seconds).getLong())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static Layout layout(StoredEvent master) {
        Recurrence rule = Recurrence.of(master.data.get("recurrence"));
        if (master.isAllDay()) {
            long days = ChronoUnit.DAYS.between(master.localStart().toLocalDate(), master.localEnd().toLocalDate());
            return new Layout(rule, master.startZone(), LocalTime.MIDNIGHT, Duration.ZERO, days);
        }
        ZoneId zone = TimeZones.zone(rule.zone());
        LocalTime time = master.startInstant().atZone(zone).toLocalTime();
        return new Layout(rule, zone, time, Duration.between(master.startInstant(), master.endInstant()), 0);
    }

    /** The original start of the occurrence on {@code date}: the wall-clock time in the series' zone. */
    static Instant originalStart(Layout layout, LocalDate date) {
        return date.atTime(layout.timeOfDay()).atZone(layout.zone()).toInstant();
    }

    /** The first occurrence's start, where Exchange puts the master's start; null if the series has none. */
    static Instant firstStart(StoredEvent master) {
        Layout layout = layout(master);
        LocalDate first = layout.rule().firstDate();
        return first == null ? null : originalStart(layout, first);
    }

    /** Whether the master's series has an occurrence that starts originally at {@code originalStart}. */
    static boolean fits(StoredEvent master, Instant originalStart) {
        Layout layout = layout(master);
        LocalDate date = originalStart.atZone(layout.zone()).toLocalDate();
        return originalStart(layout, date).equals(originalStart) && layout.rule().occursOn(date);
    }

    /** The occurrence or exception (not deleted) that starts originally then, as read. */
    static Optional<StoredEvent> instance(StoredEvent master, Instant originalStart) {
        StoredEvent.Override o = master.overrides.get(originalStart);
        if (o != null && o.deleted || !fits(master, originalStart)) {
            return Optional.empty();
        }
        return Optional.of(render(master, originalStart, o));
    }

    /**
     * Occurrences and exceptions (not deleted ones) that overlap [from, to), by start: for a master; a single
     * event itself if it overlaps.
     */
    public static List<StoredEvent> instances(StoredEvent event, Instant from, Instant to) {
        List<StoredEvent> out = new ArrayList<>();
        if (!event.isSeriesMaster()) {
            if (overlaps(event, from, to)) {
                out.add(event);
            }
            return out;
        }
        Layout layout = layout(event);
        Set<Instant> seen = new HashSet<>();
        LocalDate until = to.atZone(layout.zone()).toLocalDate().plusDays(1);
        for (LocalDate date : layout.rule().dates(until)) {
            Instant start = originalStart(layout, date);
            seen.add(start);
            StoredEvent.Override o = event.overrides.get(start);
            if (o != null && o.deleted) {
                continue;
            }
            StoredEvent instance = render(event, start, o);
            if (overlaps(instance, from, to)) {
                out.add(instance);
            }
        }
        // exceptions moved into the window from an original start outside it
        for (Map.Entry<Instant, StoredEvent.Override> e : event.overrides.entrySet()) {
            if (!seen.contains(e.getKey()) && !e.getValue().deleted && e.getValue().exception
                    && fits(event, e.getKey())) {
                StoredEvent instance = render(event, e.getKey(), e.getValue());
                if (overlaps(instance, from, to)) {
                    out.add(instance);
                }
            }
        }
        out.sort(Comparator.comparing(StoredEvent::startInstant));
        return out;
    }

    /**
     * Outlook's rule for an exception's new times (MS-OXOCAL: occurrences cannot overlap, two cannot start on the
     * same day): after the end of the previous occurrence and before the start of the next one, on neither's day;
     * Graph answers ErrorOccurrenceCrossingBoundary otherwise.
     */
    static void checkMove(StoredEvent master, Instant originalStart, StoredEvent moved) {
        Layout layout = layout(master);
        LocalDate date = originalStart.atZone(layout.zone()).toLocalDate();
        Recurrence rule = layout.rule();
        long span = rule.interval + 1L;
        LocalDate until = switch (rule.type) {
            case "daily" -> date.plusDays(span);
            case "weekly" -> date.plusWeeks(span);
            case "absoluteMonthly", "relativeMonthly" -> date.plusMonths(span);
            default -> date.plusYears(span);
        };
        List<LocalDate> dates = rule.dates(until);
        int i = dates.indexOf(date);
        ZoneId zone = master.startZone();
        LocalDate newDay = moved.startInstant().atZone(zone).toLocalDate();
        if (i > 0) {
            Optional<StoredEvent> previous = instance(master, originalStart(layout, dates.get(i - 1)));
            if (previous.isPresent() && (moved.startInstant().isBefore(previous.get().endInstant())
                    || !newDay.isAfter(previous.get().startInstant().atZone(zone).toLocalDate()))) {
                throw crossing();
            }
        }
        if (i >= 0 && i + 1 < dates.size()) {
            Optional<StoredEvent> next = instance(master, originalStart(layout, dates.get(i + 1)));
            if (next.isPresent() && (moved.endInstant().isAfter(next.get().startInstant())
                    || !newDay.isBefore(next.get().startInstant().atZone(zone).toLocalDate()))) {
                throw crossing();
            }
        }
    }

    private static io.docketsync.simulator.api.GraphException crossing() {
        return new io.docketsync.simulator.api.GraphException(400, "ErrorOccurrenceCrossingBoundary",
                "Your request can't be completed. An occurrence can't be moved to or beyond the day of an adjacent "
                        + "occurrence of the series.");
    }

    public static boolean overlaps(StoredEvent e, Instant from, Instant to) {
        return e.startInstant().isBefore(to) && e.endInstant().isAfter(from)
                || e.startInstant().equals(from) && e.endInstant().equals(from);
    }

    /** One occurrence as Graph answers it: the master's properties, the override's over them, its own times. */
    static StoredEvent render(StoredEvent master, Instant originalStart, StoredEvent.Override o) {
        boolean exception = o != null && o.exception;
        StoredEvent e = new StoredEvent(occurrenceId(master.id, originalStart),
                occurrenceId(master.immutableId, originalStart), master.mailboxUserId, master.createdDateTime,
                master.createdSeq, occurrenceICalUId(master.iCalUId, originalStart, master), null);
        ObjectNode data = master.data.deepCopy();
        data.remove("recurrence");
        Layout layout = layout(master);
        ObjectNode start = data.putObject("start");
        ObjectNode end = data.putObject("end");
        String startZone = master.data.path("start").path("timeZone").asText("UTC");
        String endZone = master.data.path("end").path("timeZone").asText("UTC");
        start.put("timeZone", startZone);
        end.put("timeZone", endZone);
        if (master.isAllDay()) {
            LocalDateTime s = originalStart.atZone(master.startZone()).toLocalDateTime();
            start.put("dateTime", TimeZones.format(s));
            end.put("dateTime", TimeZones.format(s.plusDays(layout.allDayDays())));
        } else {
            start.put("dateTime", TimeZones.format(LocalDateTime.ofInstant(originalStart, master.startZone())));
            end.put("dateTime", TimeZones.format(LocalDateTime.ofInstant(originalStart.plus(layout.duration()),
                    master.endZone())));
        }
        if (o != null && o.data != null) {
            data.setAll(o.data.deepCopy());
        }
        e.data = data;
        e.organizer = master.organizer == null ? null : master.organizer.deepCopy();
        e.isOrganizer = master.isOrganizer;
        e.isCancelled = master.isCancelled || o != null && o.isCancelled;
        e.response = o != null && o.response != null ? o.response : master.response;
        e.responseTime = o != null && o.response != null ? o.responseTime : master.responseTime;
        e.changeKey = exception && o.changeKey != null ? o.changeKey : master.changeKey;
        e.lastModifiedDateTime = exception && o.lastModifiedDateTime != null ? o.lastModifiedDateTime
                : master.lastModifiedDateTime;
        e.seq = Math.max(master.seriesSeq, o == null ? 0 : o.seq);
        master.extendedProperties.forEach((k, v) -> e.extendedProperties.put(k, v.clone()));
        e.type = exception ? "exception" : "occurrence";
        e.seriesMasterId = master.id;
        e.seriesMasterImmutableId = master.immutableId;
        e.originalStart = originalStart;
        e.uid = master.iCalUId;
        return e;
    }

    /**
     * Graph: an occurrence's iCalUId differs from the series' (Exchange writes the occurrence's date into the
     * global object id, where the master has zeros).
     */
    private static String occurrenceICalUId(String masterUid, Instant originalStart, StoredEvent master) {
        LocalDate date = originalStart.atZone(master.startZone()).toLocalDate();
        String prefix = masterUid.length() > 40 ? masterUid.substring(0, 32) : masterUid;
        String rest = masterUid.length() > 40 ? masterUid.substring(40) : "";
        return prefix + String.format("%04X%02X%02X", date.getYear(), date.getMonthValue(), date.getDayOfMonth()) + rest;
    }
}
