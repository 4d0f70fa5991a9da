package io.docketsync.sync.deadletters;

import com.fasterxml.jackson.databind.JsonNode;
import io.docketsync.contracts.ActivityChanged;
import io.docketsync.contracts.ActivityCommand;
import io.docketsync.contracts.ConnectionChanged;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.GraphNotification;
import io.docketsync.contracts.JobProgress;
import io.docketsync.contracts.JobRequested;
import io.docketsync.contracts.MailboxOp;
import io.docketsync.contracts.SyncState;
import io.docketsync.contracts.SyncStatusChanged;
import io.docketsync.contracts.Topics;
import io.docketsync.contracts.UserKey;
import io.docketsync.outbox.ExportedEvent;
import io.docketsync.outbox.OutboxEvent;
import io.docketsync.sync.domain.DeadLetterConcern;
import io.docketsync.sync.domain.StableIds;
import io.docketsync.sync.persistence.DeadLetterEntity;
import io.docketsync.sync.messaging.SyncEvents;
import io.docketsync.sync.messaging.SyncPublisher;
import io.docketsync.sync.persistence.EventLinkEntity;
import io.docketsync.sync.persistence.EventLinks;
import io.docketsync.sync.persistence.ProcessedEvent;
import io.docketsync.sync.persistence.SyncJob;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Dead letters of every topic (DESIGN.md section 2): each is recorded once, counted, and the activity and users it
 * concerns are reported FAILED with the reason; operators replay one after a fix, once; a later success of what it
 * concerned settles it.
 */
@ApplicationScoped
public class DeadLetterService {
    private static final Logger LOG = Logger.getLogger(DeadLetterService.class);
    static final String METRIC = "docketsync.sync.dead-letters";

    @Inject
    SyncPublisher publisher;
    @Inject
    MeterRegistry metrics;

    /** A record of a {@code <topic>.dlq} as read. @param topic the topic it could not be processed from */
    public record Letter(String dlqTopic, int partition, long offset, String key, String payload, String reason,
            String topic) {
    }

    /** What a replay did: {@code replayed} false when the letter had been replayed before (nothing was sent). */
    public record Replay(String id, boolean replayed, Instant replayedAt, String message) {
    }

    /** A letter without a key or a value cannot be published as it was. */
    public static final class NotReplayable extends RuntimeException {
        NotReplayable(String message) {
            super(message, null, false, false);
        }
    }

    /** The same DLQ record always gets the same id, so reading the DLQ again records nothing twice. */
    public static String id(String dlqTopic, int partition, long offset) {
        return StableIds.deadLetter(dlqTopic, partition, offset);
    }

    public Uni<Void> record(Letter letter) {
        String id = id(letter.dlqTopic(), letter.partition(), letter.offset());
        DeadLetterConcern concern = concernOf(letter.topic(), letter.payload());
        return Panache.withTransaction(() -> DeadLetterEntity.<DeadLetterEntity>findById(id).chain(found -> found != null
                ? Uni.createFrom().item(Boolean.FALSE)
                : linkOf(letter.topic(), concern).chain(link -> {
                    DeadLetterEntity e = new DeadLetterEntity();
                    e.id = id;
                    e.topic = letter.topic();
                    e.dlqTopic = letter.dlqTopic();
                    e.dlqPartition = letter.partition();
                    e.dlqOffset = letter.offset();
                    e.messageKey = letter.key();
                    e.reason = letter.reason();
                    e.payload = letter.payload();
                    e.firmId = concern.firmId();
                    e.activityId = concern.activityId() != null ? concern.activityId()
                            : link == null ? null : link.id.activityId;
                    e.userId = concern.userId();
                    e.eventId = concern.eventId();
                    e.createdAt = Instant.now();
                    return e.persist().chain(() -> report(e, concern, link)).replaceWith(Boolean.TRUE);
                }))).invoke(recorded -> {
                    if (recorded) {
                        LOG.warnf("dead letter %s of %s (key %s): %s", id, letter.topic(), letter.key(),
                                letter.reason());
                        metrics.counter(METRIC, "topic", letter.topic()).increment();
                    }
                }).replaceWithVoid();
    }

    /** The payload read as its topic's contract says; unreadable (often why it was dead-lettered): nobody known. */
    static DeadLetterConcern concernOf(String topic, String payload) {
        if (payload == null) {
            return DeadLetterConcern.of(null, null);
        }
        EventEnvelope<JsonNode> raw;
        try {
            raw = EventCodec.fromJson(payload, JsonNode.class);
        } catch (RuntimeException unreadable) {
            return DeadLetterConcern.of(null, null);
        }
        Class<?> type = switch (topic) {
            case Topics.GRAPH_NOTIFICATIONS -> GraphNotification.class;
            case Topics.MAILBOX_OPS -> MailboxOp.class;
            case Topics.ACTIVITY_COMMANDS -> ActivityCommand.class;
            case Topics.ACTIVITY_CHANGES -> ActivityChanged.class;
            case Topics.SYNC_JOBS -> JobRequested.class;
            case Topics.CONNECTIONS -> ConnectionChanged.class;
            case Topics.SYNC_STATUS -> JobProgress.TYPE.equals(raw.type) ? JobProgress.class
                    : SyncStatusChanged.TYPE.equals(raw.type) ? SyncStatusChanged.class : null;
            default -> null; // firm state (settings): the firm is all it names
        };
        try {
            return DeadLetterConcern.of(raw.firmId, type == null ? null : EventCodec.fromJson(payload, type).data);
        } catch (RuntimeException unreadable) {
            return DeadLetterConcern.of(raw.firmId, null);
        }
    }

    /** A notification names its user and event: the activity it concerns is the one that event is linked to. */
    private static Uni<EventLinkEntity> linkOf(String topic, DeadLetterConcern c) {
        if (!Topics.GRAPH_NOTIFICATIONS.equals(topic) || c.firmId() == null || c.userId() == null
                || c.eventId() == null) {
            return Uni.createFrom().nullItem();
        }
        return EventLinks.of(UserKey.of(c.firmId(), c.userId()), c.eventId());
    }

    private Uni<Void> report(DeadLetterEntity e, DeadLetterConcern c, EventLinkEntity link) {
        String reason = "could not be processed (" + e.topic + "): " + e.reason;
        Instant now = Instant.now();
        switch (c.report()) {
            case ACTIVITY_STATUS: {
                if (e.activityId == null) {
                    return Uni.createFrom().voidItem();
                }
                long version = link == null ? 0 : link.pushedVersion;
                return publisher.publish(c.userIds().stream().map(user -> SyncEvents.status(e.firmId,
                        new SyncStatusChanged(e.activityId, user, SyncState.FAILED, reason, e.eventId, version, now)))
                        .toList());
            }
            case JOB_FAILED:
                return SyncJob.<SyncJob>findById(c.jobId()).chain(job -> {
                    if (job == null) {
                        return publisher.publish(SyncEvents.progress(e.firmId, new JobProgress(c.jobId(), null,
                                e.userId, 0, 0, 0, JobProgress.State.FAILED, reason, now)));
                    }
                    job.finish(JobProgress.State.FAILED, reason);
                    return job.persist().chain(() -> publisher.publish(SyncEvents.progress(e.firmId, job.progress())));
                });
            default: // reported already, or nobody to tell (DeadLetterConcern.Report)
                return Uni.createFrom().voidItem();
        }
    }

    /**
     * Publishes the letter's record again, as it was (value and key), to its topic, through the outbox in the same
     * transaction that marks it replayed: once only. A replay that fails again is dead-lettered again, as a new letter.
     *
     * @return null when there is no such letter
     */
    public Uni<Replay> replay(String id) {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> DeadLetterEntity.<DeadLetterEntity>findById(id).chain(letter -> {
            if (letter == null) {
                return Uni.createFrom().nullItem();
            }
            if (letter.replayedAt != null) {
                return Uni.createFrom().item(already(letter.id, letter.replayedAt));
            }
            if (letter.messageKey == null || letter.payload == null) {
                return Uni.createFrom().failure(new NotReplayable("dead letter " + id + " has no "
                        + (letter.payload == null ? "value" : "key") + " to publish again"));
            }
            // conditional, so two operators replaying at once publish it once
            return DeadLetterEntity.update("replayedAt = ?1 where id = ?2 and replayedAt is null", now, id)
                    .chain(updated -> updated == 0 ? Uni.createFrom().item(already(letter.id, now))
                            : forget(letter).chain(() -> publish(letter)).replaceWith(new Replay(letter.id, true, now,
                                    "published again to " + letter.topic + " with key " + letter.messageKey)));
        }));
    }

    private static Replay already(String id, Instant at) {
        return new Replay(id, false, at, "already replayed at " + at + "; nothing was sent again (a replay that"
                + " failed again is a new dead letter: replay that one)");
    }

    /**
     * The write stage records a refused op as done (its user's status says FAILED): that record is dropped, or the
     * replayed op would be skipped as done. The other consumers record an event as done only when it succeeded.
     */
    private static Uni<Void> forget(DeadLetterEntity letter) {
        if (!Topics.MAILBOX_OPS.equals(letter.topic)) {
            return Uni.createFrom().voidItem();
        }
        String opId;
        try {
            opId = EventCodec.fromJson(letter.payload, MailboxOp.class).data.opId();
        } catch (RuntimeException unreadable) {
            return Uni.createFrom().voidItem();
        }
        return ProcessedEvent.delete("eventId", ProcessedEvent.opKey(opId)).replaceWithVoid();
    }

    /** The payload verbatim (not re-encoded), so the replay is the record that failed, envelope id and all. */
    private static Uni<Void> publish(DeadLetterEntity letter) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = UUID.fromString(StableIds.replay(letter.id));
        row.topic = letter.topic;
        row.messageKey = letter.messageKey;
        row.eventType = typeOf(letter.payload);
        row.payload = letter.payload;
        row.createdAt = Instant.now();
        // flushed first, as Outbox.append does: the letter's update takes its place before the event's
        return Panache.getSession().chain(s -> s.flush()).chain(() -> row.persist()).replaceWithVoid();
    }

    private static String typeOf(String payload) {
        try {
            String type = EventCodec.mapper().readTree(payload).path("type").asText(null);
            return type == null ? "unknown" : type;
        } catch (Exception unreadable) {
            return "unknown";
        }
    }

    /**
     * A notification of the user's event was processed: dead letters of that event's notifications are settled,
     * and the user's status says what the event's link says now (LINKED, or REMOVED from an activity the event no
     * longer belongs to). Called in the consumer's transaction; costs one indexed query when there are none.
     */
    public Uni<Void> settled(GraphNotification n) {
        if (n.eventId() == null || n.firmId() == null || n.userId() == null) {
            return Uni.createFrom().voidItem();
        }
        return DeadLetterEntity.<DeadLetterEntity>list("firmId = ?1 and userId = ?2 and eventId = ?3"
                + " and resolvedAt is null and topic = ?4", n.firmId(), n.userId(), n.eventId(),
                Topics.GRAPH_NOTIFICATIONS).chain(letters -> letters.isEmpty() ? Uni.createFrom().voidItem()
                        : EventLinks.of(n.user(), n.eventId()).chain(link -> settle(n, letters, link)));
    }

    private Uni<Void> settle(GraphNotification n, List<DeadLetterEntity> letters, EventLinkEntity link) {
        Instant now = Instant.now();
        Set<String> left = new LinkedHashSet<>();
        for (DeadLetterEntity l : letters) {
            l.resolvedAt = now;
            if (l.activityId != null && (link == null || !l.activityId.equals(link.id.activityId))) {
                left.add(l.activityId);
            }
        }
        LOG.infof("%d dead letter(s) of %s's event %s settled", letters.size(), n.user(), n.eventId());
        List<ExportedEvent> statuses = new ArrayList<>();
        if (link != null) {
            statuses.add(SyncEvents.status(n.firmId(), new SyncStatusChanged(link.id.activityId, n.userId(),
                    SyncState.LINKED, null, link.eventId, link.pushedVersion, now)));
        }
        for (String activityId : left) {
            statuses.add(SyncEvents.status(n.firmId(), new SyncStatusChanged(activityId, n.userId(), SyncState.REMOVED,
                    "the Outlook event is no longer this activity's", n.eventId(), 0, now)));
        }
        return publisher.publish(statuses);
    }
}
