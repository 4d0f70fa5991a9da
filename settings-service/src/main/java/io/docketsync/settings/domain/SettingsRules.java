package io.docketsync.settings.domain;

import io.docketsync.contracts.Office365Settings;
import io.docketsync.contracts.Permission;
import io.docketsync.api.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** What a firm's settings and its users must be. Plain Java, no I/O. */
public final class SettingsRules {
    /** A subject prefix such as "CB:"; anything longer is a mistake, not a prefix. */
    public static final int MAX_PREFIX = 50;
    public static final int MAX_DISPLAY_NAME = 200;
    /** The deletion-burst valve's bounds: 0 turns it off; more than 10000 deletions is no valve at all. */
    public static final int MAX_MASS_DELETE_THRESHOLD = 10_000;
    /** The valve's window: a minute to a day. */
    public static final int MAX_MASS_DELETE_WINDOW_MINUTES = 1440;
    public static final int MAX_EMAIL = 254;
    /** User ids as the identity provider issues them (activity-service accepts the same). */
    public static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}");
    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private SettingsRules() {
    }

    /** The settings with every switch given explicitly (null = missing) and the prefix trimmed. */
    public static List<Violation> check(Boolean alwaysPushAppointments, Boolean alwaysPushTasks,
            Boolean useOrganizerForActivities, Boolean createNewFromOffice, String createNewPrefix) {
        List<Violation> v = new ArrayList<>();
        required(v, "alwaysPushAppointments", alwaysPushAppointments);
        required(v, "alwaysPushTasks", alwaysPushTasks);
        required(v, "useOrganizerForActivities", useOrganizerForActivities);
        required(v, "createNewFromOffice", createNewFromOffice);
        if (createNewPrefix != null && createNewPrefix.trim().length() > MAX_PREFIX) {
            v.add(new Violation("createNewPrefix", "at most " + MAX_PREFIX + " characters (got "
                    + createNewPrefix.trim().length() + ")"));
        }
        return v;
    }

    /** The deletion-burst valve (each optional: null keeps the current value). */
    public static List<Violation> checkMassDelete(Integer threshold, Integer windowMinutes) {
        List<Violation> v = new ArrayList<>();
        if (threshold != null && (threshold < 0 || threshold > MAX_MASS_DELETE_THRESHOLD)) {
            v.add(new Violation("massDeleteThreshold", "from 0 (no hold) to " + MAX_MASS_DELETE_THRESHOLD
                    + " deletions (got " + threshold + ")"));
        }
        if (windowMinutes != null && (windowMinutes < 1 || windowMinutes > MAX_MASS_DELETE_WINDOW_MINUTES)) {
            v.add(new Violation("massDeleteWindowMinutes", "from 1 to " + MAX_MASS_DELETE_WINDOW_MINUTES
                    + " minutes (got " + windowMinutes + ")"));
        }
        return v;
    }

    public static Office365Settings settings(Boolean alwaysPushAppointments, Boolean alwaysPushTasks,
            Boolean useOrganizerForActivities, Boolean createNewFromOffice, String createNewPrefix) {
        return settings(alwaysPushAppointments, alwaysPushTasks, useOrganizerForActivities, createNewFromOffice,
                createNewPrefix, null, null, null);
    }

    public static Office365Settings settings(Boolean alwaysPushAppointments, Boolean alwaysPushTasks,
            Boolean useOrganizerForActivities, Boolean createNewFromOffice, String createNewPrefix,
            Office365Settings.WhenDeleting whenDeleting, Office365Settings.WhenEditing whenEditing,
            Office365Settings current) {
        return settings(alwaysPushAppointments, alwaysPushTasks, useOrganizerForActivities, createNewFromOffice,
                createNewPrefix, whenDeleting, whenEditing, null, null, current);
    }

    /**
     * As above, with When Deleting, When Editing and the deletion-burst valve; one left out keeps its current value ({@code current}, null
     * for a firm that saved nothing yet: the seed's rules), so a front end that does not know them yet never resets
     * an administrator's choice.
     */
    public static Office365Settings settings(Boolean alwaysPushAppointments, Boolean alwaysPushTasks,
            Boolean useOrganizerForActivities, Boolean createNewFromOffice, String createNewPrefix,
            Office365Settings.WhenDeleting whenDeleting, Office365Settings.WhenEditing whenEditing,
            Integer massDeleteThreshold, Integer massDeleteWindowMinutes, Office365Settings current) {
        Office365Settings base = current == null ? Office365Settings.defaults() : current;
        return new Office365Settings(alwaysPushAppointments, alwaysPushTasks, useOrganizerForActivities,
                createNewFromOffice, createNewPrefix == null ? "" : createNewPrefix.trim(),
                whenDeleting == null ? base.whenDeleting() : whenDeleting,
                whenEditing == null ? base.whenEditing() : whenEditing,
                massDeleteThreshold == null ? base.massDeleteThreshold() : massDeleteThreshold,
                massDeleteWindowMinutes == null ? base.massDeleteWindowMinutes() : massDeleteWindowMinutes);
    }

    public static List<Violation> checkUser(String userId, String displayName, String email, Boolean admin,
            Permission edit, Permission delete, Boolean active) {
        List<Violation> v = new ArrayList<>();
        if (userId == null || !USER_ID.matcher(userId).matches()) {
            v.add(new Violation("id", "not a user id (letters, digits, '.', '_', '@', '-'; at most 128)"));
        }
        if (displayName == null || displayName.isBlank()) {
            v.add(new Violation("displayName", "required and not blank"));
        } else if (displayName.trim().length() > MAX_DISPLAY_NAME) {
            v.add(new Violation("displayName", "at most " + MAX_DISPLAY_NAME + " characters"));
        }
        if (email == null || email.isBlank()) {
            v.add(new Violation("email", "required"));
        } else if (email.trim().length() > MAX_EMAIL || !EMAIL.matcher(email.trim()).matches()) {
            v.add(new Violation("email", "'" + email + "' is not an e-mail address"));
        }
        required(v, "admin", admin);
        required(v, "edit", edit);
        required(v, "delete", delete);
        required(v, "active", active);
        return v;
    }

    private static void required(List<Violation> v, String field, Object value) {
        if (value == null) {
            v.add(new Violation(field, "required"));
        }
    }
}
