package io.docketsync.sync.domain;

/** What Graph answered for a written event: enough to link it and to recognise its echo. */
public record WrittenEvent(String eventId, String iCalUId, String changeKey) {
}
