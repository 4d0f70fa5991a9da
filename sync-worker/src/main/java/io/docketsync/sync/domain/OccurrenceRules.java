package io.docketsync.sync.domain;

import io.docketsync.contracts.ActivityCommand;
import io.docketsync.contracts.Permission;
import java.util.ArrayList;
import java.util.List;

/**
 * Office 365 → app for one occurrence of a series (DESIGN.md section 3, "Recurring activities"): what user U did to
 * an occurrence in Outlook, found by comparing Outlook's occurrences with the activity's ({@link SeriesView}), judged
 * by the same permission rules as a whole event, applied to that occurrence only. No I/O.
 * <ul>
 * <li>a changed occurrence: with edit permission it becomes the activity's exception (for everyone); without, the
 * activity's version is restored in U's calendar;</li>
 * <li>a deleted occurrence: with delete permission the activity cancels that occurrence (for everyone); without,
 * the activity keeps it (Graph cannot make an occurrence again within its series, so nothing is written);</li>
 * <li>an attendee's copy of a meeting follows its organizer; an occurrence the activity cancelled and Outlook still
 * shows is the writer's to delete.</li>
 * </ul>
 */
public final class OccurrenceRules {
    private OccurrenceRules() {
    }

    /** @param series the series' event id in U's mailbox (what the differences were read from) */
    public static List<InboundEffect> effects(String user, EventLink link, LinkedActivity activity, Permission edit,
            Permission delete, String zone, String series, List<SeriesView.Difference> differences) {
        List<InboundEffect> effects = new ArrayList<>();
        if (link == null || activity == null || link.role() == EventLink.Role.ATTENDEE) {
            return effects;
        }
        boolean restore = false;
        for (SeriesView.Difference d : differences) {
            if (d instanceof SeriesView.Changed changed) {
                if (InboundRules.allows(edit, user, activity)) {
                    SeriesView.Shown a = changed.actual();
                    effects.add(new InboundEffect.OccurrenceCommand(ActivityCommand.Type.SET_OCCURRENCE,
                            activity.activityId(), changed.originalStart(), new ActivityCommand.Fields(a.subject(),
                                    a.body(), a.location(), a.start(), a.end(), false, zone),
                            changed.eventId() + "|" + a.start() + "|" + a.end() + "|" + a.subject() + "|"
                                    + a.location() + "|" + a.body()));
                } else {
                    restore = true;
                }
            } else if (d instanceof SeriesView.Missing missing && InboundRules.allows(delete, user, activity)) {
                effects.add(new InboundEffect.OccurrenceCommand(ActivityCommand.Type.CANCEL_OCCURRENCE,
                        activity.activityId(), missing.originalStart(), null, "cancelled"));
            }
        }
        if (restore) {
            effects.add(new InboundEffect.Restore(activity.activityId(), link.role(), series));
        }
        return effects;
    }
}
