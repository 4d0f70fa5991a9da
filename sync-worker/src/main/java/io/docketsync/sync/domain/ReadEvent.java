package io.docketsync.sync.domain;

import java.util.Map;

/** An event as a mailbox holds it and, for a meeting, each attendee's answer (e-mail → Graph's response). */
public record ReadEvent(OfficeEvent event, Map<String, String> answers) {
}
