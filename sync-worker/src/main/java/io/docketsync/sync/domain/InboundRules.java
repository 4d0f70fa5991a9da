package io.docketsync.sync.domain;

import io.docketsync.contracts.Office365Settings;
import io.docketsync.contracts.Permission;
import io.docketsync.sync.domain.InboundDecision.Kind;
import java.time.Instant;
import java.util.Locale;

/**
 * Office 365 → app (DESIGN.md section 3, "Once synced, always in sync"), decided without any I/O for one change in
 * user U's mailbox. The seed's rules: a permitted edit updates the activity, a restricted one detaches U with a
 * new activity of their own; a permitted deletion deletes the activity, a restricted one only removes U; new
 * events come over only with two-way sync on and the prefix matching; invitations for our meetings are linked.
 * Two-way sync applies to events created after it was turned on: what was made in Outlook while it was off stays
 * there (Import from Office 365 brings such events over), however late its notification is read.
 */
public final class InboundRules {

    private InboundRules() {
    }

    /** A changed (created or updated) event in the context's user's mailbox. */
    public static InboundDecision changed(InboundContext c) {
        String user = c.user();
        OfficeEvent event = c.event();
        EventLink link = c.link();
        LinkedActivity activity = c.activity();
        LinkedActivity sameMeeting = c.sameMeeting();
        Office365Settings settings = c.settings();
        boolean waitForOwnWrites = c.waitForOwnWrites();
        Instant createNewSince = c.createNewSince();
        Permission edit = c.edit();
        if (link != null && activity != null) {
            if (event.changeKey() != null && event.changeKey().equals(c.recordedChangeKey())) {
                return InboundDecision.of(Kind.IGNORE, activity.activityId(), "echo of our own write");
            }
            Long written = event.writtenVersionOf(activity.activityId());
            if (waitForOwnWrites && written != null && written > activity.pushedVersion()) {
                // without this, our write's echo would look like an Outlook edit made at our write's time
                return InboundDecision.of(Kind.AWAIT_OWN_WRITE, activity.activityId(), "holds our write of version "
                        + written + ", not recorded yet (version " + activity.pushedVersion() + " is)");
            }
            if (waitForOwnWrites && c.linkRecordedSinceRead() && written != null
                    && written < activity.pushedVersion()) {
                // read before our write of a newer version landed, judged after it was recorded: taken for an Outlook
                // edit, the older version as read would be written back over the newer one
                return InboundDecision.of(Kind.AWAIT_OWN_WRITE, activity.activityId(), "read holding our version "
                        + written + " before our write of version " + activity.pushedVersion() + " was recorded");
            }
            if (event.isCancelled()) {
                return InboundDecision.of(Kind.IGNORE, activity.activityId(),
                        "meeting cancelled by its organizer; the organizer's change is handled there");
            }
            if (link.role() == EventLink.Role.ATTENDEE) {
                return InboundDecision.of(Kind.IGNORE, activity.activityId(),
                        "an attendee's copy of a meeting follows its organizer");
            }
            boolean appChangedSincePush = activity.version() > activity.pushedVersion();
            if (appChangedSincePush && activity.appModifiedAt() != null && event.lastModified() != null
                    && activity.appModifiedAt().isAfter(event.lastModified())) {
                return InboundDecision.of(Kind.REPUSH_APP_VERSION, activity.activityId(),
                        "both sides changed; the application's change is later and wins");
            }
            if (allows(edit, user, activity)) {
                return InboundDecision.of(Kind.UPDATE_ACTIVITY, activity.activityId(), appChangedSincePush
                        ? "both sides changed; the Office 365 change is later and wins" : "edited in Office 365");
            }
            if (madeFrom(event, activity)) {
                // the user's own edited copy (or an activity made from their event): it exists because of this event,
                // so their later edits update it whatever their permission, and are never dropped
                return InboundDecision.of(Kind.UPDATE_ACTIVITY, activity.activityId(),
                        "edited in Office 365: the activity was made from this very event");
            }
            if (settings.whenEditing() == Office365Settings.WhenEditing.RESTORE_EVENT) {
                return InboundDecision.of(Kind.RESTORE_EVENT, activity.activityId(), "edited in Office 365 by a user "
                        + "restricted from editing this activity; When Editing: the activity's version is restored");
            }
            return InboundDecision.of(Kind.DETACH_AND_CREATE, activity.activityId(),
                    "edited in Office 365 by a user restricted from editing this activity");
        }
        if (event.isCancelled()) {
            return InboundDecision.of(Kind.IGNORE, null, "a cancelled meeting is not a new activity");
        }
        if (sameMeeting != null && c.sameMeetingIsOurs()) {
            return sameMeeting.scheduledFor().contains(user)
                    ? InboundDecision.of(Kind.LINK_INVITATION, sameMeeting.activityId(), "invitation for a meeting we pushed")
                    : InboundDecision.of(Kind.JOIN_ACTIVITY, sameMeeting.activityId(),
                            "invited to a meeting we pushed from Outlook by its organizer");
        }
        if (event.stampedActivity() != null) {
            // docketsync wrote this event (our property names the activity) and the writer has not recorded the
            // link yet. Never a new activity, or every push would come back as a second one with two-way sync on;
            // and judged again once linked, as the user may have edited it already (an echo of the write itself
            // is known by its change key before this rule is asked).
            return waitForOwnWrites
                    ? InboundDecision.of(Kind.AWAIT_OWN_WRITE, event.stampedActivity(), "docketsync's own event for "
                            + "activity " + event.stampedActivity() + ", not linked yet")
                    : InboundDecision.of(Kind.IGNORE, event.stampedActivity(), "docketsync's own event for activity "
                            + event.stampedActivity() + ", never linked");
        }
        if (c.writtenByUs()) {
            // the same, for an answer without our property (a delta round): known by the id our write was answered
            // with, before the writer records its link
            return InboundDecision.of(Kind.IGNORE, null, "docketsync's own event (an id one of our writes was"
                    + " answered with), not linked yet");
        }
        if (!settings.createNewFromOffice()) {
            return InboundDecision.of(Kind.IGNORE, null, "two-way sync is off (Create New from Office)");
        }
        if (sameMeeting != null) {
            return InboundDecision.of(Kind.JOIN_ACTIVITY, sameMeeting.activityId(),
                    "the same meeting is already an activity of another firm user");
        }
        if (createNewSince != null && event.created() != null && event.created().isBefore(createNewSince)) {
            return InboundDecision.of(Kind.IGNORE, null, "created in Office 365 before two-way sync was turned on"
                    + " (Import from Office 365 brings it over)");
        }
        if (!matchesPrefix(event.subject(), settings.createNewPrefix())) {
            return InboundDecision.of(Kind.IGNORE, null, "subject does not start with the prefix '"
                    + settings.createNewPrefix().trim() + "'");
        }
        return InboundDecision.of(Kind.CREATE_ACTIVITY, null, "created in Office 365");
    }

    /**
     * When two-way sync counts from after a settings change made at {@code changedAt}: unchanged while it stays on,
     * the change's time when it is turned on (or first seen on), null while it is off.
     */
    public static Instant createNewSince(Office365Settings previous, Instant previousSince, Office365Settings next,
            Instant changedAt) {
        if (!next.createNewFromOffice()) {
            return null;
        }
        if (previous != null && previous.createNewFromOffice() && previousSince != null) {
            return previousSince;
        }
        return changedAt;
    }

    /** A deleted event of U's mailbox under the seed's When Deleting rule. */
    public static InboundDecision deleted(String user, EventLink link, LinkedActivity activity, Permission delete,
            boolean ourDeletion) {
        return deleted(user, link, activity, Office365Settings.defaults(), delete, ourDeletion);
    }

    /** A deleted event of U's mailbox; {@code ourDeletion} when the writer was deleting that event itself. */
    public static InboundDecision deleted(String user, EventLink link, LinkedActivity activity,
            Office365Settings settings, Permission delete, boolean ourDeletion) {
        return deleted(user, link, activity, settings, delete, ourDeletion, false, false);
    }

    /**
     * @param madeByUsNotLinkedYet an unlinked event one of our writes was answered with (a create whose wave has not
     *        recorded its link yet, or one whose link was removed and is gone for good: EventLinks.remove forgets the
     *        writes then)
     * @param waitForOwnWrites false once the worker has waited long enough for that record: judged as it stands
     */
    public static InboundDecision deleted(String user, EventLink link, LinkedActivity activity,
            Office365Settings settings, Permission delete, boolean ourDeletion, boolean madeByUsNotLinkedYet,
            boolean waitForOwnWrites) {
        if (link == null && madeByUsNotLinkedYet && waitForOwnWrites) {
            // the user deleted the event we had just made, before our write stage linked it: judged once it has,
            // else the deletion would be missed and the link recorded afterwards would name a deleted event
            return InboundDecision.of(Kind.AWAIT_OWN_WRITE, null, "deleted before our write of it was recorded");
        }
        if (link == null || activity == null) {
            return InboundDecision.of(Kind.IGNORE, null, "not linked to an activity");
        }
        if (ourDeletion) {
            return InboundDecision.of(Kind.IGNORE, activity.activityId(), "echo of our own deletion");
        }
        if (link.role() != EventLink.Role.ATTENDEE && madeFrom(link.eventId(), activity)
                && activity.scheduledFor().equals(java.util.List.of(user))) {
            // the user's own edited copy, scheduled for them alone: removing them would leave it for no one
            return InboundDecision.of(Kind.DELETE_ACTIVITY, activity.activityId(),
                    "deleted in Office 365: the activity was made from this very event, for this user alone");
        }
        if (link.role() != EventLink.Role.ATTENDEE && !allows(delete, user, activity)
                && settings.whenDeleting() == Office365Settings.WhenDeleting.RESTORE_EVENT) {
            return InboundDecision.of(Kind.RESTORE_EVENT, activity.activityId(), "deleted in Office 365 by a user "
                    + "restricted from deleting this activity; When Deleting: the event is restored");
        }
        if (link.role() == EventLink.Role.ATTENDEE || allows(delete, user, activity) == false) {
            return InboundDecision.of(Kind.REMOVE_USER, activity.activityId(), link.role() == EventLink.Role.ATTENDEE
                    ? "removed a meeting invitation from their calendar"
                    : "deleted in Office 365 by a user restricted from deleting this activity");
        }
        return InboundDecision.of(Kind.DELETE_ACTIVITY, activity.activityId(), "deleted in Office 365");
    }

    /** The activity was made from this event (Create New, Import, a restricted user's edited copy). */
    static boolean madeFrom(String eventId, LinkedActivity activity) {
        return eventId != null && StableIds.activityFromEvent(eventId).equals(activity.activityId());
    }

    private static boolean madeFrom(OfficeEvent event, LinkedActivity activity) {
        return madeFrom(event.eventId(), activity);
    }

    /** Blank prefix: everything; otherwise the trimmed subject starts with the trimmed prefix, ignoring case. */
    public static boolean matchesPrefix(String subject, String prefix) {
        String p = prefix == null ? "" : prefix.trim();
        if (p.isEmpty()) {
            return true;
        }
        return subject != null && subject.trim().toLowerCase(Locale.ROOT).startsWith(p.toLowerCase(Locale.ROOT));
    }

    /** ANY covers every activity, OWN those the user created or organizes, NONE nothing. */
    public static boolean allows(Permission permission, String user, LinkedActivity activity) {
        return switch (permission == null ? Permission.NONE : permission) {
            case ANY -> true;
            case OWN -> user.equals(activity.createdBy()) || user.equals(activity.organizerId());
            case NONE -> false;
        };
    }
}
