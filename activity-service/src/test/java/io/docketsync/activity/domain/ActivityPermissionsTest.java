package io.docketsync.activity.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docketsync.contracts.Permission;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ActivityPermissionsTest {

    @ParameterizedTest(name = "{0} by {1}, created by {2}, organized by {3}: {4}")
    @CsvSource(value = {
        "ANY  | bob | dave | dave | true",
        "ANY  | bob | bob  |      | true",
        "OWN  | bob | bob  |      | true",
        "OWN  | bob | dave | bob  | true",
        "OWN  | bob | dave | dave | false",
        "OWN  | bob | dave |      | false",
        "NONE | bob | bob  | bob  | false",
        "NONE | bob | dave |      | false",
    }, delimiter = '|')
    void permissionCoversAnyOwnOrNone(Permission p, String user, String createdBy, String organizer, boolean allowed) {
        assertEquals(allowed, ActivityPermissions.allows(p, user, createdBy, organizer));
        assertEquals(!allowed, ActivityPermissions.refusal(ActivityPermissions.Action.EDIT, p, user, createdBy,
                organizer).isPresent());
    }

    @Test
    void aUserTheFirmDoesNotListMayDoNothing() {
        assertEquals(false, ActivityPermissions.allows(null, "mallory", "mallory", null));
        assertEquals(Optional.of("'mallory' is not a user of this firm and may not delete activities"),
                ActivityPermissions.refusal(ActivityPermissions.Action.DELETE, null, "mallory", "mallory", null));
    }

    @Test
    void refusalsSayWhichPermissionIsMissing() {
        String own = ActivityPermissions.refusal(ActivityPermissions.Action.EDIT, Permission.OWN, "bob", "dave", null)
                .orElseThrow();
        assertTrue(own.contains("only activities they created or organize") && own.contains("edit permission OWN"), own);
        String none = ActivityPermissions.refusal(ActivityPermissions.Action.DELETE, Permission.NONE, "carol", "carol",
                null).orElseThrow();
        assertEquals("'carol' may not delete activities (delete permission NONE)", none);
    }
}
