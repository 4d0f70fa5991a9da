package io.docketsync.contracts;

import java.util.List;

/**
 * On {@link Topics#ACTIVITY_CHANGES}. {@code previousScheduledFor} lets a consumer see who was removed
 * without keeping the previous version itself.
 */
public record ActivityChanged(ChangeType changeType, ActivitySnapshot activity, List<String> previousScheduledFor) {
    public static final String TYPE = "io.docketsync.activity.changed.v1";

    public enum ChangeType { CREATED, UPDATED, DELETED }
}
