package io.docketsync.activity.domain;

import io.docketsync.contracts.ActivityKind;
import io.docketsync.contracts.Office365Settings;

/** "Always push appointments / tasks to Outlook": the default of a new activity's push flag, which the
 * user may override per activity. */
public final class PushDefault {
    private PushDefault() {
    }

    public static boolean forNew(ActivityKind kind, Office365Settings firm, Boolean requested) {
        if (requested != null) {
            return requested;
        }
        Office365Settings s = firm == null ? Office365Settings.defaults() : firm;
        return kind == ActivityKind.TASK ? s.alwaysPushTasks() : s.alwaysPushAppointments();
    }

    /** An update that leaves the flag out keeps what the activity had: the default applies only on create. */
    public static boolean forUpdate(boolean current, Boolean requested) {
        return requested == null ? current : requested;
    }
}
