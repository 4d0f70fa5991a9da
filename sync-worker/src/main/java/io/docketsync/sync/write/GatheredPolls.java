package io.docketsync.sync.write;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Flow;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * One consumer's polls, handed on to a write as soon as one is there; the polls that come while a write is out are
 * gathered and handed on together when it is done. So an idle consumer writes the first op at once, and a busy one
 * writes in bigger steps (fewer $batches and transactions per op) without a timer: the broker no longer holds a
 * fetch to gather ops (which woke every consumer four times a second with nothing to read).
 *
 * <p>A poll is acknowledged (its offsets may be committed) only after the write that took it; polls keep Kafka's
 * order, so a mailbox's ops are written in order. When a write fails for good, its polls are nacked (the channel's
 * failure strategy stops it) and nothing more is written: the uncommitted ops are read again after a restart.
 */
final class GatheredPolls implements Flow.Subscriber<Message<List<String>>> {
    private final Function<List<String>, Uni<Void>> write;
    private final int maxRecords;
    private final int pollsAhead;
    private final Deque<Message<List<String>>> waiting = new ArrayDeque<>();
    private Flow.Subscription subscription;
    private Context context;
    private boolean writing;
    private boolean stopped;
    /** The write out now: when it started (System.nanoTime), what it took, and whether it was reported stalled. */
    private long outSince;
    private List<Message<List<String>>> outPolls;
    private boolean outAcknowledging;
    private boolean outReported;

    /**
     * @param write writes the records of the polls taken together, in order
     * @param maxRecords the most records one write takes (a single larger poll is still taken whole)
     * @param pollsAhead polls asked for ahead of the writes, the most that wait
     */
    GatheredPolls(Function<List<String>, Uni<Void>> write, int maxRecords, int pollsAhead) {
        if (maxRecords < 1 || pollsAhead < 1) {
            throw new IllegalArgumentException("maxRecords and pollsAhead must be positive");
        }
        this.write = write;
        this.maxRecords = maxRecords;
        this.pollsAhead = pollsAhead;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(pollsAhead);
    }

    @Override
    public void onNext(Message<List<String>> poll) {
        synchronized (this) {
            if (context == null) {
                context = Vertx.currentContext(); // the consumer's: every write of this consumer starts there
            }
            waiting.add(poll);
            if (writing || stopped) {
                return;
            }
            writing = true;
        }
        writeWaiting();
    }

    private void writeWaiting() {
        List<Message<List<String>>> taken = new ArrayList<>();
        List<String> records = new ArrayList<>();
        synchronized (this) {
            while (!waiting.isEmpty()
                    && (taken.isEmpty() || records.size() + waiting.peek().getPayload().size() <= maxRecords)) {
                Message<List<String>> poll = waiting.poll();
                taken.add(poll);
                records.addAll(poll.getPayload());
            }
            if (taken.isEmpty() || stopped) {
                writing = false;
                return;
            }
            outSince = System.nanoTime();
            outPolls = taken;
            outAcknowledging = false;
            outReported = false;
        }
        Uni.createFrom().deferred(() -> write.apply(records))
                .chain(() -> {
                    synchronized (this) {
                        outAcknowledging = true; // written: what stays out now is the commit handler's
                    }
                    return acknowledge(taken);
                })
                .subscribe().with(done -> {
                    synchronized (this) {
                        outPolls = null;
                    }
                    subscription.request(taken.size());
                    next();
                }, failure -> {
                    synchronized (this) {
                        stopped = true;
                        writing = false;
                        outPolls = null;
                    }
                    taken.forEach(poll -> poll.nack(failure));
                });
    }

    private static Uni<Void> acknowledge(List<Message<List<String>>> polls) {
        Uni<Void> acks = Uni.createFrom().voidItem();
        for (Message<List<String>> poll : polls) {
            acks = acks.chain(() -> Uni.createFrom().completionStage(poll::ack));
        }
        return acks;
    }

    /** The next write starts on the consumer's context, whichever thread finished the last one. */
    private void next() {
        Context c;
        synchronized (this) {
            c = context;
        }
        if (c == null) {
            writeWaiting();
        } else {
            c.runOnContext(ignored -> writeWaiting());
        }
    }

    @Override
    public void onError(Throwable failure) {
        // the channel failed upstream (the consumer stopped): the connector reports it; nothing more comes
        synchronized (this) {
            stopped = true;
        }
    }

    @Override
    public void onComplete() {
        synchronized (this) {
            stopped = true;
        }
    }

    /**
     * The write out now, once it has been out longer than {@code after} (then not again for the same write): what it
     * took and for how long. Null when no write has been out that long, or it was reported already.
     */
    synchronized String stalled(long nowNanos, Duration after) {
        if (outPolls == null || outReported || nowNanos - outSince < after.toNanos()) {
            return null;
        }
        outReported = true;
        return describe(outPolls) + (outAcknowledging ? ", written, acknowledging" : ", writing")
                + ", out for " + Duration.ofNanos(nowNanos - outSince).toSeconds() + " s";
    }

    /** The records of the polls taken, by partition and offsets where the polls say (Kafka's batch metadata). */
    private static String describe(List<Message<List<String>>> taken) {
        int records = 0;
        Map<String, long[]> offsets = new TreeMap<>(); // "topic-partition" → {first, last}
        for (Message<List<String>> poll : taken) {
            records += poll.getPayload().size();
            poll.getMetadata(IncomingKafkaRecordBatchMetadata.class).ifPresent(batch -> {
                for (Object o : batch.getRecords()) {
                    ConsumerRecord<?, ?> r = (ConsumerRecord<?, ?>) o;
                    offsets.merge(r.topic() + "-" + r.partition(), new long[] {r.offset(), r.offset()},
                            (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
                }
            });
        }
        StringBuilder b = new StringBuilder().append(records).append(records == 1 ? " record" : " records");
        offsets.forEach((partition, range) -> b.append(", ").append(partition).append(" offsets ").append(range[0])
                .append("–").append(range[1]));
        return b.toString();
    }

    /** Polls received and not written yet (read by the tests). */
    synchronized int waiting() {
        return waiting.size();
    }
}
