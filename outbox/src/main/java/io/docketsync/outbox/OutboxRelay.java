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
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka in {@code seq} order, at least once: rows are deleted only after Kafka
 * acknowledged them, so a crash between publish and delete republishes (consumers filter by event id).
 * One relay publishes at a time across all instances of a service (a transaction-scoped advisory lock),
 * which keeps the order per key without coordination between instances.
 */
public class OutboxRelay implements Runnable {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Any constant works; it only has to be the same for every instance of one service's database. */
    private static final long LOCK_ID = 0x0d0c_4e75_0000_0001L;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Pool pool;
    private final Producer<String, String> producer;
    private final int batchSize;
    private final Duration idleWait;
    private final AtomicLong published = new AtomicLong();
    private volatile boolean running = true;
    private volatile Throwable lastFailure;

    public OutboxRelay(Pool pool, Producer<String, String> producer, int batchSize, Duration idleWait) {
        this.pool = pool;
        this.producer = producer;
        this.batchSize = batchSize;
        this.idleWait = idleWait;
    }

    @Override
    public void run() {
        Duration backoff = idleWait;
        while (running) {
            try {
                int sent = relayOnce();
                lastFailure = null;
                backoff = idleWait;
                if (sent == 0) {
                    sleep(idleWait);
                }
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

    /** Publishes one batch; answers how many events were published (0 when none waited or another relay works).
     * Everything here blocks the calling thread, which is the relay's own, never an event loop. */
    public int relayOnce() {
        SqlConnection conn = pool.getConnection().await().atMost(TIMEOUT);
        try {
            Transaction tx = conn.begin().await().atMost(TIMEOUT);
            try {
                boolean mine = conn.preparedQuery("SELECT pg_try_advisory_xact_lock($1)").execute(Tuple.of(LOCK_ID))
                        .await().atMost(TIMEOUT).iterator().next().getBoolean(0);
                List<Row> rows = new ArrayList<>();
                if (mine) {
                    conn.preparedQuery("SELECT seq, event_id, topic, message_key, event_type, payload, created_at "
                            + "FROM outbox_event ORDER BY seq LIMIT $1").execute(Tuple.of(batchSize))
                            .await().atMost(TIMEOUT).forEach(rows::add);
                }
                if (!rows.isEmpty()) {
                    if (LOG.isDebugEnabled()) {
                        LOG.debugf("relaying %d events, the oldest waited %d ms", rows.size(), java.time.Duration.between(
                                rows.get(0).getOffsetDateTime("created_at").toInstant(), java.time.Instant.now()).toMillis());
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
    }

    public long published() {
        return published.get();
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
