package io.docketsync.outbox;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka at least once, in {@code seq} order per key: rows are deleted only after Kafka
 * acknowledged them, so a crash between publish and delete republishes (consumers filter by event id).
 *
 * <p>The outbox is split into {@link #LANES} lanes by a hash of the key. Each lane is published by one worker at a
 * time across all instances of a service (a transaction-scoped advisory lock per lane), so the lanes go out in
 * parallel while each key keeps its order without coordination between instances. This instance's workers each
 * try their own share of the lanes; lanes another instance holds are left to it.
 *
 * <p>It does not poll: {@link #wake(int)} (called when PostgreSQL notifies the outbox's channel, i.e. when a
 * transaction that inserted rows commits, with the lanes of those rows) starts a round of the workers of those lanes;
 * a worker that finds nothing waits for the next wake-up,
 * at most {@code fallbackPoll} ({@code idleWait} while nobody listens, see {@link #listening(boolean)}).
 */
public class OutboxRelay implements Runnable {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Fixed: every instance of a service must split the outbox the same way. */
    public static final int LANES = 16;
    /** The lock of the relay before lanes: taken shared here, so a relay of that version (exclusive) and this one
     * never publish at the same time during a rolling upgrade. */
    private static final long LEGACY_LOCK_ID = 0x0d0c_4e75_0000_0001L;
    /** Lane {@code l}'s lock is this plus {@code l}; any constant works, the same for every instance. */
    private static final long LANE_LOCK_BASE = 0x0d0c_4e75_0000_0100L;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int ALL_LANES = (1 << LANES) - 1;
    /** A key's lane; the outbox's trigger computes it the same way for its notification. */
    static final String LANE_OF_KEY = "((hashtext(message_key) & 2147483647) % " + LANES + ")";

    private final Pool pool;
    private final Producer<String, String> producer;
    private final int batchSize;
    private final Duration idleWait;
    private final Duration fallbackPoll;
    private final int workers;
    private final List<Semaphore> wakeUps = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong rounds = new AtomicLong();
    private volatile boolean running = true;
    private volatile boolean listening;
    private volatile Throwable lastFailure;

    /** A relay of one worker that polls every {@code idleWait} (the relay as it was; tests that run it as a process). */
    public OutboxRelay(Pool pool, Producer<String, String> producer, int batchSize, Duration idleWait) {
        this(pool, producer, batchSize, idleWait, idleWait, 1);
    }

    public OutboxRelay(Pool pool, Producer<String, String> producer, int batchSize, Duration idleWait,
            Duration fallbackPoll, int workers) {
        if (workers < 1 || workers > LANES) {
            throw new IllegalArgumentException("docketsync.outbox.workers must be 1 to " + LANES + ", not " + workers);
        }
        this.pool = pool;
        this.producer = producer;
        this.batchSize = batchSize;
        this.idleWait = idleWait;
        this.fallbackPoll = fallbackPoll;
        this.workers = workers;
        for (int w = 0; w < workers; w++) {
            wakeUps.add(new Semaphore(0));
        }
    }

    /** Starts the workers on threads of their own ({@code outbox-relay-N}); {@link #stop()} ends them. */
    public synchronized void start(String threadName) {
        for (int w = 0; w < workers; w++) {
            int worker = w;
            Thread t = new Thread(() -> work(worker), threadName + "-" + w);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** Runs every worker and returns when the relay is stopped (a relay as a process of its own). */
    @Override
    public void run() {
        start("outbox-relay");
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Something may wait in any lane: every worker starts a round now (wake-ups while a round runs make one more). */
    public void wake() {
        wake(ALL_LANES);
    }

    /** Rows were committed in these lanes (bit {@code l} for lane {@code l}): their workers start a round now. */
    public void wake(int lanes) {
        for (int w = 0; w < workers; w++) {
            if ((lanes & lanesOf(w, workers)) != 0) {
                wakeUps.get(w).release();
            }
        }
    }

    /** The lanes worker {@code worker} of {@code workers} publishes ({@code l % workers = worker}), as bits. */
    static int lanesOf(int worker, int workers) {
        int lanes = 0;
        for (int l = worker; l < LANES; l += workers) {
            lanes |= 1 << l;
        }
        return lanes;
    }

    /**
     * The lanes a notification on the outbox's channel names (the trigger of {@code R__outbox_event_notify_lanes.sql});
     * every lane when it names none (V0_2's trigger, during an upgrade, notified with an empty payload).
     */
    public static int lanesNotified(String payload) {
        try {
            int lanes = Integer.parseInt(payload) & ALL_LANES;
            return lanes == 0 ? ALL_LANES : lanes;
        } catch (NumberFormatException e) {
            return ALL_LANES;
        }
    }

    /**
     * Whether a notification will wake the relay: then a worker with nothing to do waits up to {@code fallbackPoll},
     * otherwise {@code idleWait}. Listening again wakes every worker, since notifications may have been missed.
     */
    public void listening(boolean now) {
        listening = now;
        wake();
    }

    public boolean listening() {
        return listening;
    }

    private void work(int worker) {
        Semaphore wakeUp = wakeUps.get(worker);
        Duration backoff = idleWait;
        while (running) {
            try {
                wakeUp.drainPermits(); // whatever committed before this point is seen by the round below
                int sent = relayOnce(worker);
                lastFailure = null;
                backoff = idleWait;
                if (sent < batchSize) {
                    Duration wait = listening ? fallbackPoll : idleWait;
                    wakeUp.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                lastFailure = e;
                LOG.warnf("outbox relay failed, retrying in %s: %s", backoff, e.getMessage());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5)
                        : backoff.multipliedBy(2);
            }
        }
    }

    /** One round of every worker of this relay, one after the other (tests). */
    public int relayOnce() {
        int sent = 0;
        for (int w = 0; w < workers; w++) {
            sent += relayOnce(w);
        }
        return sent;
    }

    /**
     * Publishes one batch of the worker's lanes that no other relay holds; answers how many events were published
     * (0 when none waited or other relays hold the lanes). Everything here blocks the calling thread, which is the
     * relay's own, never an event loop.
     */
    int relayOnce(int worker) {
        rounds.incrementAndGet();
        SqlConnection conn = pool.getConnection().await().atMost(TIMEOUT);
        try {
            Transaction tx = conn.begin().await().atMost(TIMEOUT);
            try {
                List<Integer> lanes = new ArrayList<>();
                // one row per lane of this worker that is free; each lock is held until the transaction ends
                conn.preparedQuery("SELECT l FROM generate_series(0, $1 - 1) AS l WHERE l % $2 = $3 "
                        + "AND pg_try_advisory_xact_lock_shared($4) AND pg_try_advisory_xact_lock($5 + l) ORDER BY l")
                        .execute(Tuple.of(LANES, workers, worker, LEGACY_LOCK_ID, LANE_LOCK_BASE))
                        .await().atMost(TIMEOUT).forEach(r -> lanes.add(r.getInteger(0)));
                List<Row> rows = new ArrayList<>();
                if (!lanes.isEmpty()) {
                    conn.preparedQuery("SELECT seq, event_id, topic, message_key, event_type, payload, created_at "
                            + "FROM outbox_event WHERE " + LANE_OF_KEY + " = ANY($1) ORDER BY seq LIMIT $2")
                            .execute(Tuple.of(lanes.toArray(new Integer[0]), batchSize))
                            .await().atMost(TIMEOUT).forEach(rows::add);
                }
                if (!rows.isEmpty()) {
                    if (LOG.isDebugEnabled()) {
                        LOG.debugf("relaying %d events of lanes %s, the oldest waited %d ms", (Object) rows.size(), lanes,
                                Duration.between(rows.get(0).getOffsetDateTime("created_at").toInstant(),
                                        java.time.Instant.now()).toMillis());
                    }
                    Long[] seqs = send(rows);
                    conn.preparedQuery("DELETE FROM outbox_event WHERE seq = ANY($1)").execute(Tuple.of(seqs))
                            .await().atMost(TIMEOUT);
                }
                tx.commit().await().atMost(TIMEOUT);
                return rows.size();
            } catch (RuntimeException e) {
                tx.rollback().onFailure().recoverWithNull().await().atMost(TIMEOUT);
                throw e;
            }
        } finally {
            conn.close().await().atMost(TIMEOUT);
        }
    }

    /** Sends the rows in seq order (the idempotent producer keeps that order per partition) and waits for every ack. */
    private Long[] send(List<Row> rows) {
        List<Future<?>> acks = new ArrayList<>(rows.size());
        Long[] seqs = new Long[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            seqs[i] = row.getLong("seq");
            ProducerRecord<String, String> record = new ProducerRecord<>(row.getString("topic"),
                    row.getString("message_key"), row.getString("payload"));
            // structured-mode CloudEvents: the content type says so; id and type let consumers filter cheaply
            record.headers().add(new RecordHeader("content-type",
                    "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8)));
            record.headers().add(new RecordHeader("ce_id",
                    row.getUUID("event_id").toString().getBytes(StandardCharsets.UTF_8)));
            record.headers().add(new RecordHeader("ce_type",
                    row.getString("event_type").getBytes(StandardCharsets.UTF_8)));
            acks.add(producer.send(record));
        }
        producer.flush();
        for (Future<?> ack : acks) {
            try {
                ack.get();
            } catch (Exception e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw new IllegalStateException("Kafka did not acknowledge an outbox event: " + cause.getMessage(), cause);
            }
        }
        published.addAndGet(seqs.length);
        return seqs;
    }

    public void stop() {
        running = false;
        wake();
    }

    /** Waits up to {@code millis} for the workers to end after {@link #stop()}. */
    public void join(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        for (Thread t : threads) {
            t.join(Math.max(1, deadline - System.currentTimeMillis()));
        }
    }

    /** Whether every worker still runs (false before {@link #start(String)} and after {@link #stop()}). */
    public boolean alive() {
        return !threads.isEmpty() && threads.stream().allMatch(Thread::isAlive);
    }

    public long published() {
        return published.get();
    }

    /** How many rounds the workers made (each a transaction of two or four statements). */
    public long rounds() {
        return rounds.get();
    }

    public Throwable lastFailure() {
        return lastFailure;
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
