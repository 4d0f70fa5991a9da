package io.docketsync.sync.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/** A consumer's polls: the first written at once, those that come meanwhile together after it, acked after it. */
class GatheredPollsTest {
    /** The writes asked for, each left open until the test ends it. */
    private final List<List<String>> writes = new ArrayList<>();
    private final List<CompletableFuture<Void>> open = new ArrayList<>();
    private final List<String> acked = new ArrayList<>();
    private final List<String> nacked = new ArrayList<>();
    private final AtomicLong requested = new AtomicLong();

    private GatheredPolls subscribed(int maxRecords, int pollsAhead) {
        GatheredPolls polls = new GatheredPolls(records -> {
            writes.add(List.copyOf(records));
            CompletableFuture<Void> done = new CompletableFuture<>();
            open.add(done);
            return Uni.createFrom().completionStage(done);
        }, maxRecords, pollsAhead);
        polls.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                requested.addAndGet(n);
            }

            @Override
            public void cancel() {
            }
        });
        return polls;
    }

    private Message<List<String>> poll(String... records) {
        String name = String.join("+", records);
        return Message.of(List.of(records), () -> {
            acked.add(name);
            return CompletableFuture.completedFuture(null);
        }, failure -> {
            nacked.add(name);
            return CompletableFuture.completedFuture(null);
        });
    }

    @Test
    void theFirstPollIsWrittenAtOnceAndThoseThatComeMeanwhileTogetherAfterIt() {
        GatheredPolls polls = subscribed(400, 16);
        assertEquals(16, requested.get());

        polls.onNext(poll("a1"));
        assertEquals(List.of(List.of("a1")), writes, "an op that finds the consumer idle waits for nothing");

        polls.onNext(poll("b1", "b2"));
        polls.onNext(poll("c1"));
        assertEquals(1, writes.size(), "nothing else is written while a write is out");
        assertEquals(2, polls.waiting());
        assertEquals(List.of(), acked, "a poll is acknowledged only after its write");

        open.get(0).complete(null);
        assertEquals(List.of("a1"), acked);
        assertEquals(List.of(List.of("a1"), List.of("b1", "b2", "c1")), writes, "the two waiting polls, in order, in one write");
        assertEquals(17, requested.get(), "the written poll is asked for again");

        open.get(1).complete(null);
        assertEquals(List.of("a1", "b1+b2", "c1"), acked);
        assertEquals(19, requested.get());
        assertEquals(0, polls.waiting());

        polls.onNext(poll("d1"));
        assertEquals(List.of("d1"), writes.get(2), "idle again: the next poll goes at once");
    }

    @Test
    void aWriteOutLongerThanTheWarningIsReportedOnceWithItsRecordsAndAFinishedOneNever() {
        GatheredPolls polls = subscribed(400, 16);
        Duration after = Duration.ofMinutes(2);
        assertNull(polls.stalled(System.nanoTime() + after.toNanos() * 2, after), "no write out");

        polls.onNext(poll("a1", "a2"));
        long now = System.nanoTime();
        assertNull(polls.stalled(now, after), "out for a moment only");
        String stalled = polls.stalled(now + after.toNanos() + 1_000_000_000L, after);
        assertNotNull(stalled);
        assertTrue(stalled.startsWith("2 records, writing, out for "), stalled);
        assertNull(polls.stalled(now + after.toNanos() * 3, after), "the same write is reported once");

        open.get(0).complete(null);
        assertNull(polls.stalled(now + after.toNanos() * 4, after), "a write done is not out");
        polls.onNext(poll("b1"));
        assertTrue(polls.stalled(System.nanoTime() + after.toNanos() * 2, after).startsWith("1 record, "),
                "the next write is watched afresh");
    }

    @Test
    void aWriteWhoseAcknowledgementStaysOutIsReportedAsAcknowledging() {
        GatheredPolls polls = subscribed(400, 16);
        polls.onNext(Message.of(List.of("a1"), () -> new CompletableFuture<Void>())); // the commit handler never answers
        open.get(0).complete(null);

        String stalled = polls.stalled(System.nanoTime() + Duration.ofMinutes(3).toNanos(), Duration.ofMinutes(2));
        assertTrue(stalled.startsWith("1 record, written, acknowledging, out for "), stalled);
        assertEquals(16, requested.get(), "nothing more is asked for until the poll is acknowledged");
    }

    @Test
    void aStalledWriteNamesThePartitionsAndOffsetsItsPollsCameFrom() {
        GatheredPolls polls = subscribed(400, 16);
        TopicPartition p5 = new TopicPartition("sync.mailbox-ops.v1", 5);
        TopicPartition p1 = new TopicPartition("sync.mailbox-ops.v1", 1);
        var records = new ConsumerRecords<>(Map.of(
                p5, List.of(new ConsumerRecord<>(p5.topic(), 5, 19, "k", "a"), new ConsumerRecord<>(p5.topic(), 5, 20, "k", "b")),
                p1, List.of(new ConsumerRecord<>(p1.topic(), 1, 7, "j", "c"))));
        polls.onNext(poll("a", "b", "c").addMetadata(new IncomingKafkaRecordBatchMetadata<>(records, "mailbox-ops", Map.of())));

        String stalled = polls.stalled(System.nanoTime() + Duration.ofMinutes(3).toNanos(), Duration.ofMinutes(2));
        assertTrue(stalled.startsWith("3 records, sync.mailbox-ops.v1-1 offsets 7–7, sync.mailbox-ops.v1-5 offsets 19–20, writing, out for "),
                stalled);
    }

    @Test
    void aWriteTakesAtMostItsShareOfRecordsButAPollIsNeverSplit() {
        GatheredPolls polls = subscribed(3, 16);
        polls.onNext(poll("a1"));
        polls.onNext(poll("b1", "b2"));
        polls.onNext(poll("c1", "c2"));
        polls.onNext(poll("d1", "d2", "d3", "d4", "d5"));

        open.get(0).complete(null);
        assertEquals(List.of("b1", "b2"), writes.get(1), "c's two would make four, over the three a write takes");
        open.get(1).complete(null);
        assertEquals(List.of("c1", "c2"), writes.get(2));
        open.get(2).complete(null);
        assertEquals(List.of("d1", "d2", "d3", "d4", "d5"), writes.get(3), "a poll larger than a write's share goes whole");
        open.get(3).complete(null);
        assertEquals(List.of("a1", "b1+b2", "c1+c2", "d1+d2+d3+d4+d5"), acked);
    }

    @Test
    void aWriteThatFailsNacksItsPollsAndNothingMoreIsWrittenOrAskedFor() {
        GatheredPolls polls = subscribed(400, 4);
        polls.onNext(poll("a1"));
        polls.onNext(poll("b1"));
        open.get(0).completeExceptionally(new IllegalStateException("database away"));

        assertEquals(List.of("a1"), nacked, "the channel's failure strategy learns of it");
        assertEquals(List.of(), acked, "offsets of a failed write are not committed: the ops are read again");
        assertEquals(4, requested.get());
        polls.onNext(poll("c1"));
        assertEquals(1, writes.size(), "a stopped consumer writes nothing past the failure");
    }

    @Test
    void aWriteThatThrowsIsAFailedWriteToo() {
        List<String> failedWith = new ArrayList<>();
        GatheredPolls polls = new GatheredPolls(records -> {
            throw new IllegalStateException("no");
        }, 10, 1);
        polls.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
            }
        });
        polls.onNext(Message.of(List.of("x"), () -> CompletableFuture.completedFuture(null), failure -> {
            failedWith.add(failure.getMessage());
            return CompletableFuture.completedFuture(null);
        }));
        assertEquals(List.of("no"), failedWith);
    }

    @Test
    void itsBoundsArePositive() {
        assertThrows(IllegalArgumentException.class, () -> new GatheredPolls(r -> Uni.createFrom().voidItem(), 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new GatheredPolls(r -> Uni.createFrom().voidItem(), 1, 0));
        assertEquals(0, new GatheredPolls(r -> Uni.createFrom().voidItem(), 1, 1).waiting());
    }
}
