package io.docketsync.sync.domain;

import io.docketsync.contracts.ActivityChanged;
import io.docketsync.contracts.ActivityCommand;
import io.docketsync.contracts.ConnectionChanged;
import io.docketsync.contracts.GraphNotification;
import io.docketsync.contracts.JobProgress;
import io.docketsync.contracts.JobRequested;
import io.docketsync.contracts.MailboxOp;
import io.docketsync.contracts.SyncStatusChanged;
import java.util.List;

/**
 * Whom a dead letter concerns, read from the record that could not be processed, and who must be told (DESIGN.md
 * section 2: the activity and user it concerns show FAILED with the reason), from the record's payload as its
 * topic's contract reads it. A notification names its user and event only: the activity is the one the event's link
 * names, which the caller looks up.
 *
 * @param activityId null when the record names no activity (a notification: see {@code eventId})
 * @param userIds    the users concerned: one for most records, every Scheduled For user of an activity change
 */
public record DeadLetterConcern(String firmId, String activityId, List<String> userIds, String eventId, String jobId,
        Report report) {

    public enum Report {
        /** FAILED for the activity (a notification's: the activity its event is linked to) and each user. */
        ACTIVITY_STATUS,
        /** the job FAILED. */
        JOB_FAILED,
        /** who dead-lettered it reported it already: the write stage publishes FAILED for each op Graph refused. */
        ALREADY_REPORTED,
        /**
         * Nobody to tell on sync.status.v1: firm state (settings, connections), lifecycle and repair requests, a status
         * activity-service could not apply (a FAILED status about it would only be dead-lettered again), unreadable
         * records. Still recorded, counted and listed.
         */
        NONE
    }

    public DeadLetterConcern {
        userIds = userIds == null ? List.of() : userIds.stream().filter(u -> u != null).toList();
    }

    /** The one user concerned, or null when none or several are. */
    public String userId() {
        return userIds.size() == 1 ? userIds.get(0) : null;
    }

    private static List<String> one(String userId) {
        return userId == null ? List.of() : List.of(userId);
    }

    static DeadLetterConcern unknown(String firmId) {
        return new DeadLetterConcern(firmId, null, List.of(), null, null, Report.NONE);
    }

    /**
     * @param firmId the firm of the record's envelope
     * @param data   the record's payload as its topic's contract reads it; null when it could not be read (often why it
     *               was dead-lettered): recorded all the same, concerning nobody known
     */
    public static DeadLetterConcern of(String firmId, Object data) {
        if (data instanceof GraphNotification n) {
            boolean change = n.kind() == GraphNotification.Kind.CHANGE && n.eventId() != null;
            return new DeadLetterConcern(n.firmId() != null ? n.firmId() : firmId, null, one(n.userId()), n.eventId(),
                    null, change ? Report.ACTIVITY_STATUS : Report.NONE);
        }
        if (data instanceof MailboxOp op) {
            return new DeadLetterConcern(firmId, op.activityId(), one(op.userId()), op.eventId(), op.jobId(),
                    Report.ALREADY_REPORTED);
        }
        if (data instanceof ActivityCommand c) {
            // a create names the activity it makes: the one the user's event is linked to
            String activity = c.activityId() != null ? c.activityId() : c.newActivityId();
            return new DeadLetterConcern(firmId, activity, one(c.userId()), c.link() == null ? null : c.link().eventId(),
                    null, activity == null ? Report.NONE : Report.ACTIVITY_STATUS);
        }
        if (data instanceof ActivityChanged c && c.activity() != null) {
            // not planned at all: none of its users' calendars got this version
            return new DeadLetterConcern(firmId, c.activity().id(), c.activity().scheduledFor(), null, null,
                    Report.ACTIVITY_STATUS);
        }
        if (data instanceof JobRequested j) {
            return new DeadLetterConcern(j.firmId() != null ? j.firmId() : firmId, null, one(j.userId()), null,
                    j.jobId(), j.jobId() == null ? Report.NONE : Report.JOB_FAILED);
        }
        if (data instanceof SyncStatusChanged s) {
            return new DeadLetterConcern(firmId, s.activityId(), one(s.userId()), s.eventId(), null, Report.NONE);
        }
        if (data instanceof JobProgress p) {
            return new DeadLetterConcern(firmId, null, one(p.userId()), null, p.jobId(), Report.NONE);
        }
        if (data instanceof ConnectionChanged c) {
            return new DeadLetterConcern(c.firmId() != null ? c.firmId() : firmId, null, one(c.userId()), null, null,
                    Report.NONE);
        }
        return unknown(firmId);
    }
}
