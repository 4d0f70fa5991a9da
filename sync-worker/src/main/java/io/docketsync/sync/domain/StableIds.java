package io.docketsync.sync.domain;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The worker's deterministic ids: the same input always gives the same id, so a replay or a race makes one thing. */
public final class StableIds {
    private StableIds() {
    }

    /**
     * The activity made from an Office 365 event (Create New, Import, a restricted user's edited copy): the same
     * whether a notification, a delta repair or an import makes it, so they make one activity between them.
     */
    public static String activityFromEvent(String eventId) {
        return uuid("activity-from|" + eventId);
    }

    public static String uuid(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
