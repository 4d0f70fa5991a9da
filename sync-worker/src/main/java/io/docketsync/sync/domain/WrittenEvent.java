package io.docketsync.sync.domain;

/**
 * What Graph answered for a written event: enough to link it and to recognise its echo. {@code editedSince}: a create
 * answered with the event an earlier attempt of the same create made (Graph's transactionId), which no longer shows
 * what we sent: it was edited in Outlook since, so its change key is not ours and the edit is still to be judged.
 */
public record WrittenEvent(String eventId, String iCalUId, String changeKey, boolean editedSince) {
    public WrittenEvent(String eventId, String iCalUId, String changeKey) {
        this(eventId, iCalUId, changeKey, false);
    }

    /** The answer as the link records it: the change key of an event edited since is not one of ours. */
    public WrittenEvent asLinked() {
        return editedSince ? new WrittenEvent(eventId, iCalUId, null, true) : this;
    }
}
