package io.docketsync.contracts;

/** A firm's System Settings &gt; Office 365 (DESIGN.md section 3). */
public record Office365Settings(
        boolean alwaysPushAppointments,
        boolean alwaysPushTasks,
        boolean useOrganizerForActivities,
        boolean createNewFromOffice,
        String createNewPrefix) {

    public static Office365Settings defaults() {
        return new Office365Settings(true, false, false, false, "");
    }
}
