package io.docketsync.sync.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.docketsync.contracts.FirmUser;
import io.docketsync.contracts.Office365Settings;
import io.docketsync.contracts.SettingsChanged;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The firm's settings and addresses are read once per text, and a new text is read anew. */
class FirmProjectionTest {
    private static final FirmUser ALICE = new FirmUser("alice", "Alice", "alice@halemarsh.test", true, null, null, true);

    private static FirmProjection firm(String firmId, Office365Settings settings, List<FirmUser> users, long version) {
        FirmProjection f = new FirmProjection();
        f.apply(new SettingsChanged(firmId, settings, users, version), Instant.parse("2026-12-02T09:00:00Z"));
        return f;
    }

    @Test
    void settingsAreReadOncePerTextAndAnewWhenTheyChange() {
        Office365Settings defaults = Office365Settings.defaults();
        FirmProjection first = firm("projection-test-1", defaults, List.of(ALICE), 1);
        Office365Settings read = first.settings();
        assertEquals(defaults, read);
        // the same text loaded again (another transaction's entity): the settings read before
        FirmProjection again = firm("projection-test-1", defaults, List.of(ALICE), 1);
        assertSame(read, again.settings());

        Office365Settings prefixed = new Office365Settings(defaults.alwaysPushAppointments(),
                defaults.alwaysPushTasks(), defaults.useOrganizerForActivities(), true, "[O365] ",
                defaults.whenDeleting(), defaults.whenEditing(), 5, 3);
        FirmProjection changed = firm("projection-test-1", prefixed, List.of(ALICE), 2);
        assertEquals(prefixed, changed.settings(), "a new text is read, not the settings kept before");
        assertEquals(defaults, firm("projection-test-2", defaults, List.of(), 1).settings(), "per firm");
    }

    @Test
    void addressesFollowTheListOfUsers() {
        FirmProjection one = firm("projection-test-3", Office365Settings.defaults(), List.of(ALICE), 1);
        assertEquals("alice@halemarsh.test", one.emails().get("alice"));
        FirmUser bob = new FirmUser("bob", "Bob", "bob@halemarsh.test", false, null, null, true);
        FirmProjection two = firm("projection-test-3", Office365Settings.defaults(), List.of(ALICE, bob), 2);
        assertEquals("bob@halemarsh.test", two.emails().get("bob"));
    }
}
