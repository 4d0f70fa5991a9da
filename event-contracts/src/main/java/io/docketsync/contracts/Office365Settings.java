package io.docketsync.contracts;

/**
 * A firm's System Settings &gt; Office 365 (DESIGN.md section 3). {@code whenDeleting} and {@code whenEditing} were
 * added later: an event without them (null) means the seed's rules, the defaults.
 */
public record Office365Settings(
        boolean alwaysPushAppointments,
        boolean alwaysPushTasks,
        boolean useOrganizerForActivities,
        boolean createNewFromOffice,
        String createNewPrefix,
        WhenDeleting whenDeleting,
        WhenEditing whenEditing) {

    /** A restricted user deletes a synced event in Office 365. */
    public enum WhenDeleting {
        /** the seed's rule: the user only leaves Scheduled For */
        REMOVE_FROM_SCHEDULED_FOR,
        /** their deletion is undone: the activity's event is written back to their calendar */
        RESTORE_EVENT
    }

    /** A restricted user edits a synced event in Office 365. */
    public enum WhenEditing {
        /** the seed's rule: the user leaves Scheduled For and gets a new activity with their edit */
        CREATE_EDITED_COPY,
        /** their edit is overwritten with the activity's version */
        RESTORE_EVENT
    }

    public Office365Settings {
        whenDeleting = whenDeleting == null ? WhenDeleting.REMOVE_FROM_SCHEDULED_FOR : whenDeleting;
        whenEditing = whenEditing == null ? WhenEditing.CREATE_EDITED_COPY : whenEditing;
    }

    /** The seed's When Deleting and When Editing rules. */
    public Office365Settings(boolean alwaysPushAppointments, boolean alwaysPushTasks,
            boolean useOrganizerForActivities, boolean createNewFromOffice, String createNewPrefix) {
        this(alwaysPushAppointments, alwaysPushTasks, useOrganizerForActivities, createNewFromOffice, createNewPrefix,
                null, null);
    }

    public static Office365Settings defaults() {
        return new Office365Settings(true, false, false, false, "");
    }
}
