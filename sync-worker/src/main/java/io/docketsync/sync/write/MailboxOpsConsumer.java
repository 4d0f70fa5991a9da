package io.docketsync.sync.write;

import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.MailboxOp;
import io.docketsync.sync.config.SyncConfig;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * sync.mailbox-ops.v1 → the write stage ({@link WriteService}); an instance runs several consumers side by side (the
 * channel's {@code concurrency}), each with partitions, so mailboxes, of its own. Each consumer writes its first poll
 * at once and what came meanwhile together after it ({@link GatheredPolls}), at most
 * {@code docketsync.sync.ops-per-write} ops at a time. An unreadable op is dead-lettered; a write that fails (the
 * database or broker away) is simply tried again: ops are idempotent.
 */
@ApplicationScoped
public class MailboxOpsConsumer {
    private static final Logger LOG = Logger.getLogger(MailboxOpsConsumer.class);

    /** Polls a consumer asks for ahead of its writes (each up to max.poll.records ops). */
    private static final int POLLS_AHEAD = 16;

    @Inject
    WriteService writes;
    @Inject
    SyncConfig config;

    /** Every consumer's polls, watched for a write that stays out ({@link #reportStalledWrites}). */
    private final List<GatheredPolls> consumers = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService watch;

    /** Called once per consumer (copy of the channel): each gathers its own polls. */
    @Incoming("mailbox-ops")
    public Flow.Subscriber<Message<List<String>>> mailboxOps() {
        GatheredPolls polls = new GatheredPolls(this::onMailboxOps, config.opsPerWrite(), POLLS_AHEAD);
        consumers.add(polls);
        startWatch();
        return polls;
    }

    private synchronized void startWatch() {
        if (watch == null) {
            watch = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "write-stall-watch");
                t.setDaemon(true);
                return t;
            });
            long every = Math.max(1, config.writeStallWarning().toSeconds() / 4);
            watch.scheduleWithFixedDelay(this::reportStalledWrites, every, every, TimeUnit.SECONDS);
        }
    }

    @PreDestroy
    synchronized void stopWatch() {
        if (watch != null) {
            watch.shutdownNow();
        }
    }

    /**
     * A consumer's write that has been out longer than docketsync.sync.write-stall-warning holds up every mailbox of
     * its partitions, and nothing else would say so: a warning names its records and what the threads that call
     * Graph are doing (waiting out throttling is expected for up to docketsync.sync.throttle-patience).
     */
    void reportStalledWrites() {
        long now = System.nanoTime();
        for (GatheredPolls polls : consumers) {
            String stalled = polls.stalled(now, config.writeStallWarning());
            if (stalled != null) {
                LOG.warnf("a write of mailbox ops has been out for over %s (%s; waiting out Graph's throttling may take"
                        + " up to %s); the Graph threads at work:%s", config.writeStallWarning(), stalled,
                        config.throttlePatience(), writes.graphThreadsAtWork());
            }
        }
    }

    Uni<Void> onMailboxOps(List<String> records) {
        List<EventEnvelope<MailboxOp>> ops = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        Set<String> opIds = new HashSet<>();
        for (String json : records) {
            try {
                EventEnvelope<MailboxOp> op = EventCodec.fromJson(json, MailboxOp.class);
                // a relay that crashed after publishing publishes again: the same op twice in one poll is written once
                if (opIds.add(op.data.opId())) {
                    ops.add(op);
                }
            } catch (RuntimeException e) {
                unreadable.add(json);
            }
        }
        return writes.deadLetterUnreadable(unreadable).chain(() -> writes.write(ops))
                .onFailure().invoke(e -> LOG.warnf("writing %d mailbox ops failed, retrying: %s", records.size(), e))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).atMost(20);
    }
}
