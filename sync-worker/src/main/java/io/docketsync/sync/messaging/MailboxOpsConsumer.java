package io.docketsync.sync.messaging;

import io.docketsync.contracts.UserKey;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.JobProgress;
import io.docketsync.contracts.MailboxOp;
import io.docketsync.contracts.SyncState;
import io.docketsync.contracts.SyncStatusChanged;
import io.docketsync.sync.domain.StableIds;
import io.docketsync.sync.domain.WriteTarget;
import io.docketsync.sync.domain.WriteWaves;
import io.docketsync.sync.graph.CalendarWrite;
import io.docketsync.sync.graph.GraphWriteException;
import io.docketsync.sync.graph.MailboxUnavailableException;
import io.docketsync.sync.graph.MailboxWriter;
import io.docketsync.sync.graph.WriteOutcome;
import io.docketsync.sync.graph.WrittenEvent;
import io.docketsync.sync.persistence.EventLinkEntity;
import io.docketsync.sync.persistence.PendingWrite;
import io.docketsync.sync.persistence.ProcessedEvent;
import io.docketsync.sync.persistence.SyncJob;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The write stage. Each poll's ops are written in waves (at most one op per event in a wave, in topic order), every
 * mailbox of a wave at once, each through {@link MailboxWriter} ($batch, 4 in flight, Graph's pace); then links,
 * statuses and job progress are recorded in one transaction. Ops of a mailbox share a partition, so one worker
 * writes a mailbox at a time. Idempotent end to end: a done op is skipped, each op is resolved against the link
 * held at write time, and a create repeated after a crash carries the same Graph transactionId, so Graph answers
 * with the event it already made.
 */
@ApplicationScoped
public class MailboxOpsConsumer {
    private static final Logger LOG = Logger.getLogger(MailboxOpsConsumer.class);

    @Inject
    MailboxWriter writer;
    @Inject
    SyncPublisher publisher;
    @Inject
    @Channel("mailbox-ops-dlq")
    MutinyEmitter<String> deadLetters;

    /** One op of this poll with what the writer decided for it. */
    record Planned(EventEnvelope<MailboxOp> env, WriteTarget target) {
        MailboxOp op() {
            return env.data;
        }

        /** Whose mailbox: the op's user in the firm of its envelope. */
        UserKey mailbox() {
            return UserKey.of(env.firmId, env.data.userId());
        }
    }

    @Incoming("mailbox-ops")
    public Uni<Void> onMailboxOps(List<String> records) {
        List<EventEnvelope<MailboxOp>> ops = new ArrayList<>();
        java.util.Set<String> opIds = new java.util.HashSet<>();
        Uni<Void> unreadable = Uni.createFrom().voidItem();
        for (String json : records) {
            try {
                EventEnvelope<MailboxOp> op = EventCodec.fromJson(json, MailboxOp.class);
                // a relay that crashed after publishing publishes again: the same op twice in one poll would be
                // recorded twice (and the whole poll retried on the duplicate key)
                if (opIds.add(op.data.opId())) {
                    ops.add(op);
                }
            } catch (RuntimeException e) {
                unreadable = unreadable.chain(() -> deadLetter(null, json, "unreadable mailbox op: " + e.getMessage()));
            }
        }
        long started = System.nanoTime();
        return unreadable.chain(() -> notDone(ops)).chain(this::inWaves)
                .invoke(() -> LOG.debugf("wrote %d mailbox ops in %d ms", records.size(),
                        (System.nanoTime() - started) / 1_000_000))
                // the database or broker is away: ops are idempotent, so the whole poll is simply tried again
                .onFailure().invoke(e -> LOG.warnf("writing %d mailbox ops failed, retrying: %s", records.size(), e))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).atMost(20);
    }

    private Uni<List<EventEnvelope<MailboxOp>>> notDone(List<EventEnvelope<MailboxOp>> ops) {
        if (ops.isEmpty()) {
            return Uni.createFrom().item(ops);
        }
        List<String> keys = ops.stream().map(e -> processedKey(e.data)).toList();
        return Panache.withSession(() -> ProcessedEvent.<ProcessedEvent>list("eventId in ?1", keys)).map(done -> {
            var doneKeys = done.stream().map(p -> p.eventId).collect(java.util.stream.Collectors.toSet());
            return ops.stream().filter(e -> !doneKeys.contains(processedKey(e.data))).toList();
        });
    }

    private Uni<Void> inWaves(List<EventEnvelope<MailboxOp>> ops) {
        if (ops.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<MailboxOp, EventEnvelope<MailboxOp>> byOp = new LinkedHashMap<>();
        ops.forEach(e -> byOp.put(e.data, e));
        WriteWaves.Split split = WriteWaves.next(ops.stream().map(e -> e.data).toList());
        return wave(split.wave().stream().map(byOp::get).toList())
                .chain(() -> inWaves(split.rest().stream().map(byOp::get).toList()));
    }

    private Uni<Void> wave(List<EventEnvelope<MailboxOp>> wave) {
        List<String> activityIds = wave.stream().map(e -> e.data.activityId()).distinct().toList();
        long[] at = {System.nanoTime(), 0, 0};
        return Panache.withSession(() -> EventLinkEntity.<EventLinkEntity>list("id.activityId in ?1", activityIds))
                .map(links -> resolve(wave, links))
                .call(planned -> planned.stream().noneMatch(p -> p.target().action() == WriteTarget.Action.DELETE)
                        ? Uni.createFrom().voidItem() : Panache.withTransaction(() -> markDeleting(planned)))
                .invoke(() -> at[1] = System.nanoTime())
                .chain(planned -> Offload.blocking(() -> writer.writeAll(requests(planned)))
                        .invoke(() -> at[2] = System.nanoTime())
                        .chain(outcomes -> deadLetters(planned, outcomes)
                                .chain(() -> Panache.withTransaction(() -> record(planned, outcomes)))))
                .invoke(() -> LOG.debugf("wave of %d: links %d ms, Graph %d ms, recorded in %d ms", wave.size(),
                        (at[1] - at[0]) / 1_000_000, (at[2] - at[1]) / 1_000_000, (System.nanoTime() - at[2]) / 1_000_000));
    }

    private static List<Planned> resolve(List<EventEnvelope<MailboxOp>> wave, List<EventLinkEntity> links) {
        Map<EventLinkEntity.Key, EventLinkEntity> byKey = new HashMap<>();
        links.forEach(l -> byKey.put(l.id, l));
        return wave.stream().map(env -> {
            EventLinkEntity link = byKey.get(key(env.data));
            WriteTarget.CurrentLink current = link == null ? null
                    : new WriteTarget.CurrentLink(link.eventId, link.pushedVersion, link.changeKey);
            return new Planned(env, WriteTarget.resolve(env.data, current));
        }).toList();
    }

    /**
     * Links whose events this wave deletes are marked first: the deletion's notification can be read before the
     * wave is recorded, and must not count as the user deleting the event in Outlook.
     */
    private static Uni<Void> markDeleting(List<Planned> planned) {
        Instant now = Instant.now();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Planned p : planned) {
            if (p.target().action() == WriteTarget.Action.DELETE) {
                chain = chain.chain(() -> markDeleting(key(p.op()), now));
            }
        }
        return chain;
    }

    private static Uni<Void> markDeleting(EventLinkEntity.Key key, Instant since) {
        return EventLinkEntity.update("deletingSince = ?1 where id.activityId = ?2 and id.userId = ?3 and id.role = ?4",
                since, key.activityId, key.userId, key.role).replaceWithVoid();
    }

    /** The Graph requests of the wave, per mailbox owner; skipped ops send nothing. */
    private static Map<UserKey, List<CalendarWrite>> requests(List<Planned> planned) {
        Map<UserKey, List<CalendarWrite>> byUser = new LinkedHashMap<>();
        for (Planned p : planned) {
            MailboxOp op = p.op();
            if (p.target().action() == WriteTarget.Action.SKIP) {
                continue;
            }
            CalendarWrite.Kind kind = CalendarWrite.Kind.valueOf(p.target().action().name());
            byUser.computeIfAbsent(p.mailbox(), u -> new ArrayList<>()).add(new CalendarWrite(op.opId(), kind,
                    op.mailbox(), p.target().eventId(), transactionId(op), op.activityId() + ":" + op.activityVersion(),
                    op.content()));
        }
        return byUser;
    }

    /** Graph refused for good: the op goes to the DLQ with Graph's reason (its user's status says FAILED). */
    private Uni<Void> deadLetters(List<Planned> planned, Map<String, WriteOutcome> outcomes) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Planned p : planned) {
            WriteOutcome o = outcomes.get(p.op().opId());
            if (o != null && o.failure() instanceof GraphWriteException e) {
                String reason = "Office 365 refused " + p.op().op() + " for " + p.op().userId() + ": " + e.reason();
                chain = chain.chain(() -> deadLetter(p.mailbox().kafkaKey(), EventCodec.toJson(p.env()), reason));
            }
        }
        return chain;
    }

    private Uni<Void> deadLetter(String key, String json, String reason) {
        LOG.warn(reason);
        var headers = new RecordHeaders().add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
        return deadLetters.sendMessage(Message.of(json).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key).withHeaders(headers).build()));
    }

    private Uni<Void> record(List<Planned> planned, Map<String, WriteOutcome> outcomes) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        Map<String, int[]> jobCounts = new LinkedHashMap<>(); // job id → {done, failed}
        Map<String, String> jobFirms = new HashMap<>();
        for (Planned p : planned) {
            WriteOutcome outcome = p.target().action() == WriteTarget.Action.SKIP ? null : outcomes.get(p.op().opId());
            if (LOG.isDebugEnabled()) {
                MailboxOp op = p.op();
                LOG.debugf("op %s %s v%d of %s for %s (%s) -> %s %s: %s", op.opId(), op.op(), op.activityVersion(),
                        op.activityId(), op.userId(), op.role(), p.target().action(), p.target().eventId(),
                        outcome == null ? "nothing sent" : outcome.succeeded()
                                ? "ok" + (outcome.written() == null ? "" : " " + outcome.written().eventId())
                                : "failed " + outcome.failure());
            }
            chain = chain.chain(() -> record(p, outcome));
            if (p.op().jobId() != null) {
                boolean ok = outcome == null || outcome.succeeded();
                jobCounts.computeIfAbsent(p.op().jobId(), j -> new int[2])[ok ? 0 : 1]++;
                jobFirms.put(p.op().jobId(), p.env().firmId);
            }
        }
        for (var job : jobCounts.entrySet()) {
            chain = chain.chain(() -> countJob(jobFirms.get(job.getKey()), job.getKey(), job.getValue()));
        }
        return chain;
    }

    /** @param outcome null when the op needed no write (its event is already as wanted, or never existed) */
    private Uni<Void> record(Planned p, WriteOutcome outcome) {
        MailboxOp op = p.op();
        Uni<Void> effect;
        SyncStatusChanged status;
        if (outcome == null) {
            effect = Uni.createFrom().voidItem();
            status = null;
        } else if (outcome.succeeded() && p.target().action() == WriteTarget.Action.DELETE) {
            effect = EventLinkEntity.delete("id", key(op)).replaceWithVoid();
            status = status(op, SyncState.REMOVED, null, p.target().eventId());
        } else if (outcome.succeeded()) {
            effect = link(p, outcome.written());
            status = status(op, SyncState.LINKED, null, outcome.written().eventId());
        } else if (outcome.failure() instanceof MailboxUnavailableException e) {
            effect = e.reauthorisationNeeded() ? waitForReconnect(p, e.getMessage()) : Uni.createFrom().voidItem();
            status = status(op, SyncState.PENDING, e.getMessage(), p.target().eventId());
        } else {
            effect = Uni.createFrom().voidItem();
            status = status(op, SyncState.FAILED, ((GraphWriteException) outcome.failure()).reason(),
                    p.target().eventId());
        }
        if (outcome != null && !outcome.succeeded() && p.target().action() == WriteTarget.Action.DELETE) {
            // the event is still there: a deletion of it from now on is the user's again
            effect = effect.chain(() -> markDeleting(key(op), null));
        }
        ProcessedEvent done = new ProcessedEvent();
        done.eventId = processedKey(op);
        done.processedAt = Instant.now();
        return effect.chain(done::persist)
                .chain(() -> status == null ? Uni.createFrom().voidItem() : publisher.status(p.env().firmId, status));
    }

    private static Uni<Void> link(Planned p, WrittenEvent written) {
        MailboxOp op = p.op();
        return EventLinkEntity.<EventLinkEntity>findById(key(op)).chain(found -> {
            EventLinkEntity l = found == null ? new EventLinkEntity() : found;
            l.id = key(op);
            l.firmId = p.env().firmId;
            l.mailbox = op.mailbox();
            l.eventId = written.eventId();
            l.iCalUId = written.iCalUId();
            l.changeKey = written.changeKey();
            l.pushedVersion = Math.max(l.pushedVersion, op.activityVersion());
            l.updatedAt = Instant.now();
            return l.persist().replaceWithVoid();
        });
    }

    private static Uni<Void> waitForReconnect(Planned p, String reason) {
        MailboxOp op = p.op();
        return PendingWrite.<PendingWrite>findById(new PendingWrite.Key(op.activityId(), op.userId())).chain(found -> {
            PendingWrite w = found == null ? new PendingWrite() : found;
            w.id = new PendingWrite.Key(op.activityId(), op.userId());
            w.firmId = p.env().firmId;
            w.reason = reason;
            w.since = Instant.now();
            return w.persist().replaceWithVoid();
        });
    }

    private Uni<Void> countJob(String firmId, String jobId, int[] counts) {
        return SyncJob.<SyncJob>findById(jobId).chain(job -> {
            if (job == null) {
                return Uni.createFrom().voidItem();
            }
            job.done += counts[0];
            job.failed += counts[1];
            if (job.done + job.failed >= job.total) {
                job.state = JobProgress.State.COMPLETED;
            }
            job.updatedAt = Instant.now();
            return job.persist().chain(() -> publisher.progress(firmId, job.progress()));
        });
    }

    private static SyncStatusChanged status(MailboxOp op, SyncState state, String reason, String eventId) {
        return new SyncStatusChanged(op.activityId(), op.userId(), state, reason, eventId, op.activityVersion(),
                Instant.now());
    }

    private static EventLinkEntity.Key key(MailboxOp op) {
        return new EventLinkEntity.Key(op.activityId(), op.userId(),
                op.role() == null ? MailboxOp.LinkRole.COPY.name() : op.role().name());
    }

    /**
     * One Graph event per op, however often it is retried after a crash. The version is part of it so that a user
     * removed and later added again gets a new event (Graph may answer an old transactionId with the deleted one);
     * a later create op never races an earlier one on the same event, as waves keep them apart and in order.
     */
    static String transactionId(MailboxOp op) {
        return StableIds.uuid("docketsync|" + op.activityId() + "|" + op.userId() + "|" + op.role() + "|"
                + op.activityVersion());
    }

    private static String processedKey(MailboxOp op) {
        return processedKey(op.opId());
    }

    /** Also what a replay of the op's dead letter forgets (DeadLetterService), so the op is written again. */
    static String processedKey(String opId) {
        return "op:" + opId;
    }
}
