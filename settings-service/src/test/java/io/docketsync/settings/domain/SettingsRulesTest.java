package io.docketsync.settings.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docketsync.contracts.Office365Settings;
import io.docketsync.contracts.Permission;
import io.docketsync.api.Violation;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SettingsRulesTest {

    @Test
    void everySwitchIsRequired() {
        assertEquals(List.of(), SettingsRules.check(true, false, false, false, null));
        assertEquals("alwaysPushAppointments,alwaysPushTasks,useOrganizerForActivities,createNewFromOffice",
                fields(SettingsRules.check(null, null, null, null, "")));
    }

    @Test
    void thePrefixIsTrimmedAndShort() {
        assertEquals(List.of(), SettingsRules.check(true, true, true, true, "  " + "p".repeat(50) + "  "));
        assertEquals(List.of(new Violation("createNewPrefix", "at most 50 characters (got 51)")),
                SettingsRules.check(true, true, true, true, "p".repeat(51)));
        assertEquals(new Office365Settings(true, false, true, true, "CB:"),
                SettingsRules.settings(true, false, true, true, "  CB: "));
        assertEquals("", SettingsRules.settings(true, false, true, true, null).createNewPrefix());
    }

    @Test
    void aUserNeedsAnIdANameAnAddressAndEveryPermission() {
        assertEquals(List.of(), SettingsRules.checkUser("erin", "Erin Vale", "erin@halemarsh.test", false,
                Permission.OWN, Permission.NONE, true));
        assertEquals("id,displayName,email,admin,edit,delete,active",
                fields(SettingsRules.checkUser("e r", " ", null, null, null, null, null)));
        assertEquals("displayName,email", fields(SettingsRules.checkUser("erin", "x".repeat(201), "not-an-address",
                true, Permission.ANY, Permission.ANY, true)));
    }

    private static String fields(List<Violation> v) {
        return v.stream().map(Violation::field).collect(Collectors.joining(","));
    }

    @Test
    void theDeletionBurstValveIsBoundedAndOptional() {
        assertEquals(List.of(), SettingsRules.checkMassDelete(null, null));
        assertEquals(List.of(), SettingsRules.checkMassDelete(0, 1));
        assertEquals(List.of(), SettingsRules.checkMassDelete(10_000, 1440));
        assertEquals(List.of("massDeleteThreshold", "massDeleteWindowMinutes"), SettingsRules.checkMassDelete(-1, 0)
                .stream().map(io.docketsync.api.Violation::field).toList());
        assertEquals(List.of("massDeleteThreshold", "massDeleteWindowMinutes"), SettingsRules
                .checkMassDelete(10_001, 1441).stream().map(io.docketsync.api.Violation::field).toList());
        var current = SettingsRules.settings(true, false, false, false, "", null, null, 7, 15, null);
        var kept = SettingsRules.settings(true, false, false, false, "", null, null, null, null, current);
        assertEquals(7, kept.massDeleteThreshold());
        assertEquals(15, kept.massDeleteWindowMinutes());
        assertEquals(20, SettingsRules.settings(true, false, false, false, "").massDeleteThreshold());
        assertEquals(10, SettingsRules.settings(true, false, false, false, "").massDeleteWindowMinutes());
    }
}
