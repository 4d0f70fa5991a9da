package io.docketsync.activity.domain;

import io.docketsync.contracts.Permission;
import java.util.Optional;

/**
 * Who may edit or delete an activity (DESIGN.md section 3): ANY activity, OWN ones (created or organized by
 * the user), or NONE. A user the firm does not list has no permission.
 */
public final class ActivityPermissions {
    private ActivityPermissions() {
    }

    public enum Action {
        EDIT("edit"), DELETE("delete");

        final String verb;

        Action(String verb) {
            this.verb = verb;
        }
    }

    public static boolean allows(Permission permission, String userId, String createdBy, String organizerId) {
        if (permission == null) {
            return false;
        }
        return switch (permission) {
            case ANY -> true;
            case OWN -> userId != null && (userId.equals(createdBy) || userId.equals(organizerId));
            case NONE -> false;
        };
    }

    /** Why the user may not do it, or empty when they may. */
    public static Optional<String> refusal(Action action, Permission permission, String userId, String createdBy,
            String organizerId) {
        if (allows(permission, userId, createdBy, organizerId)) {
            return Optional.empty();
        }
        if (permission == null) {
            return Optional.of("'" + userId + "' is not a user of this firm and may not " + action.verb + " activities");
        }
        return Optional.of(switch (permission) {
            case OWN -> "'" + userId + "' may " + action.verb
                    + " only activities they created or organize (" + action.verb + " permission OWN)";
            case NONE -> "'" + userId + "' may not " + action.verb + " activities (" + action.verb + " permission NONE)";
            case ANY -> throw new IllegalStateException("ANY always allows");
        });
    }
}
