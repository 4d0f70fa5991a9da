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

    public static Office365Settings settings(Boolean alwaysPushAppointments, Boolean alwaysPushTasks,
            Boolean useOrganizerForActivities, Boolean createNewFromOffice, String createNewPrefix) {
        return settings(alwaysPushAppointments, alwaysPushTasks, useOrganizerForActivities, createNewFromOffice,
                createNewPrefix, null, null, null);
    }

    /**
     * As above, with When Deleting and When Editing; one left out keeps its current value ({@code current}, null
     * for a firm that saved nothing yet: the seed's rules), so a front end that does not know them yet never resets
     * an administrator's choice.
     */
    public static Office365Settings settings(Boolean alwaysPushAppointments, Boolean alwaysPushTasks,
            Boolean useOrganizerForActivities, Boolean createNewFromOffice, String createNewPrefix,
            Office365Settings.WhenDeleting whenDeleting, Office365Settings.WhenEditing whenEditing,
            Office365Settings current) {
        Office365Settings base = current == null ? Office365Settings.defaults() : current;
        return new Office365Settings(alwaysPushAppointments, alwaysPushTasks, useOrganizerForActivities,
                createNewFromOffice, createNewPrefix == null ? "" : createNewPrefix.trim(),
                whenDeleting == null ? base.whenDeleting() : whenDeleting,
                whenEditing == null ? base.whenEditing() : whenEditing);
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
