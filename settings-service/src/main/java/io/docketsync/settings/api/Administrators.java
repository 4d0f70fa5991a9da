package io.docketsync.settings.api;

import io.docketsync.api.ProblemException;
import io.docketsync.api.ProblemType;
import io.docketsync.settings.persistence.FirmUserEntity;
import io.smallrye.mutiny.Uni;

/**
 * The token's admin role is not enough when the firm itself has deactivated that user: a deactivated administrator
 * changes nothing (403 user-deactivated). A user the firm does not list yet may act on the role alone, since the
 * firm's first administrator has to create the users.
 */
final class Administrators {
    private Administrators() {
    }

    static Uni<Void> requireNotDeactivated(String firmId, String userId) {
        return FirmUserEntity.<FirmUserEntity>findById(new FirmUserEntity.Key(firmId, userId)).map(u -> {
            if (u != null && !u.active) {
                throw new ProblemException(ProblemType.USER_DEACTIVATED, "'" + userId + "' is deactivated in this "
                        + "firm: a deactivated administrator may not change its settings or users");
            }
            return null;
        });
    }
}
