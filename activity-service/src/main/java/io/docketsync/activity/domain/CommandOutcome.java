package io.docketsync.activity.domain;

import io.docketsync.contracts.ActivityChanged;

/**
 * What one command from Office 365 (activity.commands.v1) does to an activity, as decided by
 * {@link OfficeCommands#decide}. An {@link Applied} outcome changes the activity and is published; {@link Overwritten}
 * and {@link Ignored} change nothing but are written to the activity's history with their reason;
 * {@link UnknownActivity} and {@link AlreadyCreated} change and record nothing; {@link Malformed} cannot be processed
 * (the command goes to the dead-letter topic).
 */
public sealed interface CommandOutcome {

    /** A change of the activity, published on activity.changes.v1 as {@link #changeType()}. */
    sealed interface Applied extends CommandOutcome {
        ActivityChanged.ChangeType changeType();
    }

    /** A new activity (the command's newActivityId, created by the command's user) with this content. */
    record Create(ActivityDraft content) implements Applied {
        @Override
        public ActivityChanged.ChangeType changeType() {
            return ActivityChanged.ChangeType.CREATED;
        }
    }

    /** The activity's content becomes {@code content} (fields edited in Outlook, a Scheduled For user added or removed). */
    record ChangeContent(ActivityDraft content) implements Applied {
        @Override
        public ActivityChanged.ChangeType changeType() {
            return ActivityChanged.ChangeType.UPDATED;
        }
    }

    /** A Scheduled For user answered the meeting invitation; the content stays. */
    record SetResponse(String userId, ResponseStatus status) implements Applied {
        @Override
        public ActivityChanged.ChangeType changeType() {
            return ActivityChanged.ChangeType.UPDATED;
        }
    }

    /** The activity is deleted (kept, marked deleted, for the history and for late commands). */
    record Delete() implements Applied {
        @Override
        public ActivityChanged.ChangeType changeType() {
            return ActivityChanged.ChangeType.DELETED;
        }
    }

    /** Not applied: the application changed the activity later (conflict lost); recorded as OVERWRITTEN. */
    record Overwritten(String reason) implements CommandOutcome {
    }

    /** Not applied: nothing to change, or the activity was deleted; recorded as IGNORED. */
    record Ignored(String reason) implements CommandOutcome {
    }

    /** The activity does not exist, or is another firm's: nothing is changed or recorded (there is nowhere to). */
    record UnknownActivity() implements CommandOutcome {
    }

    /** The activity to create exists already (created by an earlier command with another id): nothing to do. */
    record AlreadyCreated() implements CommandOutcome {
    }

    /** The command lacks what its type needs. */
    record Malformed(String reason) implements CommandOutcome {
    }
}
