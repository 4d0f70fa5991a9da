package io.docketsync.sync.write;

import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.MailboxOp;
import io.docketsync.sync.config.SyncConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Flow;
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

    /** Called once per consumer (copy of the channel): each gathers its own polls. */
    @Incoming("mailbox-ops")
    public Flow.Subscriber<Message<List<String>>> mailboxOps() {
        return new GatheredPolls(this::onMailboxOps, config.opsPerWrite(), POLLS_AHEAD);
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
