package io.docketsync.sync.domain;

import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * The zone an Outlook event was made in, as an IANA id. Graph's {@code originalStartTimeZone} holds a Windows name
 * ("Pacific Standard Time") or an IANA id, or {@code tzone://Microsoft/Custom} for a legacy custom zone.
 */
public final class EventZones {
    private EventZones() {
    }

    /** The IANA id of a Windows or IANA zone name; null when it names no zone the application can keep. */
    public static String toIana(String name) {
        if (name == null || name.isBlank() || name.startsWith("tzone://")) {
            return null;
        }
        try {
            return ZoneId.of(name.trim()).getId(); // an IANA id (or UTC) stays as it is
        } catch (DateTimeException notIana) {
            String windows = com.ibm.icu.util.TimeZone.getIDForWindowsID(name.trim(), null);
            try {
                return windows == null ? null : ZoneId.of(windows).getId();
            } catch (DateTimeException e) {
                return null;
            }
        }
    }
}
