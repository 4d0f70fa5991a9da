package io.docketsync.contracts;

/**
 * A firm's System Settings &gt; Office 365 (DESIGN.md section 3). {@code whenDeleting} and {@code whenEditing} were
 * added later: an event without them (null) means the seed's rules, the defaults. So were the deletion-burst safety
 * valve's {@code massDeleteThreshold} and {@code massDeleteWindowMinutes} (issue 18): absent (null) means
 * {@link #DEFAULT_MASS_DELETE_THRESHOLD} in {@link #DEFAULT_MASS_DELETE_WINDOW_MINUTES} minutes.
 */
public record Office365Settings(
        boolean alwaysPushAppointments,
        boolean alwaysPushTasks,
        boolean useOrganizerForActivities,
        boolean createNewFromOffice,
        String createNewPrefix,
        WhenDeleting whenDeleting,
        WhenEditing whenEditing,
        Integer massDeleteThreshold,
        Integer massDeleteWindowMinutes) {

    /**
     * At most this many linked deletions from one mailbox are applied within the window; the rest are held for a
     * decision. 20: a person tidying a calendar by hand (a cancelled trial week, a day's hearings moved off) stays
     * under it, while a calendar wiped or removed in Outlook (hundreds of events within seconds) is stopped after 20.
     */
    public static final int DEFAULT_MASS_DELETE_THRESHOLD = 20;
    /** The window the threshold counts in: ten minutes spans a burst even while Graph's throttling spreads it out. */
    public static final int DEFAULT_MASS_DELETE_WINDOW_MINUTES = 10;

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
        massDeleteThreshold = massDeleteThreshold == null ? DEFAULT_MASS_DELETE_THRESHOLD : massDeleteThreshold;
        massDeleteWindowMinutes = massDeleteWindowMinutes == null ? DEFAULT_MASS_DELETE_WINDOW_MINUTES
                : massDeleteWindowMinutes;
    }

    /** The settings as they were before the deletion-burst valve: its defaults. */
    public Office365Settings(boolean alwaysPushAppointments, boolean alwaysPushTasks,
            boolean useOrganizerForActivities, boolean createNewFromOffice, String createNewPrefix,
            WhenDeleting whenDeleting, WhenEditing whenEditing) {
        this(alwaysPushAppointments, alwaysPushTasks, useOrganizerForActivities, createNewFromOffice, createNewPrefix,
                whenDeleting, whenEditing, null, null);
    }

    /** The seed's When Deleting and When Editing rules. */
    public Office365Settings(boolean alwaysPushAppointments, boolean alwaysPushTasks,
            boolean useOrganizerForActivities, boolean createNewFromOffice, String createNewPrefix) {
        this(alwaysPushAppointments, alwaysPushTasks, useOrganizerForActivities, createNewFromOffice, createNewPrefix,
                null, null, null, null);
    }

    public static Office365Settings defaults() {
        return new Office365Settings(true, false, false, false, "");
    }
}
