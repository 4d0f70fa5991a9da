package io.docketsync.activity.domain;

import io.docketsync.contracts.ActivityKind;

/** "When creating an activity, if the creator is connected to Outlook, they will be the default Organizer." */
public final class OrganizerDefault {
    private OrganizerDefault() {
    }

    public static String forNew(ActivityKind kind, String requested, String creatorId, boolean creatorConnected) {
        if (requested != null || kind != ActivityKind.APPOINTMENT) {
            return requested;
        }
        return creatorConnected ? creatorId : null;
    }
}
