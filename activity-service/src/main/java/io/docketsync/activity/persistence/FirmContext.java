package io.docketsync.activity.persistence;

import io.docketsync.contracts.ConnectionState;
import io.docketsync.contracts.Office365Settings;
import io.docketsync.contracts.Permission;
import java.util.Map;
import java.util.Set;

/** What this service knows of one firm from the settings and connections topics. */
public record FirmContext(String firmId, Office365Settings settings, long settingsVersion,
        Map<String, FirmUserEntity> users, Map<String, ConnectionEntity> connections) {

    /** Settings and users not heard of yet: the firm has no users, and the defaults apply. */
    public boolean known() {
        return settings != null;
    }

    public Set<String> userIds() {
        return users.keySet();
    }

    public Set<String> activeUserIds() {
        return users.values().stream().filter(u -> u.active).map(u -> u.userId)
                .collect(java.util.stream.Collectors.toSet());
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
