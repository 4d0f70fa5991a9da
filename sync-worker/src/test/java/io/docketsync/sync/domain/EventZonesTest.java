package io.docketsync.sync.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventZonesTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "Pacific Standard Time,        America/Los_Angeles",
        "Eastern Standard Time,        America/New_York",
        "GMT Standard Time,            Europe/London",
        "W. Europe Standard Time,      Europe/Berlin",
        "AUS Eastern Standard Time,    Australia/Sydney",
        "UTC,                          UTC",
        "Europe/London,                Europe/London",
        "America/New_York,             America/New_York",
    })
    void windowsNamesBecomeIanaIdsAndIanaIdsStay(String name, String iana) {
        assertEquals(iana, EventZones.toIana(name));
    }

    @ParameterizedTest(name = "\"{0}\" -> null")
    @CsvSource({"tzone://Microsoft/Custom", "Not A Zone", "''"})
    void noZoneTheApplicationCanKeep(String name) {
        assertNull(EventZones.toIana(name));
    }
}
