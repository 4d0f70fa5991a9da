package io.docketsync.activity.domain;

import io.docketsync.contracts.ActivityCommand;
import io.docketsync.contracts.Origin;
import java.util.List;

/**
 * How each command from Office 365 (activity.commands.v1) changes an activity: a function of the command, the firm
 * of its envelope and the activity's current state, with no I/O. Applying the outcome (storing, publishing, writing
 * history) is the caller's.
 */
public final class OfficeCommands {
    private OfficeCommands() {
    }

    /** Whether the type makes a new activity (named by newActivityId) rather than change one (named by activityId). */
    public static boolean creates(ActivityCommand.Type type) {
        return switch (type) {
            case CREATE_FOR_USER, CREATE_FROM_OFFICE -> true;
            case UPDATE_FIELDS, REMOVE_SCHEDULED_USER, DELETE, ADD_SCHEDULED_USER, SET_RESPONSE_STATUS -> false;
        };
    }

    /** The id of the activity the command is about: the one to create, or the one to change. */
    public static String target(ActivityCommand c) {
        return creates(c.type()) ? c.newActivityId() : c.activityId();
    }

    /** Who and what caused the change: the mailbox owner, and the event's mailbox and change key when known. */
    public static Origin origin(ActivityCommand c) {
        return Origin.office365(c.userId(), c.link() == null ? null : c.link().mailbox(),
                c.link() == null ? null : c.link().changeKey());
    }

    /**
     * @param c       the command (commandId, type and userId present)
     * @param firmId  the firm of the command's envelope; null: not named (then an existing activity of any firm is
     *                changed, as before firms were named)
     * @param current the activity named by {@link #target}, or null when there is none
     */
    public static CommandOutcome decide(ActivityCommand c, String firmId, CurrentActivity current) {
        if (creates(c.type())) {
            return create(c, firmId, current);
        }
        if (current == null || (firmId != null && !firmId.equals(current.firmId()))) {
            return new CommandOutcome.UnknownActivity();
        }
        if (current.deleted()) {
            return new CommandOutcome.Ignored("the activity was deleted");
        }
        return change(c, current);
    }

    private static CommandOutcome create(ActivityCommand c, String firmId, CurrentActivity existing) {
        if (firmId == null || c.newActivityId() == null || c.fields() == null) {
            return new CommandOutcome.Malformed("a create command needs the firm, newActivityId and fields");
        }
        if (existing != null) {
            return new CommandOutcome.AlreadyCreated();
        }
        return new CommandOutcome.Create(OfficeChanges.newFromOffice(c.fields(), c.userId()));
    }

    private static CommandOutcome change(ActivityCommand c, CurrentActivity a) {
        List<String> scheduled = a.content().scheduledFor();
        String user = c.userId();
        return switch (c.type()) {
            case UPDATE_FIELDS -> {
                if (c.fields() == null) {
                    yield new CommandOutcome.Ignored("no fields");
                }
                if (!ConflictRule.officeChangeWins(c.modifiedAt(), a.appModifiedAt())) {
                    yield new CommandOutcome.Overwritten("changed in Office 365 at " + c.modifiedAt()
                            + ", before the change made in the application at " + a.appModifiedAt()
                            + ": the later change wins");
                }
                yield new CommandOutcome.ChangeContent(OfficeChanges.applyFields(a.content(), c.fields()));
            }
            case REMOVE_SCHEDULED_USER -> scheduled.contains(user)
                    ? new CommandOutcome.ChangeContent(a.content().withScheduledFor(OfficeChanges.without(scheduled, user)))
                    : new CommandOutcome.Ignored(user + " is not scheduled");
            case ADD_SCHEDULED_USER -> scheduled.contains(user)
                    ? new CommandOutcome.Ignored(user + " is already scheduled")
                    : new CommandOutcome.ChangeContent(a.content().withScheduledFor(OfficeChanges.with(scheduled, user)));
            case SET_RESPONSE_STATUS -> ResponseStatus.parse(c.responseStatus())
                    .<CommandOutcome>map(status -> new CommandOutcome.SetResponse(user, status))
                    .orElseGet(() -> new CommandOutcome.Ignored("unknown response '" + c.responseStatus() + "'"));
            case DELETE -> new CommandOutcome.Delete();
            case CREATE_FOR_USER, CREATE_FROM_OFFICE -> throw new IllegalStateException("not a change: " + c.type());
        };
    }
}
