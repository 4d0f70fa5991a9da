package io.docketsync.activity.persistence;

import io.docketsync.contracts.ConnectionState;
import io.docketsync.contracts.Office365Settings;
import io.docketsync.contracts.Permission;
import java.util.Map;
import java.util.Set;

/**
 * What this service knows of one firm from the settings and connections topics. Kept between saves (FirmDirectory),
 * so what every save asks of it, such as its active users, is worked out once here rather than per save.
 */
public record FirmContext(String firmId, Office365Settings settings, long settingsVersion,
        Map<String, FirmUserEntity> users, Map<String, ConnectionEntity> connections, Set<String> activeUserIds) {

    public FirmContext(String firmId, Office365Settings settings, long settingsVersion,
            Map<String, FirmUserEntity> users, Map<String, ConnectionEntity> connections) {
        this(firmId, settings, settingsVersion, users, connections, activeOf(users));
    }

    private static Set<String> activeOf(Map<String, FirmUserEntity> users) {
        return users.values().stream().filter(u -> u.active).map(u -> u.userId)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Settings and users not heard of yet: the firm has no users, and the defaults apply. */
    public boolean known() {
        return settings != null;
    }

    public Set<String> userIds() {
        return users.keySet();
    }

    public FirmUserEntity user(String userId) {
        return users.get(userId);
    }

    public Permission editPermission(String userId) {
        FirmUserEntity u = users.get(userId);
        return u == null ? null : u.editPermission;
    }

    public Permission deletePermission(String userId) {
        FirmUserEntity u = users.get(userId);
        return u == null ? null : u.deletePermission;
    }

    public boolean connected(String userId) {
        ConnectionEntity c = connections.get(userId);
        return c != null && c.state == ConnectionState.CONNECTED;
    }
}
