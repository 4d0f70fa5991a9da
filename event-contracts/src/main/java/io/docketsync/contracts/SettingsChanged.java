package io.docketsync.contracts;

import java.util.List;

/** On compacted {@link Topics#SETTINGS_CHANGES}: the whole state of one firm, so the latest record per
 * firm is all a projection needs. */
public record SettingsChanged(String firmId, Office365Settings settings, List<FirmUser> users, long version) {
    public static final String TYPE = "io.docketsync.settings.changed.v1";
}
