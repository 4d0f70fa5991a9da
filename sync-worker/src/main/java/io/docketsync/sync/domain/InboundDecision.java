package io.docketsync.sync.domain;

/** What one change in a user's mailbox means for the application (DESIGN.md section 3, Office 365 → app). */
public record InboundDecision(Kind kind, String activityId, String reason) {

    public enum Kind {
        /** our own write coming back, or nothing the application cares about */
        IGNORE,
        /** the event holds a write of ours the worker has not recorded yet: judge again once it has */
        AWAIT_OWN_WRITE,
        /** the user may edit: the event's content becomes the activity's */
        UPDATE_ACTIVITY,
        /** the user may not edit: they leave Scheduled For and get a new activity of their own, linked to the event */
        DETACH_AND_CREATE,
        /**
         * the user may not edit (delete) and When Editing (When Deleting) is RESTORE_EVENT: the activity's version is
         * written back to their calendar, over their edit (in place of the event they deleted)
         */
        RESTORE_EVENT,
        /** the user may delete: the activity goes, for everyone */
        DELETE_ACTIVITY,
        /** the user may not delete: they only leave Scheduled For */
        REMOVE_USER,
        /** the application changed the activity later than Outlook did: its version is written back to the event */
        REPUSH_APP_VERSION,
        /** the invitation Exchange delivered for a meeting we pushed: link it, never a new activity */
        LINK_INVITATION,
        /** an event of the same meeting another firm user's activity links: the user joins that activity */
        JOIN_ACTIVITY,
        /** two-way sync: a new activity scheduled for the user */
        CREATE_ACTIVITY
    }

    static InboundDecision of(Kind kind, String activityId, String reason) {
        return new InboundDecision(kind, activityId, reason);
    }
}
