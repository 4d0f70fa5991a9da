package io.docketsync.contracts;

public record FirmUser(String userId, String displayName, String email, boolean admin, Permission edit,
        Permission delete, boolean active) {
}
