package io.docketsync.activity.domain;

import io.docketsync.contracts.ActivityCommand;
import io.docketsync.contracts.ActivityKind;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.recurrence.RecurrenceException;
import java.time.LocalDateTime;
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
            case UPDATE_FIELDS, REMOVE_SCHEDULED_USER, DELETE, ADD_SCHEDULED_USER, SET_RESPONSE_STATUS, SET_OCCURRENCE,
                    CANCEL_OCCURRENCE -> false;
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
        ActivityDraft content = OfficeChanges.newFromOffice(c.fields(), c.userId());
        List<String> problems = Series.problems(content);
        if (!problems.isEmpty()) {
            return new CommandOutcome.Malformed("the series from Office 365 cannot be an activity: "
                    + String.join("; ", problems));
        }
        return new CommandOutcome.Create(content);
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
                    yield overwritten(c, a);
                }
                yield updateFields(c.fields(), a.content());
            }
            case SET_OCCURRENCE, CANCEL_OCCURRENCE -> occurrence(c, a);
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

    private static CommandOutcome overwritten(ActivityCommand c, CurrentActivity a) {
        return new CommandOutcome.Overwritten("changed in Office 365 at " + c.modifiedAt()
                + ", before the change made in the application at " + a.appModifiedAt() + ": the later change wins");
    }

    /**
     * The event's fields applied; on a series, an edit of the whole series: {@code fields.recurrence} (when given)
     * becomes its pattern, and a change of pattern or times drops the exceptions ({@link Series#seriesEdit}). A
     * single appointment given a recurrence becomes a series; a task cannot. A series the rules refuse is ignored.
     */
    private static CommandOutcome updateFields(ActivityCommand.Fields f, ActivityDraft current) {
        ActivityDraft edited = OfficeChanges.applyFields(current, f);
        if (f.recurrence() == null && !current.recurring()) {
            return new CommandOutcome.ChangeContent(edited);
        }
        if (current.kind() == ActivityKind.TASK) {
            return new CommandOutcome.Ignored("a task does not recur: the series made of it in Office 365 is not "
                    + "applied");
        }
        ActivityDraft next = Series.seriesEdit(current, edited, f.recurrence());
        List<String> problems = Series.problems(next);
        if (!problems.isEmpty()) {
            return new CommandOutcome.Ignored("the series from Office 365 is not acceptable: "
                    + String.join("; ", problems));
        }
        return new CommandOutcome.ChangeContent(next);
    }

    /**
     * One occurrence changed (SET_OCCURRENCE, an edit: the stale rule applies) or deleted (CANCEL_OCCURRENCE, like a
     * deletion: it does not) in Office 365, named by its original start: it becomes the series' exception there.
     */
    private static CommandOutcome occurrence(ActivityCommand c, CurrentActivity a) {
        LocalDateTime key = c.originalStart();
        if (key == null) {
            return new CommandOutcome.Malformed("an occurrence command needs originalStart");
        }
        ActivityDraft d = a.content();
        if (!d.recurring()) {
            return new CommandOutcome.Ignored("the activity is not recurring: it has no occurrence " + key);
        }
        if (!Series.isOccurrence(d, key)) {
            return new CommandOutcome.Ignored(key + " is not an occurrence of the series");
        }
        boolean cancelled = Series.exceptionAt(d, key).map(RecurrenceException::cancelled).orElse(false);
        if (c.type() == ActivityCommand.Type.CANCEL_OCCURRENCE) {
            return cancelled ? new CommandOutcome.Ignored("the occurrence " + key + " is already cancelled")
                    : new CommandOutcome.ChangeContent(Series.cancel(d, key));
        }
        if (c.fields() == null) {
            return new CommandOutcome.Ignored("no fields");
        }
        if (!ConflictRule.officeChangeWins(c.modifiedAt(), a.appModifiedAt())) {
            return overwritten(c, a);
        }
        if (cancelled) {
            return new CommandOutcome.Ignored("the occurrence " + key + " is cancelled");
        }
        ActivityDraft next = Series.setOccurrence(d, key, c.fields());
        if (next.equals(d)) {
            return new CommandOutcome.Ignored("the occurrence " + key + " is already as Office 365 has it");
        }
        List<String> problems = Series.problems(next);
        if (!problems.isEmpty()) {
            return new CommandOutcome.Ignored("the occurrence from Office 365 is not acceptable: "
                    + String.join("; ", problems));
        }
        return new CommandOutcome.ChangeContent(next);
    }
}
