package io.docketsync.sync.domain;

import java.time.Instant;
import java.util.List;

/**
 * What the worker knows of an activity an event is linked to.
 *
 * @param appModifiedAt when the activity was last changed in the application
 * @param pushedVersion the activity version last written to this user's mailbox
 */
public record LinkedActivity(String activityId, String createdBy, String organizerId, List<String> scheduledFor,
        long version, Instant appModifiedAt, long pushedVersion) {
}
