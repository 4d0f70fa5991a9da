package io.docketsync.sync.domain;

import io.docketsync.contracts.EventContent;
import io.docketsync.contracts.recurrence.Occurrence;
import io.docketsync.contracts.recurrence.Occurrences;
import io.docketsync.contracts.recurrence.RecurrenceException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A series, occurrence by occurrence: what each occurrence should show by the activity (its pattern and exceptions),
 * and how Outlook's occurrences differ from that. Occurrences are matched by original start, never by position. The
 * writer makes Outlook show what the activity says; the inbound flow turns a user's differences into exceptions. No I/O.
 */
public final class SeriesView {
    private SeriesView() {
    }

    /** One occurrence as shown: wall-clock times in the series' zone, and its own fields. */
    public record Shown(LocalDateTime originalStart, LocalDateTime start, LocalDateTime end, String subject,
            String body, String location) {
        /** The same occurrence, shown the same (empty text and no text are alike). */
        boolean sameAs(Shown other) {
            return start.equals(other.start) && end.equals(other.end) && text(subject).equals(text(other.subject))
                    && text(body).equals(text(other.body)) && text(location).equals(text(other.location));
        }
    }

    /** How one occurrence in Outlook differs from the activity. */
    public sealed interface Difference {
        LocalDateTime originalStart();
    }

    /** Shown otherwise in Outlook (moved, renamed, ...): {@code actual} is what Outlook shows, {@code wanted} ours. */
    public record Changed(LocalDateTime originalStart, String eventId, Shown actual, Shown wanted)
            implements Difference {
    }

    /** Gone from Outlook's series (the occurrence was deleted there). */
    public record Missing(LocalDateTime originalStart) implements Difference {
    }

    /** In Outlook's series though the activity cancelled it. */
    public record Extra(LocalDateTime originalStart, String eventId) implements Difference {
    }

    /** What the series' occurrences whose original start lies in [from, to] should show (cancelled ones omitted). */
    public static Map<LocalDateTime, Shown> expected(EventContent series, LocalDate from, LocalDate to) {
        Map<LocalDateTime, Shown> shown = new LinkedHashMap<>();
        if (series.recurrence() == null) {
            return shown;
        }
        ZoneId zone = zone(series.timeZone());
        Duration length = Duration.between(series.start(), series.end());
        // a week beyond each side: an exception moved across the window's edge is still found by its original start
        for (Occurrence o : Occurrences.expand(series.recurrence(), series.start(), length, zone, series.exceptions(),
                from.minusDays(7), to.plusDays(7))) {
            LocalDate day = o.originalStart().toLocalDate();
            if (day.isBefore(from) || day.isAfter(to)) {
                continue;
            }
            RecurrenceException x = Occurrences.exceptionFor(series.exceptions(), o.originalStart()).orElse(null);
            shown.put(o.originalStart(), new Shown(o.originalStart(), o.start(), o.end(),
                    x != null && x.subject() != null ? x.subject() : series.subject(),
                    x != null && x.body() != null ? x.body() : series.body(),
                    x != null && x.location() != null ? x.location() : series.location()));
        }
        return shown;
    }

    /** Outlook's occurrence as shown in the series' zone (Graph's times are read in UTC). */
    public static Shown actual(OfficeEvent occurrence, String seriesZone) {
        ZoneId zone = zone(seriesZone);
        return new Shown(Occurrences.originalStartOf(occurrence.series().originalStart(), zone),
                inZone(occurrence.start(), occurrence.timeZone(), zone), inZone(occurrence.end(), occurrence.timeZone(), zone),
                occurrence.subject(), occurrence.body(), occurrence.location());
    }

    /**
     * How Outlook's occurrences (read over the window and a week beyond each side) differ from what the activity
     * says for original starts in [from, to].
     */
    public static List<Difference> differences(EventContent series, List<OfficeEvent> instances, LocalDate from,
            LocalDate to) {
        Map<LocalDateTime, Shown> expected = expected(series, from, to);
        Map<LocalDateTime, OfficeEvent> actual = new LinkedHashMap<>();
        for (OfficeEvent o : instances) {
            if (o.occurrence() && o.series().originalStart() != null) {
                actual.put(actual(o, series.timeZone()).originalStart(), o);
            }
        }
        Set<LocalDateTime> cancelled = series.exceptions().stream().filter(RecurrenceException::cancelled)
                .map(RecurrenceException::originalStart).collect(Collectors.toSet());
        List<Difference> differences = new ArrayList<>();
        for (Shown wanted : expected.values()) {
            OfficeEvent found = actual.get(wanted.originalStart());
            if (found == null) {
                differences.add(new Missing(wanted.originalStart()));
            } else {
                Shown there = actual(found, series.timeZone());
                if (!there.sameAs(wanted)) {
                    differences.add(new Changed(wanted.originalStart(), found.eventId(), there, wanted));
                }
            }
        }
        for (Map.Entry<LocalDateTime, OfficeEvent> e : actual.entrySet()) {
            if (cancelled.contains(e.getKey())) {
                differences.add(new Extra(e.getKey(), e.getValue().eventId()));
            }
        }
        return differences;
    }

    /**
     * Whether Outlook's series master still shows the activity's series itself (fields, first occurrence's times,
     * pattern): then a change Graph reports on it is about its occurrences only.
     */
    public static boolean masterShows(EventContent series, OfficeEvent master) {
        if (series.recurrence() == null || master.series() == null || master.series().recurrence() == null) {
            return false;
        }
        ZoneId zone = zone(series.timeZone());
        Shown wanted = new Shown(series.start(), series.start(), series.end(), series.subject(), series.body(),
                series.location());
        Shown there = new Shown(series.start(), inZone(master.start(), master.timeZone(), zone),
                inZone(master.end(), master.timeZone(), zone), master.subject(), master.body(), master.location());
        return wanted.sameAs(there) && samePattern(series.recurrence(), master.series().recurrence());
    }

    /** The same pattern and range, whatever zone names either side gives it. */
    static boolean samePattern(io.docketsync.contracts.recurrence.Recurrence a,
            io.docketsync.contracts.recurrence.Recurrence b) {
        var x = a.normalized();
        var y = b.normalized();
        return x.pattern().equals(y.pattern()) && x.range().withRecurrenceTimeZone(null)
                .equals(y.range().withRecurrenceTimeZone(null));
    }

    private static LocalDateTime inZone(LocalDateTime t, String from, ZoneId to) {
        return t == null ? null : t.atZone(zone(from)).withZoneSameInstant(to).toLocalDateTime();
    }

    static ZoneId zone(String id) {
        try {
            return ZoneId.of(id == null ? "UTC" : id);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    private static String text(String s) {
        return Objects.requireNonNullElse(s, "").strip();
    }
}
