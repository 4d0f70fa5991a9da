package io.docketsync.sync.domain;

/**
 * What Graph answered for a written event: enough to link it and to recognise its echo. {@code changedInOutlook}: the
 * event still holds a change made in Outlook that our write did not judge or overwrite, so its change key is not ours
 * and it is judged again once linked: a create answered with the event an earlier attempt of the same create made
 * (Graph's transactionId) and edited since, a series one of whose occurrences was deleted there while our write
 * was on its way (the inbound flow leaves occurrences alone while a write of the series is pending), or a series whose
 * occurrences our write had to put back (its change key, read after those requests, may hold the user's next change).
 */
public record WrittenEvent(String eventId, String iCalUId, String changeKey, boolean changedInOutlook) {
    public WrittenEvent(String eventId, String iCalUId, String changeKey) {
        this(eventId, iCalUId, changeKey, false);
    }

    /** The answer as the link records it: the change key of an event edited since is not one of ours. */
    public WrittenEvent asLinked() {
        return changedInOutlook ? new WrittenEvent(eventId, iCalUId, null, true) : this;
    }
}
