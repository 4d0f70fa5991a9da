package io.docketsync.simulator.state;

import io.docketsync.simulator.api.GraphException;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Graph accepts Windows time zone names and IANA ids; it writes dateTime with seven fractional digits. */
public final class TimeZones {
    private static final DateTimeFormatter GRAPH = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS");
    private static final Map<String, String> WINDOWS = Map.ofEntries(
            Map.entry("utc", "UTC"),
            Map.entry("coordinated universal time", "UTC"),
            Map.entry("tzone://microsoft/utc", "UTC"),
            Map.entry("gmt standard time", "Europe/London"),
            Map.entry("greenwich standard time", "Atlantic/Reykjavik"),
            Map.entry("w. europe standard time", "Europe/Berlin"),
            Map.entry("romance standard time", "Europe/Paris"),
            Map.entry("central europe standard time", "Europe/Budapest"),
            Map.entry("central european standard time", "Europe/Warsaw"),
            Map.entry("e. europe standard time", "Europe/Chisinau"),
            Map.entry("eastern standard time", "America/New_York"),
            Map.entry("central standard time", "America/Chicago"),
            Map.entry("mountain standard time", "America/Denver"),
            Map.entry("us mountain standard time", "America/Phoenix"),
            Map.entry("pacific standard time", "America/Los_Angeles"),
            Map.entry("alaskan standard time", "America/Anchorage"),
            Map.entry("hawaiian standard time", "Pacific/Honolulu"),
            Map.entry("india standard time", "Asia/Kolkata"),
            Map.entry("tokyo standard time", "Asia/Tokyo"),
            Map.entry("china standard time", "Asia/Shanghai"),
            Map.entry("aus eastern standard time", "Australia/Sydney"),
            Map.entry("new zealand standard time", "Pacific/Auckland"));

    private TimeZones() {
    }

    /** The zone a Graph time zone name stands for; Graph's error when it knows no such zone. */
    public static ZoneId zone(String name) {
        if (name == null || name.isBlank()) {
            return ZoneOffset.UTC;
        }
        String iana = WINDOWS.get(name.trim().toLowerCase(java.util.Locale.ROOT));
        try {
            return ZoneId.of(iana != null ? iana : name.trim());
        } catch (DateTimeException e) {
            throw new GraphException(400, "TimeZoneNotSupportedException",
                    "A valid TimeZone value must be specified. The following TimeZone value is not supported: '"
                            + name + "'.");
        }
    }

    public static LocalDateTime parse(String dateTime) {
        if (dateTime == null) {
            throw GraphException.badRequest("dateTime is required in a dateTimeTimeZone value.");
        }
        String s = dateTime.trim();
        if (s.endsWith("Z")) {
            s = s.substring(0, s.length() - 1);
        }
        try {
            return LocalDateTime.parse(s);
        } catch (DateTimeParseException e) {
            throw GraphException.badRequest("Cannot convert the literal '" + dateTime + "' to the expected type 'Edm.String'.");
        }
    }

    public static String format(LocalDateTime dateTime) {
        return GRAPH.format(dateTime);
    }
}
