package io.docketsync.activity.service;

import io.docketsync.activity.domain.ActivityDraft;
import io.docketsync.activity.domain.ActivityPermissions;
import io.docketsync.activity.domain.ActivityValidation;
import io.docketsync.activity.persistence.ActivityEntity;
import io.docketsync.activity.persistence.FirmContext;
import io.docketsync.api.ProblemException;
import io.docketsync.api.ProblemType;
import io.docketsync.api.Violation;
import io.docketsync.contracts.Permission;
import java.util.List;

/**
 * The domain's answers about a caller, given what this service knows of the firm, turned into the problems the API
 * answers (403, 422).
 */
final class CallerChecks {
    private CallerChecks() {
    }

    /**
     * Only users the firm's settings list as active may change activities (settings.changes.v1, projected here):
     * a token alone does not make someone a member of the firm.
     */
    static void requireActiveUser(FirmContext firm, String userId) {
        var user = firm.user(userId);
        if (user == null) {
            throw new ProblemException(ProblemType.NOT_A_FIRM_USER, "'" + userId + "' is not a user of this firm "
                    + "(its settings do not list them): only the firm's users may change its activities");
        }
        if (!user.active) {
            throw new ProblemException(ProblemType.USER_DEACTIVATED, "'" + userId + "' is deactivated in this firm: "
                    + "a deactivated user may not change activities");
        }
    }

    static void refuseUnless(ActivityPermissions.Action action, Permission permission, String userId,
            ActivityEntity a) {
        ActivityPermissions.refusal(action, permission, userId, a.createdBy, a.organizerId).ifPresent(why -> {
            throw ProblemException.forbidden(why);
        });
    }

    static void requireKnownUsers(ActivityDraft draft, FirmContext firm, List<String> alreadyNamed) {
        List<Violation> unknown = ActivityValidation.unknownUsers(draft, firm.userIds(), firm.activeUserIds(),
                alreadyNamed);
        if (!unknown.isEmpty()) {
            throw ProblemException.unknownReferences(unknown);
        }
    }
}
