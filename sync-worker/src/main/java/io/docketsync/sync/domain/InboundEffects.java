package io.docketsync.sync.domain;

import io.docketsync.contracts.ActivityCommand.Type;
import io.docketsync.sync.domain.InboundEffect.AwaitOwnWrite;
import io.docketsync.sync.domain.InboundEffect.Command;
import io.docketsync.sync.domain.InboundEffect.Link;
import io.docketsync.sync.domain.InboundEffect.RecordChangeKey;
import io.docketsync.sync.domain.InboundEffect.Replan;
import io.docketsync.sync.domain.InboundEffect.Restore;
import io.docketsync.sync.domain.InboundEffect.Unlink;
import java.util.List;

/** What an {@link InboundDecision} does, in order: link changes, commands for activity-service, re-plans. No I/O. */
public final class InboundEffects {
    private InboundEffects() {
    }

    /**
     * @param eventId the event the change is about
     * @param event   the event as read (null when it was deleted)
     * @param link    U's link for the event before the change (null when unlinked)
     */
    public static List<InboundEffect> of(InboundDecision d, String eventId, OfficeEvent event, EventLink link) {
        String activityId = d.activityId();
        String deleted = "deleted:" + eventId;
        return switch (d.kind()) {
            case IGNORE -> List.of();
            case AWAIT_OWN_WRITE -> List.of(new AwaitOwnWrite(d.reason()));
            case UPDATE_ACTIVITY -> List.of(new RecordChangeKey(event.changeKey()),
                    new Command(Type.UPDATE_FIELDS, activityId, null, true, event.changeKey()));
            case DETACH_AND_CREATE -> {
                String copy = StableIds.activityFromEvent(event.eventId());
                // the event still names the activity the user left (our property): linked without its change key,
                // the new activity's own push writes it once, naming the new one, instead of skipping it as the change
                // it came from (the content is the user's edit either way)
                yield List.of(new Unlink(), new Link(copy, EventLink.Role.COPY, false),
                        new Command(Type.REMOVE_SCHEDULED_USER, activityId, null, true, event.changeKey()),
                        new Command(Type.CREATE_FOR_USER, null, copy, true, event.changeKey()));
            }
            // deleted: the event is gone and the activity's is made again; edited: the restored version's own write is
            // what the next notification must recognise, not the user's edit
            case RESTORE_EVENT -> event == null
                    ? List.of(new Unlink(), new Restore(activityId, link.role(), null))
                    : List.of(new Restore(activityId, link.role(), link.eventId()));
            case DELETE_ACTIVITY -> List.of(new Unlink(), new Command(Type.DELETE, activityId, null, false, deleted));
            case REMOVE_USER -> List.of(new Unlink(),
                    new Command(Type.REMOVE_SCHEDULED_USER, activityId, null, false, deleted));
            case REPUSH_APP_VERSION -> List.of(new Replan(activityId));
            case LINK_INVITATION -> List.of(new Link(activityId, EventLink.Role.ATTENDEE, true));
            case JOIN_ACTIVITY -> List.of(new Link(activityId, EventLink.Role.ATTENDEE, true),
                    new Command(Type.ADD_SCHEDULED_USER, activityId, null, true, event.changeKey()));
            case CREATE_ACTIVITY -> {
                String created = StableIds.activityFromEvent(event.eventId());
                yield List.of(new Link(created, EventLink.Role.COPY, true),
                        new Command(Type.CREATE_FROM_OFFICE, null, created, true, event.changeKey()));
            }
        };
    }
}
