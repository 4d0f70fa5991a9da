package io.docketsync.sync.messaging;

import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.JobProgress;
import io.docketsync.contracts.MailboxOp;
import io.docketsync.contracts.SyncState;
import io.docketsync.contracts.SyncStatusChanged;
import io.docketsync.sync.graph.MailboxTokens;
import io.docketsync.sync.graph.GraphCalendarClient;
import io.docketsync.sync.graph.GraphWriteException;
import io.docketsync.sync.graph.MailboxToken;
import io.docketsync.sync.graph.MailboxUnavailableException;
import io.docketsync.sync.graph.WrittenEvent;
import io.docketsync.sync.persistence.EventLinkEntity;
import io.docketsync.sync.persistence.PendingWrite;
import io.docketsync.sync.persistence.ProcessedEvent;
import io.docketsync.sync.persistence.SyncJob;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The write stage: one planned write to one mailbox, through Graph, then its link and status recorded in one
 * transaction. Ops of a mailbox arrive in order on one partition, so one mailbox is written by one worker at a
 * time. Idempotent end to end: a done op is skipped, and a create repeated after a crash carries the same Graph
 * transactionId, so Graph answers with the event it already made.
 */
@ApplicationScoped
public class MailboxOpsConsumer {
    private static final Logger LOG = Logger.getLogger(MailboxOpsConsumer.class);

    @Inject
    GraphCalendarClient graph;
    @Inject
    @Named("mailboxTokens")
    MailboxTokens tokens;
    @Inject
    SyncPublisher publisher;
    @Inject
    MeterRegistry metrics;
    @ConfigProperty(name = "docketsync.sync.throttle-patience")
    Duration throttlePatience;

    record Outcome(WrittenEvent written, RuntimeException failure) {
    }

    @Incoming("mailbox-ops")
    public Uni<Void> onMailboxOp(String json) {
        EventEnvelope<MailboxOp> env = EventCodec.fromJson(json, MailboxOp.class);
        MailboxOp op = env.data;
        return Panache.withSession(() -> ProcessedEvent.<ProcessedEvent>findById(processedKey(op)))
                .chain(done -> done != null ? Uni.createFrom().voidItem() : write(env));
    }

    private Uni<Void> write(EventEnvelope<MailboxOp> env) {
        MailboxOp op = env.data;
        return Offload.blocking(() -> execute(op))
                .chain(outcome -> Panache.withTransaction(() -> record(env, outcome)).replaceWith(outcome))
                .chain(outcome -> {
                    if (outcome.failure() instanceof GraphWriteException e) {
                        // recorded as FAILED for the user; the op itself goes to the DLQ with Graph's reason
                        return Uni.createFrom().failure(new IllegalStateException(
                                "Office 365 refused " + op.op() + " for " + op.userId() + ": " + e.reason(), e));
                    }
                    return Uni.createFrom().voidItem();
                });
    }

    /** Blocking: the Graph call, waiting out throttling within the configured patience. */
    Outcome execute(MailboxOp op) {
        Instant giveUp = Instant.now().plus(throttlePatience);
        while (true) {
            try {
                MailboxToken token = tokens.tokenFor(op.userId());
                WrittenEvent written = switch (op.op()) {
                    case CREATE -> graph.create(op.mailbox(), token.accessToken(), transactionId(op),
                            op.activityId() + ":" + op.activityVersion(), op.content());
                    case UPDATE -> graph.update(op.mailbox(), token.accessToken(), op.eventId(), op.content());
                    case DELETE -> {
                        graph.delete(op.mailbox(), token.accessToken(), op.eventId());
                        yield null;
                    }
                    case RESPOND -> throw new GraphWriteException(400, "NotSupported",
                            "responding to invitations is not supported", null, null);
                };
                metrics.counter("docketsync.sync.mailbox.writes", "op", op.op().name(), "outcome", "ok").increment();
                return new Outcome(written, null);
            } catch (GraphWriteException e) {
                if (e.status() == 401) {
                    tokens.forget(op.userId()); // expired between hand-out and use: ask again once
                }
                boolean retry = (e.transientFailure() || e.status() == 401)
                        && Instant.now().plus(e.retryAfter() == null ? Duration.ZERO : e.retryAfter()).isBefore(giveUp);
                metrics.counter("docketsync.sync.mailbox.writes", "op", op.op().name(), "outcome",
                        retry ? "retried-" + e.status() : "failed").increment();
                if (!retry) {
                    return new Outcome(null, e);
                }
                LOG.debugf("%s for %s throttled (%s), waiting %s", op.op(), op.mailbox(), e.status(), e.retryAfter());
                pause(e.retryAfter() == null ? Duration.ofSeconds(1) : e.retryAfter());
            } catch (MailboxUnavailableException e) {
                return new Outcome(null, e);
            }
        }
    }

    private Uni<Void> record(EventEnvelope<MailboxOp> env, Outcome outcome) {
        MailboxOp op = env.data;
        Uni<Void> effect;
        SyncStatusChanged status;
        boolean ok = outcome.failure() == null;
        if (ok && op.op() == MailboxOp.OpType.DELETE) {
            effect = EventLinkEntity.delete("id", key(op)).replaceWithVoid();
            status = status(op, SyncState.REMOVED, null, op.eventId());
        } else if (ok) {
            effect = link(op, outcome.written());
            status = status(op, SyncState.LINKED, null, outcome.written().eventId());
        } else if (outcome.failure() instanceof MailboxUnavailableException e) {
            effect = e.reauthorisationNeeded() ? waitForReconnect(op, e.getMessage()) : Uni.createFrom().voidItem();
            status = status(op, SyncState.PENDING, e.getMessage(), op.eventId());
        } else {
            effect = Uni.createFrom().voidItem();
            status = status(op, SyncState.FAILED, ((GraphWriteException) outcome.failure()).reason(), op.eventId());
        }
        ProcessedEvent done = new ProcessedEvent();
        done.eventId = processedKey(op);
        done.processedAt = Instant.now();
        return effect.chain(done::persist)
                .chain(() -> publisher.status(env.firmId, status))
                .chain(() -> op.jobId() == null ? Uni.createFrom().voidItem() : countJob(env.firmId, op.jobId(), ok));
    }

    private static Uni<Void> link(MailboxOp op, WrittenEvent written) {
        return EventLinkEntity.<EventLinkEntity>findById(key(op)).chain(found -> {
            EventLinkEntity l = found == null ? new EventLinkEntity() : found;
            l.id = key(op);
            l.mailbox = op.mailbox();
            l.eventId = written.eventId();
            l.iCalUId = written.iCalUId();
            l.changeKey = written.changeKey();
            l.pushedVersion = Math.max(l.pushedVersion, op.activityVersion());
            l.updatedAt = Instant.now();
            return l.persist().replaceWithVoid();
        });
    }

    private static Uni<Void> waitForReconnect(MailboxOp op, String reason) {
        return PendingWrite.<PendingWrite>findById(new PendingWrite.Key(op.activityId(), op.userId())).chain(found -> {
            PendingWrite w = found == null ? new PendingWrite() : found;
            w.id = new PendingWrite.Key(op.activityId(), op.userId());
            w.reason = reason;
            w.since = Instant.now();
            return w.persist().replaceWithVoid();
        });
    }

    private Uni<Void> countJob(String firmId, String jobId, boolean ok) {
        return SyncJob.<SyncJob>findById(jobId).chain(job -> {
            if (job == null) {
                return Uni.createFrom().voidItem();
            }
            if (ok) {
                job.done++;
            } else {
                job.failed++;
            }
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

    /** One Graph event per (activity, user, role), however often its creation is retried. */
    static String transactionId(MailboxOp op) {
        return UUID.nameUUIDFromBytes(("docketsync|" + op.activityId() + "|" + op.userId() + "|" + op.role())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String processedKey(MailboxOp op) {
        return "op:" + op.opId();
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(Math.max(50, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting out Graph's throttling", e);
        }
    }
}
