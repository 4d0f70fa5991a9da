package io.docketsync.activity.service;

import io.docketsync.activity.domain.CommandOutcome;
import io.docketsync.activity.domain.OfficeCommands;
import io.docketsync.activity.domain.Series;
import io.docketsync.activity.persistence.ActivityEntity;
import io.docketsync.activity.persistence.HistoryEntity;
import io.docketsync.activity.persistence.ProcessedCommandEntity;
import io.docketsync.contracts.ActivityCommand;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.Origin;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Applies a change that came from Office 365 once: the command id is recorded in the same transaction (the caller's)
 * as its effect. What the command does is {@link OfficeCommands#decide}'s; this loads the activity it names, and
 * stores and records the outcome: an applied change is published with origin OFFICE365 (mailbox and change key of
 * the event that caused it) so the sync-worker does not echo it back; what is not applied (conflict lost, activity
 * deleted, nothing to change) is written to the activity's history with the reason.
 */
@ApplicationScoped
public class OfficeCommandService {
    private static final Logger LOG = Logger.getLogger(OfficeCommandService.class);

    @Inject
    ActivityPublisher publisher;

    /**
     * @param firmId the firm of the command's envelope (may be null)
     * @param c      a command with commandId, type and userId
     * @throws EventCodec.MalformedEventException (as a failure) when the command lacks what its type needs
     */
    public Uni<Void> apply(String firmId, ActivityCommand c) {
        return ProcessedCommandEntity.firstTime(c.commandId()).chain(first -> {
            if (!first) {
                LOG.debugf("command %s already applied", c.commandId());
                return Uni.createFrom().voidItem();
            }
            return load(c).chain(a -> carryOut(firmId, c, a));
        });
    }

    /** The activity the command names; none for a create that names none (it is malformed). */
    private static Uni<ActivityEntity> load(ActivityCommand c) {
        String target = OfficeCommands.target(c);
        if (target == null && OfficeCommands.creates(c.type())) {
            return Uni.createFrom().nullItem();
        }
        return ActivityEntity.findById(target);
    }

    private Uni<Void> carryOut(String firmId, ActivityCommand c, ActivityEntity a) {
        CommandOutcome outcome = OfficeCommands.decide(c, firmId, a == null ? null : a.current());
        Origin origin = OfficeCommands.origin(c);
        String action = c.type().name();
        if (outcome instanceof CommandOutcome.Applied applied) {
            return applied instanceof CommandOutcome.Create create ? create(firmId, c, create, origin)
                    : change(a, applied, origin, action);
        }
        if (outcome instanceof CommandOutcome.Overwritten o) {
            return note(a, origin, action, HistoryEntity.Outcome.OVERWRITTEN, o.reason());
        }
        if (outcome instanceof CommandOutcome.Ignored i) {
            return note(a, origin, action, HistoryEntity.Outcome.IGNORED, i.reason());
        }
        if (outcome instanceof CommandOutcome.UnknownActivity) {
            LOG.infof("command %s for unknown activity %s ignored", c.commandId(), c.activityId());
            return Uni.createFrom().voidItem();
        }
        if (outcome instanceof CommandOutcome.AlreadyCreated) {
            return Uni.createFrom().voidItem(); // created by an earlier command with another id
        }
        if (outcome instanceof CommandOutcome.Malformed m) {
            throw new EventCodec.MalformedEventException(m.reason(), null);
        }
        throw new IllegalStateException("an outcome not handled: " + outcome);
    }

    private Uni<Void> create(String firmId, ActivityCommand c, CommandOutcome.Create create, Origin origin) {
        ActivityEntity a = new ActivityEntity();
        a.id = c.newActivityId();
        a.firmId = firmId;
        a.createdBy = c.userId();
        a.apply(create.content());
        return a.persist().chain(() -> publisher.changed(create.changeType(), a, List.of(), origin, c.type().name(),
                Series.describeChange(null, create.content())));
    }

    private Uni<Void> change(ActivityEntity a, CommandOutcome.Applied change, Origin origin, String action) {
        List<String> before = a.scheduledFor();
        String seriesChange = null;
        if (change instanceof CommandOutcome.ChangeContent content) {
            seriesChange = Series.describeChange(a.draft(), content.content());
            a.apply(content.content());
        } else if (change instanceof CommandOutcome.SetResponse response) {
            a.response(response.userId(), response.status());
            a.updatedAt = Instant.now();
        } else if (change instanceof CommandOutcome.Delete) {
            a.deleted = true;
            a.updatedAt = Instant.now();
        } else {
            throw new IllegalStateException("not a change of an existing activity: " + change);
        }
        return publisher.changed(change.changeType(), a, before, origin, action, seriesChange);
    }

    private static Uni<Void> note(ActivityEntity a, Origin origin, String action, HistoryEntity.Outcome outcome,
            String why) {
        return HistoryEntity.of(a.id, a.firmId, origin, action, outcome, why, a.version).persist().replaceWithVoid();
    }
}
