package io.docketsync.sync.write;

import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.MailboxOp;
import io.docketsync.contracts.UserKey;
import io.docketsync.sync.config.SyncConfig;
import io.docketsync.messaging.KeyedLanes;
import io.docketsync.messaging.OwnContexts;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * sync.mailbox-ops.v1 → the write stage ({@link WriteService}). Each mailbox is written in a lane of its own
 * ({@link KeyedLanes}) as soon as it has ops: its ops in topic order, one run (one $batch in flight, so at most
 * Graph's 4 concurrent requests per mailbox) at a time, and the ops that arrived meanwhile together in its next run.
 * Mailboxes do not wait for each other: a poll is acknowledged once all its ops are written, while the next polls'
 * mailboxes are already being written. An unreadable op is dead-lettered; a run that fails (the database or broker
 * away) is tried again, ops being idempotent; still failing after its retries, it stops the channel (nothing is lost:
 * the uncommitted ops are read again after a restart).
 */
@ApplicationScoped
public class MailboxOpsConsumer {
    private static final Logger LOG = Logger.getLogger(MailboxOpsConsumer.class);

    @Inject
    WriteService writes;
    @Inject
    SyncConfig config;
    @Inject
    Vertx vertx;
    @Inject
    MeterRegistry metrics;

    private KeyedLanes<EventEnvelope<MailboxOp>> lanes;

    @PostConstruct
    void lanes() {
        lanes = new KeyedLanes<>(this::write, config.opsPerRun(), config.writesInFlight(), OwnContexts.of(vertx));
        // ops received and not written yet in this instance, and the mailboxes they are for
        metrics.gauge("docketsync.sync.ops.queued", lanes, KeyedLanes::queued);
        metrics.gauge("docketsync.sync.ops.mailboxes", lanes, KeyedLanes::busyLanes);
    }

    @Incoming("mailbox-ops")
    public Uni<Void> onMailboxOps(Message<List<String>> poll) {
        List<String> unreadable = new ArrayList<>();
        List<CompletableFuture<Void>> written = new ArrayList<>();
        for (String json : poll.getPayload()) {
            EventEnvelope<MailboxOp> op;
            try {
                op = EventCodec.fromJson(json, MailboxOp.class);
            } catch (RuntimeException e) {
                unreadable.add(json);
                continue;
            }
            written.add(lanes.submit(UserKey.of(op.firmId, op.data.userId()).kafkaKey(), op).toCompletableFuture());
        }
        CompletableFuture.allOf(written.toArray(CompletableFuture[]::new)).whenComplete((ok, failure) -> {
            if (failure == null) {
                poll.ack();
            } else {
                poll.nack(failure);
            }
        });
        return writes.deadLetterUnreadable(unreadable).chain(() -> lanes.room());
    }

    /** One run of a mailbox's lane: its ops in topic order. */
    private Uni<Void> write(String mailbox, List<EventEnvelope<MailboxOp>> run) {
        // a relay that crashed after publishing publishes again: the same op twice in one run is written once
        Set<String> opIds = new HashSet<>();
        List<EventEnvelope<MailboxOp>> ops = run.stream().filter(op -> opIds.add(op.data.opId())).toList();
        return Uni.createFrom().deferred(() -> writes.write(ops))
                .onFailure().invoke(e -> LOG.warnf("writing %d ops of %s failed, retrying: %s", ops.size(), mailbox, e))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).atMost(20);
    }
}
