package io.docketsync.sync.domain;

import io.docketsync.contracts.UserKey;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Users' Office 365 calendars, as the flows need them. Every call waits out Graph's throttling within the
 * configured patience and resumes on the caller's context, so the flows never block and never see tokens.
 * Implemented in {@code graph/} over the Microsoft Graph SDK.
 */
public interface Calendar {
    /** The event and its attendees' answers as the user's mailbox holds it; empty when it no longer exists. */
    Uni<Optional<ReadEvent>> read(UserKey user, String mailbox, String eventId);

    /** Every event of the mailbox between the two days (start of {@code from} to end of {@code to}, UTC). */
    Uni<List<OfficeEvent>> calendarView(UserKey user, String mailbox, LocalDate from, LocalDate to);

    /**
     * The mailbox's changes since {@code deltaLink} (null, or expired: a baseline of the window). An id delta
     * reports removed that the mailbox still holds (it only left the window) is reported as changed.
     */
    Uni<DeltaRound> delta(UserKey user, String mailbox, String deltaLink, LocalDate from, LocalDate to);

    /** The occurrences and exceptions of a series whose times fall between two instants. */
    Uni<List<OfficeEvent>> instances(UserKey user, String mailbox, String seriesId, java.time.Instant from,
            java.time.Instant to);

    /**
     * Waits until the writes to the mailbox that are out now have answered and their change keys are recorded, so
     * that their echoes are known without reading the events back; true when there were any (the caller looks
     * again), false at once when none. Gives up waiting after {@code atMost} (true: look again anyway).
     */
    Uni<Boolean> writesAnswered(UserKey user, Duration atMost);

    /** Every mailbox's writes at once, at Graph's pace; the outcome of each, by write id. Never fails for Graph's answers. */
    Uni<Map<String, WriteOutcome>> write(Map<UserKey, List<CalendarWrite>> writesByUser);
}
