package io.docketsync.activity.service;

import io.docketsync.activity.persistence.ActivityEntity;
import io.docketsync.activity.persistence.FirmContext;
import io.docketsync.activity.persistence.SyncStatusEntity;
import java.util.List;
import java.util.Map;

/**
 * Activities as loaded for showing: with their firm (users' names, connections, permissions) and each Scheduled For
 * user's sync status, keyed by {@link SyncStatusEntity#key}.
 */
public record ActivitiesRead(List<ActivityEntity> activities, FirmContext firm,
        Map<String, SyncStatusEntity> syncStatuses) {
}
