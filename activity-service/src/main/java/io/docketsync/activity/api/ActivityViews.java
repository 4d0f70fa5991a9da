package io.docketsync.activity.api;

import io.docketsync.activity.domain.ActivityDraft;
import io.docketsync.activity.domain.ActivityPermissions;
import io.docketsync.activity.domain.ResponseStatus;
import io.docketsync.activity.domain.Series;
import io.docketsync.activity.persistence.ActivityEntity;
import io.docketsync.activity.persistence.FirmContext;
import io.docketsync.activity.persistence.FirmUserEntity;
import io.docketsync.activity.persistence.SyncStatusEntity;
import io.docketsync.activity.service.ActivitiesRead;
import io.docketsync.activity.service.ActivityListing;
import io.docketsync.contracts.recurrence.Occurrence;
import java.util.List;
import java.util.Map;

/**
 * Activities as the caller sees them, with each Scheduled For user's connection, response and sync state; a listed
 * occurrence of a recurring activity as the series with the occurrence's times and content.
 */
final class ActivityViews {
    private ActivityViews() {
    }

    static List<ActivityView> of(ActivitiesRead read, String callerId) {
        return read.activities().stream().map(a -> view(a, null, read.firm(), callerId, read.syncStatuses())).toList();
    }

    static List<ActivityView> of(ActivityListing.Page page, String callerId) {
        ActivitiesRead read = page.read();
        return page.items().stream()
                .map(i -> view(i.activity(), i.occurrence(), read.firm(), callerId, read.syncStatuses())).toList();
    }

    private static ActivityView view(ActivityEntity a, Occurrence o, FirmContext firm, String callerId,
            Map<String, SyncStatusEntity> statuses) {
        Map<String, ResponseStatus> responses = a.responses();
        List<ActivityView.ScheduledUser> users = a.scheduledFor().stream().map(u -> {
            FirmUserEntity known = firm.user(u);
            SyncStatusEntity s = statuses.get(SyncStatusEntity.key(a.id, u));
            return new ActivityView.ScheduledUser(u, known == null ? null : known.displayName, firm.connected(u),
                    responses.getOrDefault(u, ResponseStatus.NONE), s == null ? null : s.state,
                    s == null ? null : s.reason, s == null ? null : s.at);
        }).toList();
        boolean canEdit = ActivityPermissions.allows(firm.editPermission(callerId), callerId, a.createdBy, a.organizerId);
        boolean canDelete = ActivityPermissions.allows(firm.deletePermission(callerId), callerId, a.createdBy,
                a.organizerId);
        if (o != null) {
            ActivityDraft series = a.draft();
            Series.OccurrenceContent c = Series.contentOf(series, o);
            return new ActivityView(a.id, a.kind, c.subject(), c.body(), c.location(), c.start(), c.end(), a.allDay,
                    a.dueDate, a.dueTime, a.timeZone, users, a.organizerId, a.createdBy, a.pushToOffice365, a.version,
                    a.updatedAt, canEdit, canDelete, null, null, true, a.id, o.originalStart(), o.exception());
        }
        boolean recurring = a.recurrence != null;
        return new ActivityView(a.id, a.kind, a.subject, a.body, a.location, a.start, a.end, a.allDay, a.dueDate,
                a.dueTime, a.timeZone, users, a.organizerId, a.createdBy, a.pushToOffice365, a.version, a.updatedAt,
                canEdit, canDelete, recurring ? a.recurrence() : null, recurring ? a.exceptions() : null, null, null,
                null, null);
    }
}
