package io.docketsync.sync.write;

import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.MailboxOp;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * sync.mailbox-ops.v1 → the write stage ({@link WriteService}), a poll at a time per consumer; an instance runs
 * several consumers side by side (the channel's {@code concurrency}), each with partitions, so mailboxes, of its own.
 * An unreadable op is dead-lettered; a poll that fails (the database or broker away) is simply tried again: ops are
 * idempotent.
 */
@ApplicationScoped
public class MailboxOpsConsumer {
    private static final Logger LOG = Logger.getLogger(MailboxOpsConsumer.class);

    @Inject
    WriteService writes;

    @Incoming("mailbox-ops")
    public Uni<Void> onMailboxOps(List<String> records) {
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
