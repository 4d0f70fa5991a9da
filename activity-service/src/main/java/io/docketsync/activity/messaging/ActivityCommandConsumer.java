package io.docketsync.activity.messaging;

import io.docketsync.activity.domain.ConflictRule;
import io.docketsync.activity.domain.OfficeChanges;
import io.docketsync.activity.domain.ResponseStatus;
import io.docketsync.activity.persistence.ActivityEntity;
import io.docketsync.activity.persistence.HistoryEntity;
import io.docketsync.activity.persistence.ProcessedCommandEntity;
import io.docketsync.activity.service.ActivityPublisher;
import io.docketsync.contracts.ActivityChanged;
import io.docketsync.contracts.ActivityCommand;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.Origin;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Applies the changes that came from Office 365 (activity.commands.v1), each once: the command id is recorded
 * in the same transaction as its effect. Every applied change is published with origin OFFICE365 (mailbox and
 * change key of the event that caused it) so the sync-worker does not echo it back; what is not applied
 * (conflict lost, activity gone, nothing to change) is written to the activity's history with the reason.
 */
@ApplicationScoped
public class ActivityCommandConsumer {
    private static final Logger LOG = Logger.getLogger(ActivityCommandConsumer.class);

    @Inject
    ActivityPublisher publisher;

    @Incoming("commands")
    @WithTransaction
    public Uni<Void> onCommand(String json) {
        EventEnvelope<ActivityCommand> env = EventCodec.fromJson(json, ActivityCommand.class);
        ActivityCommand c = env.data;
        if (c == null || c.commandId() == null || c.type() == null || c.userId() == null) {
            throw new EventCodec.MalformedEventException("a command needs commandId, type and userId", null);
        }
        return ProcessedCommandEntity.<ProcessedCommandEntity>findById(c.commandId()).chain(seen -> {
            if (seen != null) {
                LOG.debugf("command %s already applied", c.commandId());
                return Uni.createFrom().voidItem();
            }
            ProcessedCommandEntity p = new ProcessedCommandEntity();
            p.commandId = c.commandId();
            p.processedAt = Instant.now();
            return p.persist().chain(() -> apply(env.firmId, c));
        });
    }

    private Uni<Void> apply(String firmId, ActivityCommand c) {
        Origin origin = Origin.office365(c.userId(), c.link() == null ? null : c.link().mailbox(),
                c.link() == null ? null : c.link().changeKey());
        return switch (c.type()) {
            case CREATE_FOR_USER, CREATE_FROM_OFFICE -> create(firmId, c, origin);
            default -> ActivityEntity.<ActivityEntity>findById(c.activityId()).chain(a -> {
                if (a == null || (firmId != null && !firmId.equals(a.firmId))) {
                    LOG.infof("command %s for unknown activity %s ignored", c.commandId(), c.activityId());
                    return Uni.createFrom().voidItem();
                }
                if (a.deleted) {
                    return note(a, origin, c, HistoryEntity.Outcome.IGNORED, "the activity was deleted");
                }
                return change(a, c, origin);
            });
        };
    }

    private Uni<Void> change(ActivityEntity a, ActivityCommand c, Origin origin) {
        List<String> before = a.scheduledFor();
        String user = c.userId();
        switch (c.type()) {
            case UPDATE_FIELDS -> {
                if (c.fields() == null) {
                    return note(a, origin, c, HistoryEntity.Outcome.IGNORED, "no fields");
                }
                if (!ConflictRule.officeChangeWins(c.modifiedAt(), a.appModifiedAt)) {
                    return note(a, origin, c, HistoryEntity.Outcome.OVERWRITTEN, "changed in Office 365 at "
                            + c.modifiedAt() + ", before the change made in the application at " + a.appModifiedAt
                            + ": the later change wins");
                }
                a.apply(OfficeChanges.applyFields(a.draft(), c.fields()));
            }
            case REMOVE_SCHEDULED_USER -> {
                if (!before.contains(user)) {
                    return note(a, origin, c, HistoryEntity.Outcome.IGNORED, user + " is not scheduled");
                }
                a.apply(a.draft().withScheduledFor(OfficeChanges.without(before, user)));
            }
            case ADD_SCHEDULED_USER -> {
                if (before.contains(user)) {
                    return note(a, origin, c, HistoryEntity.Outcome.IGNORED, user + " is already scheduled");
                }
                a.apply(a.draft().withScheduledFor(OfficeChanges.with(before, user)));
            }
            case SET_RESPONSE_STATUS -> {
                var status = ResponseStatus.parse(c.responseStatus());
                if (status.isEmpty()) {
                    return note(a, origin, c, HistoryEntity.Outcome.IGNORED, "unknown response '" + c.responseStatus() + "'");
                }
                a.response(user, status.get());
                a.updatedAt = Instant.now();
            }
            case DELETE -> {
                a.deleted = true;
                a.updatedAt = Instant.now();
                return publisher.changed(ActivityChanged.ChangeType.DELETED, a, before, origin, c.type().name());
            }
            default -> throw new IllegalStateException("not a change of an existing activity: " + c.type());
        }
        return publisher.changed(ActivityChanged.ChangeType.UPDATED, a, before, origin, c.type().name());
    }

    private Uni<Void> create(String firmId, ActivityCommand c, Origin origin) {
        if (firmId == null || c.newActivityId() == null || c.fields() == null) {
            throw new EventCodec.MalformedEventException("a create command needs the firm, newActivityId and fields", null);
        }
        return ActivityEntity.<ActivityEntity>findById(c.newActivityId()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem(); // created by an earlier command with another id
            }
            ActivityEntity a = new ActivityEntity();
            a.id = c.newActivityId();
            a.firmId = firmId;
            a.createdBy = c.userId();
            a.apply(OfficeChanges.newFromOffice(c.fields(), c.userId()));
            return a.persist().chain(() -> publisher.changed(ActivityChanged.ChangeType.CREATED, a, List.of(), origin,
                    c.type().name()));
        });
    }

    private static Uni<Void> note(ActivityEntity a, Origin origin, ActivityCommand c, HistoryEntity.Outcome outcome,
            String why) {
        return HistoryEntity.of(a.id, a.firmId, origin, c.type().name(), outcome, why, a.version).persist()
                .replaceWithVoid();
    }
}
