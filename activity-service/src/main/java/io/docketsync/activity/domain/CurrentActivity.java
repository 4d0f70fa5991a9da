package io.docketsync.activity.domain;

import java.time.Instant;

/**
 * What the rules for Office 365 commands need to know of a stored activity, as a plain value: its firm, whether it
 * was deleted, when the application last changed it, and its content. No I/O.
 */
public record CurrentActivity(String firmId, boolean deleted, Instant appModifiedAt, ActivityDraft content) {
}
