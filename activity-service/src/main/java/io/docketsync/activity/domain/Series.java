package io.docketsync.activity.domain;

import io.docketsync.api.Violation;
import io.docketsync.contracts.ActivityCommand;
import io.docketsync.contracts.ActivityKind;
import io.docketsync.contracts.recurrence.Occurrence;
import io.docketsync.contracts.recurrence.Occurrences;
import io.docketsync.contracts.recurrence.RangeType;
import io.docketsync.contracts.recurrence.Recurrence;
import io.docketsync.contracts.recurrence.RecurrenceException;
import io.docketsync.contracts.recurrence.RecurrenceRules;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Recurring activities (DESIGN.md section 3, "Recurring activities"): what makes an activity's series acceptable,
 * where its occurrences are, and how Office 365's changes of one occurrence become exceptions. A series is an
 * appointment with a {@link Recurrence}; its occurrences are computed in the activity's own zone by event-contracts'
 * {@link Occurrences}, and named by their original start (never by position). No I/O.
 */
public final class Series {
    /** The most exceptions a series may hold: as many as a series that ends may have occurrences. */
    public static final int MAX_EXCEPTIONS = RecurrenceRules.MAX_OCCURRENCES;
    /** Where the span of a series that never ends stops: past every date the API accepts. */
    public static final LocalDateTime NO_END = LocalDate.of(SupportedDates.LAST_YEAR + 1, 1, 1).atStartOfDay();
    private static final int LISTING_CHUNK_DAYS = 31;
    private static final int NUMBERED_CHUNK_YEARS = 10;

    private Series() {
    }

    /**
     * The violations of the draft's series, each named by its field in the activities API ({@code
     * recurrence.pattern.daysOfWeek}, {@code recurrence.range.endDate}, {@code start}, {@code exceptions[2].originalStart}).
     * Nothing for a single activity without exceptions.
     *
     * @param timesValid whether the draft's start, end and time zone passed their own rules; when not, the series is
     *                   judged alone (its exceptions need a well-formed first occurrence to be judged)
     */
    public static List<Violation> check(ActivityDraft d, boolean timesValid) {
        List<Violation> v = new ArrayList<>();
        if (d.recurrence() == null) {
            if (!d.exceptions().isEmpty()) {
                v.add(new Violation("exceptions", "only a recurring appointment has exceptions: give its recurrence"));
            }
            return v;
        }
        if (d.kind() == ActivityKind.TASK) {
            v.add(new Violation("recurrence", "a task does not recur: only an appointment can be a series"));
            return v;
        }
        if (d.kind() == null) {
            return v;
        }
        Recurrence r = d.recurrence().normalized();
        List<io.docketsync.contracts.recurrence.Violation> found = timesValid
                ? RecurrenceRules.validate(r, d.start(), d.end(), ZoneId.of(d.timeZone()), d.exceptions())
                : RecurrenceRules.validate(r, d.start(), d.end()).stream()
                        .filter(x -> !x.field().equals("start") && !x.field().equals("end")).toList();
        found.forEach(x -> v.add(new Violation(apiField(x.field()), x.message())));
        if (r.range() != null) {
            SupportedDates.check("recurrence.range.endDate", r.range().endDate(), v);
            String seriesZone = r.range().recurrenceTimeZone();
            if (seriesZone != null && d.timeZone() != null && !seriesZone.equals(d.timeZone())) {
                v.add(new Violation("recurrence.range.recurrenceTimeZone", "must be the activity's timeZone ("
                        + d.timeZone() + ") or absent: occurrences are in the activity's zone"));
            }
        }
        if (d.exceptions().size() > MAX_EXCEPTIONS) {
            v.add(new Violation("exceptions", "at most " + MAX_EXCEPTIONS + " (got " + d.exceptions().size() + ")"));
        }
        for (int i = 0; i < d.exceptions().size(); i++) {
            RecurrenceException e = d.exceptions().get(i);
            if (e != null) {
                text(v, "exceptions[" + i + "].subject", e.subject(), ActivityValidation.MAX_SUBJECT, true);
                text(v, "exceptions[" + i + "].location", e.location(), ActivityValidation.MAX_LOCATION, false);
                text(v, "exceptions[" + i + "].body", e.body(), ActivityValidation.MAX_BODY, false);
                SupportedDates.check("exceptions[" + i + "].originalStart",
                        e.originalStart() == null ? null : e.originalStart().toLocalDate(), v);
                SupportedDates.check("exceptions[" + i + "].start", e.start() == null ? null : e.start().toLocalDate(), v);
                SupportedDates.check("exceptions[" + i + "].end", e.end() == null ? null : e.end().toLocalDate(), v);
            }
        }
        return v;
    }

    /** The series' problems as the recurrence rules state them (empty: acceptable); none for a single activity. */
    public static List<String> problems(ActivityDraft d) {
        if (!d.recurring()) {
            return List.of();
        }
        List<Violation> v = check(d, d.start() != null && d.end() != null && d.timeZone() != null
                && ActivityValidation.isZone(d.timeZone()));
        return v.stream().map(x -> x.field() + ": " + x.message()).toList();
    }

    private static void text(List<Violation> v, String field, String value, int max, boolean notBlank) {
        if (value == null) {
            return;
        }
        if (notBlank && value.isBlank()) {
            v.add(new Violation(field, "not blank when given (absent keeps the series' value)"));
        } else if (value.length() > max) {
            v.add(new Violation(field, "at most " + max + " characters (got " + value.length() + ")"));
        }
    }

    private static String apiField(String field) {
        return field.startsWith("pattern") || field.startsWith("range") ? "recurrence." + field : field;
    }

    /** The draft as stored: the recurrence with only the fields its types use, the exceptions by original start. */
    public static ActivityDraft normalized(ActivityDraft d) {
        if (!d.recurring()) {
            return d;
        }
        List<RecurrenceException> sorted = d.exceptions().stream().filter(Objects::nonNull)
                .sorted(Comparator.comparing(RecurrenceException::originalStart)).toList();
        return d.withSeries(d.recurrence().normalized(), sorted);
    }

    /** The series' length: every occurrence's, unless an exception changes it. */
    public static Duration length(ActivityDraft d) {
        return d.end().isBefore(d.start()) ? Duration.ZERO : Duration.between(d.start(), d.end());
    }

    public static ZoneId zone(ActivityDraft d) {
        return ZoneId.of(d.timeZone());
    }

    /**
     * The wall-clock interval a valid series occupies, for finding it by date range: from its first start (or an
     * earlier moved occurrence) to its last occurrence's end (or a later moved one); {@link #NO_END} when it never
     * ends (or ends after the supported dates).
     */
    public static ActivitySpan span(ActivityDraft d) {
        Duration length = length(d);
        ZoneId zone = zone(d);
        Recurrence r = d.recurrence();
        LocalDateTime end;
        if (r.range().type() == RangeType.NO_END) {
            end = NO_END;
        } else if (r.range().type() == RangeType.END_DATE) {
            LocalDate last = r.range().endDate().isAfter(NO_END.toLocalDate()) ? NO_END.toLocalDate()
                    : r.range().endDate();
            List<Occurrence> all = Occurrences.expand(r, d.start(), length, zone, null, d.start().toLocalDate(), last);
            end = all.isEmpty() ? d.end() : all.get(all.size() - 1).end();
        } else {
            end = lastOfNumbered(d, length, zone);
        }
        LocalDateTime start = d.start();
        for (RecurrenceException e : d.exceptions()) {
            if (e != null && !e.cancelled()) {
                start = min(start, e.effectiveStart());
                end = max(end, e.effectiveEnd(length));
            }
        }
        return new ActivitySpan(min(start, NO_END), min(max(end, d.end()), NO_END));
    }

    private static LocalDateTime lastOfNumbered(ActivityDraft d, Duration length, ZoneId zone) {
        int wanted = d.recurrence().range().numberOfOccurrences();
        int seen = 0;
        LocalDateTime lastEnd = d.end();
        LocalDate from = d.start().toLocalDate();
        while (seen < wanted && from.isBefore(NO_END.toLocalDate())) {
            LocalDate to = from.plusYears(NUMBERED_CHUNK_YEARS).minusDays(1);
            List<Occurrence> chunk = Occurrences.expand(d.recurrence(), d.start(), length, zone, null, from, to);
            if (!chunk.isEmpty()) {
                seen += chunk.size();
                lastEnd = chunk.get(chunk.size() - 1).end();
            }
            from = to.plusDays(1);
        }
        return seen < wanted ? NO_END : lastEnd;
    }

    /**
     * The occurrences of a valid series that overlap the days {@code from}..{@code to} (inclusive, wall clock in the
     * activity's zone, as single activities are listed), exceptions applied and cancelled ones left out, by start.
     * Stops once more than {@code limit} are found (the answer then holds {@code limit + 1}).
     */
    public static List<Occurrence> overlapping(ActivityDraft d, LocalDate from, LocalDate to, int limit) {
        Duration length = length(d);
        Duration longest = length;
        for (RecurrenceException e : d.exceptions()) {
            if (e != null && !e.cancelled() && !e.effectiveEnd(length).isBefore(e.effectiveStart())) {
                longest = max(longest, Duration.between(e.effectiveStart(), e.effectiveEnd(length)));
            }
        }
        LocalDateTime windowStart = from.atStartOfDay();
        LocalDateTime windowEnd = to.plusDays(1).atStartOfDay();
        ZoneId zone = zone(d);
        List<Occurrence> found = new ArrayList<>();
        // an occurrence that starts before the first day may reach into it
        LocalDate chunkFrom = from.minusDays(longest.toDays() + 1);
        while (!chunkFrom.isAfter(to) && found.size() <= limit) {
            LocalDate chunkTo = chunkFrom.plusDays(LISTING_CHUNK_DAYS - 1L);
            if (chunkTo.isAfter(to)) {
                chunkTo = to;
            }
            for (Occurrence o : Occurrences.expand(d.recurrence(), d.start(), length, zone, d.exceptions(), chunkFrom,
                    chunkTo)) {
                boolean overlaps = o.start().isBefore(windowEnd)
                        && (o.end().isAfter(windowStart) || (o.end().equals(o.start()) && !o.start().isBefore(windowStart)));
                if (overlaps) {
                    found.add(o);
                }
            }
            chunkFrom = chunkTo.plusDays(1);
        }
        found.sort(Comparator.comparing(Occurrence::start).thenComparing(Occurrence::originalStart));
        return found.size() > limit + 1 ? List.copyOf(found.subList(0, limit + 1)) : found;
    }

    /** What one occurrence holds: the series' content, with its exception's subject, body and location when changed. */
    public record OccurrenceContent(String subject, String body, String location, LocalDateTime start,
            LocalDateTime end) {
    }

    public static OccurrenceContent contentOf(ActivityDraft d, Occurrence o) {
        Optional<RecurrenceException> e = Occurrences.exceptionFor(d.exceptions(), o.originalStart())
                .filter(x -> !x.cancelled());
        return new OccurrenceContent(
                e.map(RecurrenceException::subject).orElse(null) == null ? d.subject() : e.get().subject(),
                e.map(RecurrenceException::body).orElse(null) == null ? d.body() : e.get().body(),
                e.map(RecurrenceException::location).orElse(null) == null ? d.location() : e.get().location(),
                o.start(), o.end());
    }

    /** Whether the (valid) series puts an occurrence at {@code originalStart}, cancelled or not. */
    public static boolean isOccurrence(ActivityDraft d, LocalDateTime originalStart) {
        return d.recurring() && Occurrences.isOccurrence(d.recurrence(), d.start(), zone(d), originalStart);
    }

    /** The exception keyed {@code originalStart}, if any. */
    public static Optional<RecurrenceException> exceptionAt(ActivityDraft d, LocalDateTime originalStart) {
        return Occurrences.exceptionFor(d.exceptions(), originalStart);
    }

    /**
     * The occurrences {@code before} cancelled that {@code after} would bring back (still on its pattern, no longer
     * cancelled) while the series keeps its pattern and times, by original start. Outlook cannot make a deleted
     * occurrence again within its series, so such a change could never reach the calendars the series was written
     * to. A change of the pattern or times is another matter: Exchange then drops every exception of the series, so
     * what the new series lists is what Outlook shows.
     */
    public static List<LocalDateTime> broughtBack(ActivityDraft before, ActivityDraft after) {
        List<LocalDateTime> back = new ArrayList<>();
        if (before == null || !before.recurring() || !after.recurring() || reshaped(before, after)) {
            return back;
        }
        for (RecurrenceException e : before.exceptions()) {
            if (e != null && e.cancelled() && isOccurrence(after, e.originalStart())
                    && !exceptionAt(after, e.originalStart()).map(RecurrenceException::cancelled).orElse(false)) {
                back.add(e.originalStart());
            }
        }
        return back;
    }

    /** The series with the occurrence at {@code originalStart} cancelled (whatever it changed is dropped). */
    public static ActivityDraft cancel(ActivityDraft d, LocalDateTime originalStart) {
        return withException(d, originalStart, RecurrenceException.cancelled(originalStart));
    }

    /**
     * The series with the occurrence at {@code originalStart} as Office 365 shows it: {@code f}'s subject, body,
     * location, start and end (moved into the activity's zone when {@code f} names another), each kept in the
     * exception only where it differs from the series (so a later change of the series still reaches it). An
     * occurrence that ends up as the series has it loses its exception. Office 365 leaves a blank subject as the
     * series'; an end before the start keeps the series' length.
     */
    public static ActivityDraft setOccurrence(ActivityDraft d, LocalDateTime originalStart, ActivityCommand.Fields f) {
        f = OfficeChanges.inZone(f, d.timeZone());
        Duration length = length(d);
        String subject = f.subject() == null || f.subject().isBlank() ? null
                : OfficeChanges.truncate(f.subject(), ActivityValidation.MAX_SUBJECT);
        String body = OfficeChanges.truncate(f.body() == null ? "" : f.body(), ActivityValidation.MAX_BODY);
        String location = OfficeChanges.truncate(f.location() == null ? "" : f.location(),
                ActivityValidation.MAX_LOCATION);
        LocalDateTime start = f.start() == null ? originalStart : f.start();
        LocalDateTime end = f.end() == null || f.end().isBefore(start) ? start.plus(length) : f.end();
        RecurrenceException e = new RecurrenceException(originalStart, false,
                Objects.equals(subject, d.subject()) ? null : subject,
                body.equals(d.body() == null ? "" : d.body()) ? null : body,
                location.equals(d.location() == null ? "" : d.location()) ? null : location,
                start.equals(originalStart) ? null : start,
                end.equals(start.plus(length)) ? null : end);
        boolean changesNothing = e.subject() == null && e.body() == null && e.location() == null && e.start() == null
                && e.end() == null;
        return withException(d, originalStart, changesNothing ? null : e);
    }

    /** The series with the exception at {@code originalStart} replaced by {@code e} (null: removed), by original start. */
    static ActivityDraft withException(ActivityDraft d, LocalDateTime originalStart, RecurrenceException e) {
        List<RecurrenceException> next = new ArrayList<>(d.exceptions().stream()
                .filter(x -> x != null && !originalStart.equals(x.originalStart())).toList());
        if (e != null) {
            next.add(e);
        }
        next.sort(Comparator.comparing(RecurrenceException::originalStart));
        return d.withSeries(d.recurrence(), next);
    }

    /**
     * An edit of the whole series made in Office 365 ({@code edited}: the series' fields applied), with the pattern
     * it names ({@code pattern} null: unchanged). As Exchange does, a change of the pattern or of the series' times
     * drops the exceptions; a change of subject, body or location keeps them.
     */
    public static ActivityDraft seriesEdit(ActivityDraft current, ActivityDraft edited, Recurrence pattern) {
        Recurrence next = pattern == null ? current.recurrence() : pattern.normalized();
        return edited.withSeries(next, reshaped(current, edited.withSeries(next, List.of())) ? List.of()
                : current.exceptions());
    }

    /** Whether {@code after} gives the series another pattern or other times (Exchange then drops its exceptions). */
    static boolean reshaped(ActivityDraft before, ActivityDraft after) {
        return !Objects.equals(normalizedOrNull(before.recurrence()), normalizedOrNull(after.recurrence()))
                || !Objects.equals(before.start(), after.start()) || !Objects.equals(before.end(), after.end());
    }

    private static Recurrence normalizedOrNull(Recurrence r) {
        return r == null ? null : r.normalized();
    }

    /**
     * What a change did to the series, for the activity's history: the series set, changed or removed, and each
     * occurrence cancelled, changed or restored; null when neither version recurs or nothing of the series changed.
     */
    public static String describeChange(ActivityDraft before, ActivityDraft after) {
        boolean was = before != null && before.recurring();
        if (!was && !after.recurring()) {
            return null;
        }
        if (!after.recurring()) {
            return "series removed: a single activity now";
        }
        List<String> parts = new ArrayList<>();
        if (!was) {
            parts.add("series set: " + describe(after.recurrence()));
        } else if (!Objects.equals(before.recurrence().normalized(), after.recurrence().normalized())) {
            parts.add("series changed: " + describe(after.recurrence()));
        }
        List<RecurrenceException> old = was ? before.exceptions() : List.of();
        for (RecurrenceException e : after.exceptions()) {
            Optional<RecurrenceException> prior = Occurrences.exceptionFor(old, e.originalStart());
            if (prior.isEmpty() || !prior.get().equals(e)) {
                parts.add("occurrence " + e.originalStart() + (e.cancelled() ? " cancelled" : " changed"));
            }
        }
        for (RecurrenceException e : old) {
            if (e != null && Occurrences.exceptionFor(after.exceptions(), e.originalStart()).isEmpty()) {
                parts.add("occurrence " + e.originalStart() + " as the series has it again");
            }
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    /** The series in words: "weekly, every 1, on monday, wednesday; from 2026-12-07 to 2027-03-01". */
    public static String describe(Recurrence r) {
        var p = r.pattern();
        StringBuilder b = new StringBuilder();
        b.append(p.type().name().toLowerCase().replace('_', ' ')).append(", every ").append(p.interval());
        if (p.index() != null) {
            b.append(", ").append(p.index().name().toLowerCase());
        }
        if (!p.daysOfWeek().isEmpty()) {
            b.append(", on ").append(p.daysOfWeek().stream().map(x -> x.name().toLowerCase())
                    .collect(Collectors.joining(", ")));
        }
        if (p.dayOfMonth() != null) {
            b.append(", day ").append(p.dayOfMonth());
        }
        if (p.month() != null) {
            b.append(", month ").append(p.month());
        }
        var range = r.range();
        b.append("; from ").append(range.startDate());
        switch (range.type()) {
            case END_DATE -> b.append(" to ").append(range.endDate());
            case NUMBERED -> b.append(", ").append(range.numberOfOccurrences()).append(" occurrences");
            case NO_END -> b.append(", no end");
        }
        return b.toString();
    }

    private static LocalDateTime min(LocalDateTime a, LocalDateTime b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDateTime max(LocalDateTime a, LocalDateTime b) {
        return a.isAfter(b) ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
