package io.docketsync.sync.domain;

import io.docketsync.contracts.ActivityCommand;
import io.docketsync.contracts.Permission;
import io.docketsync.contracts.EventContent;
import java.time.LocalDate;
import java.time.ZoneId;
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

    /** A deleted occurrence's part of its command id (with the user, the series and the original start). */
    private static final String CANCELLED = "cancelled";

    /**
     * What names an occurrence's change in its command id, with the user and the series: the same change judged
     * again (an occurrence's series is judged against what was last written to the mailbox, which may not show the
     * user's changes taken since) is the same command, which activity-service applies once, whichever rule made it.
     */
    private static String version(SeriesView.Changed changed) {
        SeriesView.Shown a = changed.actual();
        return changed.eventId() + "|" + a.start() + "|" + a.end() + "|" + a.subject() + "|" + a.location() + "|"
                + a.body();
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
                                    a.body(), a.location(), a.start(), a.end(), false, zone), version(changed)));
                } else {
                    restore = true;
                }
            } else if (d instanceof SeriesView.Missing missing && InboundRules.allows(delete, user, activity)) {
                effects.add(new InboundEffect.OccurrenceCommand(ActivityCommand.Type.CANCEL_OCCURRENCE,
                        activity.activityId(), missing.originalStart(), null, CANCELLED));
            }
        }
        if (restore) {
            effects.add(new InboundEffect.Restore(activity.activityId(), link.role(), series));
        }
        return effects;
    }

    /**
     * A series made in Outlook becomes one recurring activity (CREATE_FROM_OFFICE from its master, which carries the
     * pattern only); the occurrences its maker had already changed or deleted there become that activity's
     * exceptions, one occurrence command each, sent after the create. {@code occurrences} are the series' as read
     * over [from, to] and a week beyond each side; original starts in [from, to] are compared.
     */
    public static List<InboundEffect.OccurrenceCommand> madeInOutlook(String activityId, OfficeEvent master,
            List<OfficeEvent> occurrences, LocalDate from, LocalDate to) {
        List<InboundEffect.OccurrenceCommand> effects = new ArrayList<>();
        if (!master.seriesMaster() || master.series().recurrence() == null || master.start() == null
                || master.end() == null) {
            return effects;
        }
        String zone = activityZone(master);
        EventContent series = new EventContent(master.subject(), master.body(), master.location(),
                inZone(master.start(), master.timeZone(), zone), inZone(master.end(), master.timeZone(), zone),
                master.allDay(), zone, List.of(), master.series().recurrence().normalized(), List.of());
        for (SeriesView.Difference d : SeriesView.differences(series, occurrences, from, to)) {
            if (d instanceof SeriesView.Changed changed) {
                SeriesView.Shown a = changed.actual();
                effects.add(new InboundEffect.OccurrenceCommand(ActivityCommand.Type.SET_OCCURRENCE, activityId,
                        changed.originalStart(), new ActivityCommand.Fields(a.subject(), a.body(), a.location(),
                                a.start(), a.end(), false, zone), version(changed)));
            } else if (d instanceof SeriesView.Missing missing) {
                effects.add(new InboundEffect.OccurrenceCommand(ActivityCommand.Type.CANCEL_OCCURRENCE, activityId,
                        missing.originalStart(), null, CANCELLED));
            }
        }
        return effects;
    }

    /**
     * The zone activity-service gives an activity made from an event (its series' recurrence zone, else the zone the
     * event was made in, else the zone its times are in): occurrences are keyed by original start in that zone.
     */
    static String activityZone(OfficeEvent master) {
        String recurrenceZone = master.series() == null || master.series().recurrence() == null
                || master.series().recurrence().range() == null ? null
                        : master.series().recurrence().range().recurrenceTimeZone();
        for (String candidate : new String[] {recurrenceZone, master.originalTimeZone(), master.timeZone()}) {
            // as activity-service's validation: an IANA name (an offset such as +02:00 does not follow DST)
            if (candidate != null && (candidate.contains("/") || candidate.equals("UTC"))
                    && SeriesView.zone(candidate).getId().equals(candidate)) {
                return candidate;
            }
        }
        return "UTC";
    }

    private static java.time.LocalDateTime inZone(java.time.LocalDateTime t, String from, String to) {
        return t.atZone(SeriesView.zone(from)).withZoneSameInstant(ZoneId.of(to)).toLocalDateTime();
    }
}
