package io.docketsync.sync.write;

import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.GraphNotification;
import io.docketsync.contracts.MailboxOp;
import io.docketsync.contracts.SyncStatusChanged;
import io.docketsync.contracts.UserKey;
import io.docketsync.sync.domain.Calendar;
import io.docketsync.sync.domain.CalendarWrite;
import io.docketsync.sync.domain.StableIds;
import io.docketsync.sync.domain.WriteOutcome;
import io.docketsync.sync.domain.WriteRecord;
import io.docketsync.sync.domain.WriteTarget;
import io.docketsync.sync.domain.WriteWaves;
import io.docketsync.sync.graph.GraphThreads;
import io.docketsync.sync.messaging.SyncEvents;
import io.docketsync.sync.messaging.SyncPublisher;
import io.docketsync.sync.persistence.EventLinkEntity;
import io.docketsync.sync.persistence.EventLinks;
import io.docketsync.sync.persistence.InOrder;
import io.docketsync.sync.persistence.PendingWrite;
import io.docketsync.sync.persistence.ProcessedEvent;
import io.docketsync.sync.persistence.SyncJob;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The write stage. A poll's ops are written in waves (at most one op per event in a wave, in topic order), every
 * mailbox of a wave at once through the {@link Calendar} ($batch, one in flight per mailbox, Graph's pace); then what
 * each op leaves ({@link WriteRecord}: links, statuses, job progress) is recorded in one transaction. Ops of a mailbox
 * share a partition, so one worker writes a mailbox at a time. Idempotent end to end: a done op is skipped, each op is resolved against the link held at
 * write time, and a create repeated after a crash carries the same Graph transactionId, so Graph answers with the
 * event it already made. No transaction is open while Graph is called.
 */
@ApplicationScoped
public class WriteService {
    private static final Logger LOG = Logger.getLogger(WriteService.class);

    @Inject
    Calendar calendar;
    @Inject
    SyncPublisher publisher;
    @Inject
    Pool pool;
    @Inject
    @Channel("mailbox-ops-dlq")
    MutinyEmitter<String> deadLetters;

    /** One op of a wave with what the writer decided for it. */
    record Planned(EventEnvelope<MailboxOp> env, WriteTarget target) {
        MailboxOp op() {
            return env.data;
        }

        /** Whose mailbox: the op's user in the firm of its envelope. */
        UserKey mailbox() {
            return UserKey.of(env.firmId, env.data.userId());
        }

        EventLinkEntity.Key linkKey() {
            MailboxOp op = env.data;
            return new EventLinkEntity.Key(op.activityId(), op.userId(),
                    op.role() == null ? MailboxOp.LinkRole.COPY.name() : op.role().name());
        }
    }

    /** What the threads calling Graph are doing now, for a warning about a write that stays out. */
    public String graphThreadsAtWork() {
        return GraphThreads.busy();
    }

    public Uni<Void> deadLetterUnreadable(List<String> records) {
        return InOrder.each(records, json -> deadLetter(null, json, "unreadable mailbox op"));
    }

    /** Writes the ops not done yet, wave after wave. */
    public Uni<Void> write(List<EventEnvelope<MailboxOp>> ops) {
        if (ops.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> keys = ops.stream().map(e -> ProcessedEvent.opKey(e.data.opId())).toList();
        return ProcessedEvent.seen(pool, keys).chain(done -> {
            List<EventEnvelope<MailboxOp>> todo = ops.stream()
                    .filter(e -> !done.contains(ProcessedEvent.opKey(e.data.opId()))).toList();
            return InOrder.each(waves(todo), this::wave);
        });
    }

    private static List<List<EventEnvelope<MailboxOp>>> waves(List<EventEnvelope<MailboxOp>> ops) {
        Map<MailboxOp, EventEnvelope<MailboxOp>> byOp = new LinkedHashMap<>();
        ops.forEach(e -> byOp.put(e.data, e));
        List<List<EventEnvelope<MailboxOp>>> waves = new ArrayList<>();
        List<MailboxOp> rest = ops.stream().map(e -> e.data).toList();
        while (!rest.isEmpty()) {
            WriteWaves.Split split = WriteWaves.next(rest);
            waves.add(split.wave().stream().map(byOp::get).toList());
            rest = split.rest();
        }
        return waves;
    }

    private Uni<Void> wave(List<EventEnvelope<MailboxOp>> wave) {
        List<String> activityIds = wave.stream().map(e -> e.data.activityId()).distinct().toList();
        long started = System.nanoTime();
        return EventLinks.current(pool, activityIds)
                .map(links -> resolve(wave, links))
                .call(this::markDeleting)
                .chain(planned -> calendar.write(requests(planned)).map(outcomes -> records(planned, outcomes)))
                .call(this::deadLetters)
                .chain(records -> pool.withTransaction(c -> record(c, records)))
                .invoke(() -> LOG.debugf("wave of %d written and recorded in %d ms", wave.size(),
                        (System.nanoTime() - started) / 1_000_000));
    }

    private static List<Planned> resolve(List<EventEnvelope<MailboxOp>> wave,
            Map<EventLinkEntity.Key, WriteTarget.CurrentLink> links) {
        return wave.stream().map(env -> new Planned(env, WriteTarget.resolve(env.data,
                links.get(new Planned(env, null).linkKey())))).toList();
    }

    /**
     * Links whose events this wave deletes are marked first: the deletion's notification can be read before the
     * wave is recorded, and must not count as the user deleting the event in Outlook.
     */
    private Uni<Void> markDeleting(List<Planned> planned) {
        Instant now = Instant.now();
        List<Planned> deletes = planned.stream().filter(p -> p.target().action() == WriteTarget.Action.DELETE).toList();
        return deletes.isEmpty() ? Uni.createFrom().voidItem() : pool.withTransaction(c -> InOrder.each(deletes,
                p -> EventLinks.markDeleting(c, p.linkKey(), now)));
    }

    /** The Graph requests of the wave, per mailbox owner; skipped ops send nothing. */
    private static Map<UserKey, List<CalendarWrite>> requests(List<Planned> planned) {
        Map<UserKey, List<CalendarWrite>> byUser = new LinkedHashMap<>();
        for (Planned p : planned) {
            MailboxOp op = p.op();
            if (p.target().action().sendsNothing()) {
                continue;
            }
            CalendarWrite.Kind kind = CalendarWrite.Kind.valueOf(p.target().action().name());
            byUser.computeIfAbsent(p.mailbox(), u -> new ArrayList<>()).add(new CalendarWrite(op.opId(), kind,
                    op.mailbox(), p.target().eventId(), StableIds.transactionId(op),
                    op.activityId() + ":" + op.activityVersion(), op.content()));
        }
        return byUser;
    }

    /** What each op leaves, decided by {@link WriteRecord}. */
    private static List<Recorded> records(List<Planned> planned, Map<String, WriteOutcome> outcomes) {
        List<Recorded> records = new ArrayList<>();
        for (Planned p : planned) {
            WriteOutcome outcome = p.target().action().sendsNothing() ? null : outcomes.get(p.op().opId());
            log(p, outcome);
            records.add(new Recorded(p, WriteRecord.of(p.op(), p.target(), outcome)));
        }
        return records;
    }

    private record Recorded(Planned planned, WriteRecord record) {
    }

    /** Ops Graph refused for good go to the DLQ with Graph's reason (their users' statuses say FAILED). */
    private Uni<Void> deadLetters(List<Recorded> records) {
        return InOrder.each(records.stream().filter(r -> r.record().deadLetter() != null).toList(),
                r -> deadLetter(r.planned().mailbox().kafkaKey(), EventCodec.toJson(r.planned().env()),
                        r.record().deadLetter()));
    }

    /**
     * Each op's record, then the progress of the jobs they belong to, in the caller's transaction. On the reactive
     * SQL client: every op written passes here, and Hibernate's work per statement cost more than the statements.
     */
    private Uni<Void> record(SqlConnection c, List<Recorded> records) {
        Map<String, int[]> jobCounts = new LinkedHashMap<>(); // job id → {done, failed}
        Map<String, String> jobFirms = new HashMap<>();
        for (Recorded r : records) {
            MailboxOp op = r.planned().op();
            if (op.jobId() != null) {
                jobCounts.computeIfAbsent(op.jobId(), j -> new int[2])[r.record().succeeded() ? 0 : 1]++;
                jobFirms.put(op.jobId(), r.planned().env().firmId);
            }
        }
        return InOrder.each(records, r -> apply(c, r)).chain(() -> InOrder.each(List.copyOf(jobCounts.keySet()),
                job -> countJob(c, jobFirms.get(job), job, jobCounts.get(job))));
    }

    private Uni<Void> apply(SqlConnection c, Recorded recorded) {
        Planned p = recorded.planned();
        WriteRecord r = recorded.record();
        MailboxOp op = p.op();
        return ProcessedEvent.firstTime(c, ProcessedEvent.opKey(op.opId())).chain(first -> {
            if (!first) {
                return Uni.createFrom().voidItem(); // recorded by a concurrent duplicate of the op
            }
            return link(c, p, r.link()).chain(() -> changedInOutlook(c, p, r.link()))
                    .chain(() -> r.waitForReconnect() ? PendingWrite.waitFor(c, new PendingWrite.Key(op.activityId(),
                            op.userId()), p.env().firmId, r.reason()) : Uni.createFrom().voidItem())
                    .chain(() -> r.state() == null ? Uni.createFrom().voidItem()
                            : publisher.publish(c, SyncEvents.status(p.env().firmId, new SyncStatusChanged(
                                    op.activityId(), op.userId(), r.state(), r.reason(), r.eventId(),
                                    op.activityVersion(), Instant.now()))));
        });
    }

    private static Uni<Void> link(SqlConnection c, Planned p, WriteRecord.LinkChange change) {
        if (change instanceof WriteRecord.Remove) {
            return EventLinks.remove(c, p.linkKey(), p.env().firmId, p.target().eventId());
        }
        if (change instanceof WriteRecord.Save save) {
            return EventLinks.written(c, p.linkKey(), p.env().firmId, p.op().mailbox(), save.written().asLinked(),
                    p.op().activityVersion(), p.op().content());
        }
        if (change instanceof WriteRecord.Held) {
            return EventLinks.held(c, p.linkKey(), p.op().activityVersion(), p.op().content());
        }
        if (change instanceof WriteRecord.DeletionEnded) {
            return EventLinks.markDeleting(c, p.linkKey(), null);
        }
        return Uni.createFrom().voidItem(); // Keep
    }

    /**
     * The event holds a change made in Outlook that no judgement saw through (WrittenEvent.changedInOutlook: a retried
     * create's event edited since, its notification judged while the link was missing; a series' occurrence deleted
     * while our write was pending, or one our write put back): the event is judged again, now linked, as if notified.
     */
    private Uni<Void> changedInOutlook(SqlConnection c, Planned p, WriteRecord.LinkChange change) {
        if (!(change instanceof WriteRecord.Save save) || !save.written().changedInOutlook()) {
            return Uni.createFrom().voidItem();
        }
        MailboxOp op = p.op();
        LOG.infof("%s in %s's mailbox (activity %s) may hold a change made in Outlook meanwhile: judged again",
                save.written().eventId(), p.mailbox(), op.activityId());
        return publisher.publish(c, SyncEvents.notification(p.env().firmId, new GraphNotification(
                GraphNotification.Kind.CHANGE, op.userId(), p.env().firmId, op.mailbox(), null, "updated", null, null,
                save.written().eventId(), null, Instant.now())));
    }

    private Uni<Void> countJob(SqlConnection c, String firmId, String jobId, int[] counts) {
        return SyncJob.count(c, jobId, counts[0], counts[1]).chain(progress -> progress == null
                ? Uni.createFrom().voidItem() : publisher.publish(c, SyncEvents.progress(firmId, progress)));
    }

    /** Graph refused for good: the op goes to the DLQ with Graph's reason (its user's status says FAILED). */
    private Uni<Void> deadLetter(String key, String json, String reason) {
        LOG.warn(reason);
        var headers = new RecordHeaders().add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
        return deadLetters.sendMessage(Message.of(json).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key).withHeaders(headers).build()));
    }

    private static void log(Planned p, WriteOutcome outcome) {
        if (LOG.isDebugEnabled()) {
            MailboxOp op = p.op();
            LOG.debugf("op %s %s v%d of %s for %s (%s) -> %s %s: %s", op.opId(), op.op(), op.activityVersion(),
                    op.activityId(), op.userId(), op.role(), p.target().action(), p.target().eventId(),
                    outcome == null ? "nothing sent" : outcome.succeeded()
                            ? "ok" + (outcome.written() == null ? "" : " " + outcome.written().eventId())
                            : "failed " + outcome.failure());
        }
    }
}
