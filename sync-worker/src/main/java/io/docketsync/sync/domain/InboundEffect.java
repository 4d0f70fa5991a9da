package io.docketsync.sync.domain;

import io.docketsync.contracts.ActivityCommand;

/**
 * One thing the inbound flow does about a change in user U's mailbox, decided by {@link InboundEffects} and applied
 * in order by the inbound service. "The event" is the one the notification names.
 */
public sealed interface InboundEffect {

    /** The event's link now records this change key (the change became the activity's). */
    record RecordChangeKey(String changeKey) implements InboundEffect {
    }

    /** The event no longer belongs to the activity it was linked to. */
    record Unlink() implements InboundEffect {
    }

    /**
     * The event is linked to {@code activityId} in this role. {@code withChangeKey} false: the event is to be written
     * once more (the activity's own push then stamps it), so its current change key must not count as ours.
     */
    record Link(String activityId, EventLink.Role role, boolean withChangeKey) implements InboundEffect {
    }

    /**
     * A command for activity-service. {@code withContent}: it carries the event's content and link;
     * {@code version} names the change, so the same change judged twice gives the same command id.
     */
    record Command(ActivityCommand.Type type, String activityId, String newActivityId, boolean withContent,
            String version) implements InboundEffect {
    }

    /**
     * A command about one occurrence of a series for activity-service (SET_OCCURRENCE with what Outlook shows,
     * CANCEL_OCCURRENCE), naming it by its original start; {@code version} names the change for the command id.
     */
    record OccurrenceCommand(ActivityCommand.Type type, String activityId, java.time.LocalDateTime originalStart,
            ActivityCommand.Fields fields, String version) implements InboundEffect {
    }

    /** The activity's current version is planned and written again (the application's change wins). */
    record Replan(String activityId) implements InboundEffect {
    }

    /**
     * When Editing / When Deleting = RESTORE_EVENT: the activity's version is written to U's calendar again, over
     * {@code eventId} (null: as a new event in place of the deleted one), for U's link of this role.
     */
    record Restore(String activityId, EventLink.Role role, String eventId) implements InboundEffect {
    }

    /** The event holds a write of ours the write stage has not recorded yet: judge it again shortly. */
    record AwaitOwnWrite(String reason) implements InboundEffect {
    }
}
