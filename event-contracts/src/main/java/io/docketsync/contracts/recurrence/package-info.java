/**
 * Recurring activities (DESIGN.md section 3, "Recurring activities"): the series model every service shares, its
 * rules and its occurrences. Pure Java, no I/O.
 *
 * <h2>Model</h2>
 * A series is a {@link io.docketsync.contracts.recurrence.Recurrence} (Graph's {@code patternedRecurrence}:
 * {@link io.docketsync.contracts.recurrence.Pattern} + {@link io.docketsync.contracts.recurrence.Range}) and the
 * activity's first start and end, wall-clock times in the activity's IANA zone; its changed or cancelled
 * occurrences are {@link io.docketsync.contracts.recurrence.RecurrenceException}s. The JSON of a
 * {@code Recurrence} is Graph's, names and values ({@code "absoluteMonthly"}, {@code ["monday"]},
 * {@code "index": "last"}, {@code "type": "endDate"}), with any ObjectMapper: write it as an event's
 * {@code recurrence}, read an event's {@code recurrence} into it. Graph answers fields a type does not use
 * ({@code "month": 0}, {@code "endDate": "0001-01-01"}); {@link io.docketsync.contracts.recurrence.Recurrence#normalized()}
 * drops them, so that the application's series and Graph's compare equal when they mean the same. Range's
 * {@code recurrenceTimeZone} holds an IANA id: map Graph's Windows names first (sync-worker's {@code EventZones}).
 *
 * <h2>Identity of an occurrence</h2>
 * An occurrence is (series, original start): the activity's id and the wall-clock time, in the activity's zone, at
 * which the series puts it — never its position, which shifts when the series is edited. Graph reports
 * {@code originalStart} as an instant: {@link io.docketsync.contracts.recurrence.Occurrences#originalStartOf} turns
 * it into the key, {@link io.docketsync.contracts.recurrence.Occurrences#instantOf} back.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * // accept a series (REST input, an import, an Outlook edit)
 * List<Violation> problems = RecurrenceRules.validate(recurrence, start, end, zone, exceptions);
 *
 * // the occurrences of a window, e.g. a calendar page or a push job's range (days inclusive, in the zone)
 * List<Occurrence> page = Occurrences.expand(recurrence, start, Duration.between(start, end), zone, exceptions,
 *         from, to);
 *
 * // an occurrence Outlook changed: is it ours, and what does the activity say about it now?
 * LocalDateTime key = Occurrences.originalStartOf(graphOriginalStart, zone);
 * if (Occurrences.isOccurrence(recurrence, start, zone, key)) {
 *     Optional<Occurrence> now = Occurrences.find(recurrence, start, length, zone, exceptions, key);
 *     Optional<RecurrenceException> change = Occurrences.exceptionFor(exceptions, key);
 * }
 * }</pre>
 * Semantics (Exchange's: month-end days, "last", DST, windows) are in {@link
 * io.docketsync.contracts.recurrence.Occurrences}; the rules and the bound (999 occurrences for a series that ends)
 * in {@link io.docketsync.contracts.recurrence.RecurrenceRules}.
 */
package io.docketsync.contracts.recurrence;
