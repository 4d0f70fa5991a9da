package io.docketsync.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docketsync.testsupport.PostgresServer;
import io.docketsync.testsupport.TestPlatform;
import io.docketsync.testsupport.TopicProbe;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The relay does not poll: a committed outbox row wakes the worker of its lane through PostgreSQL's NOTIFY, long
 * before its fallback poll; and relays of several instances, each with several workers, publish the lanes in parallel while every key
 * keeps its order. Real PostgreSQL and Kafka; the rows are written over JDBC as any transaction would.
 */
class OutboxRelayWakeUpTest {
    private static final Pattern PAYLOAD = Pattern.compile("\\{\"key\":\"(k\\d+)\",\"n\":(\\d+)}");

    private final PostgresServer pg = TestPlatform.postgres();
    private final String bootstrap = TestPlatform.kafka().bootstrapServers();
    private final String jdbcUrl = TestPlatform.freshDatabase("outboxwake");
    private final String database = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
    private final String topic = "outbox-wake-" + UUID.randomUUID();
    private final Map<String, Integer> nextPerKey = new HashMap<>();
    private final Set<String> written = new LinkedHashSet<>();
    private final Vertx vertx = Vertx.vertx();
    private final List<Runnable> cleanUp = new ArrayList<>();

    /**
     * Outside Quarkus, SmallRye's context-propagation provider is set lazily by whichever thread first uses Mutiny,
     * and two threads doing so at once (the relay's workers and the listener's connect) fail with "already set":
     * set it once here. Inside a service Quarkus sets it at start-up.
     */
    @org.junit.jupiter.api.BeforeAll
    static void contextPropagationSetOnce() {
        org.eclipse.microprofile.context.spi.ContextManagerProvider.instance();
    }

    @AfterEach
    void stopRelays() {
        cleanUp.forEach(Runnable::run);
        vertx.closeAndAwait();
    }

    @Test
    void aCommittedRowWakesTheRelayLongBeforeItsFallbackPoll() throws Exception {
        prepare();
        // polls only every minute: whatever is published within seconds was woken by the notification
        OutboxRelay relay = startRelay("wake", Duration.ofMinutes(1), 2);
        awaitListening(relay);
        long roundsBefore = awaitRoundsSettled(relay); // the start-up rounds are over; the workers wait

        long start = System.nanoTime();
        write(1, 1);
        List<ConsumerRecord<String, String>> got = TopicProbe.readUntil(bootstrap, topic, Duration.ofSeconds(20),
                r -> !r.isEmpty());
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertEquals(1, got.size(), "the event was published");
        assertTrue(millis < 10_000, "published in " + millis + " ms, woken rather than polled");
        Thread.sleep(500);
        // the notification names the row's lane: only the worker of that lane looks (with an empty payload, every
        // worker made a round for every commit, all but one of them for nothing)
        assertEquals(1, relay.rounds() - roundsBefore, "one notification wakes the one worker of the row's lane");

        Thread.sleep(1_000);
        long idleRounds = relay.rounds();
        Thread.sleep(1_500);
        assertEquals(idleRounds, relay.rounds(), "an idle relay makes no rounds (it used to look every 50 ms)");
    }

    @Test
    void theNotificationNamesTheLaneTheRelayReadsTheRowFrom() throws Exception {
        prepare();
        try (Connection listener = connect(); Connection c = connect();
                PreparedStatement laneOf = c.prepareStatement(
                        "SELECT " + OutboxRelay.LANE_OF_KEY + " FROM (SELECT ?::text AS message_key) AS row")) {
            listener.createStatement().execute("LISTEN " + ChannelListener.OUTBOX_CHANNEL);
            for (int k = 0; k < 64; k++) {
                String key = "firm-" + k + "/user-" + (k * 31);
                laneOf.setString(1, key);
                int lane;
                try (var rs = laneOf.executeQuery()) {
                    rs.next();
                    lane = rs.getInt(1);
                }
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO outbox_event(event_id, topic, "
                        + "message_key, event_type, payload) VALUES (?, ?, ?, 'test.event', '{}')")) {
                    insert.setObject(1, UUID.randomUUID());
                    insert.setString(2, topic);
                    insert.setString(3, key);
                    insert.executeUpdate();
                }
                var notifications = listener.unwrap(org.postgresql.PGConnection.class).getNotifications(10_000);
                assertEquals(1, notifications == null ? 0 : notifications.length, "one notification for key " + key);
                assertEquals(String.valueOf(1 << lane), notifications[0].getParameter(), "the lane of key " + key);
            }
        }
    }

    @Test
    void twoRelaysWithSeveralWorkersEachKeepTheOrderPerKey() throws Exception {
        prepare();
        OutboxRelay a = startRelay("a", Duration.ofSeconds(5), 3);
        OutboxRelay b = startRelay("b", Duration.ofSeconds(5), 2);
        awaitListening(a);
        awaitListening(b);

        Random random = new Random(7);
        int total = 0;
        while (total < 3_000) {
            int n = 1 + random.nextInt(60);
            write(n, 40);
            total += n;
            if (random.nextInt(4) == 0) {
                Thread.sleep(5);
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (pending() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(0, pending(), "everything written was published");

        List<ConsumerRecord<String, String>> all = TopicProbe.readUntil(bootstrap, topic, Duration.ofSeconds(60),
                r -> distinctIds(r).containsAll(written));
        assertEquals(written, distinctIds(all), "every written event is on the topic, none invented");
        Map<String, Integer> lastSeen = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (ConsumerRecord<String, String> r : all) {
            if (!seen.add(header(r, "ce_id"))) {
                continue;
            }
            Matcher m = PAYLOAD.matcher(r.value());
            assertTrue(m.matches(), r.value());
            int n = Integer.parseInt(m.group(2));
            assertEquals(lastSeen.getOrDefault(r.key(), -1) + 1, n, "events of " + r.key() + " in the order written");
            lastSeen.put(r.key(), n);
        }
        assertTrue(a.published() + b.published() >= total, "the relays counted what they published");
        System.out.printf("outbox lanes test: %d events, relay a published %d, relay b %d%n", total, a.published(),
                b.published());
    }

    private void prepare() throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        try (Connection c = connect()) {
            c.createStatement().execute(Files.readString(Path.of("src/main/resources/db/outbox/V0_1__outbox.sql")));
            c.createStatement().execute(Files.readString(Path.of("src/main/resources/db/outbox/V0_2__outbox_notify.sql")));
            c.createStatement().execute(Files.readString(
                    Path.of("src/main/resources/db/outbox/R__outbox_event_notify_lanes.sql")));
        }
    }

    private OutboxRelay startRelay(String name, Duration fallbackPoll, int workers) {
        PgConnectOptions options = new PgConnectOptions().setHost(pg.host()).setPort(pg.port()).setDatabase(database)
                .setUser(pg.user()).setPassword(pg.password());
        PgPool pool = PgPool.pool(vertx, options, new PoolOptions().setMaxSize(workers));
        Producer<String, String> producer = OutboxProducers.create(bootstrap, "relay-" + name);
        OutboxRelay relay = new OutboxRelay(pool, producer, 50, fallbackPoll, fallbackPoll, workers);
        relay.start("test-relay-" + name);
        ChannelListener listener = ChannelListener.outbox(vertx, options, relay);
        cleanUp.add(() -> {
            listener.close();
            relay.stop();
            try {
                relay.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            producer.close();
            pool.closeAndAwait();
        });
        return relay;
    }

    /** The relay's rounds once none were made for 300 ms. */
    private static long awaitRoundsSettled(OutboxRelay relay) throws InterruptedException {
        long rounds = relay.rounds();
        for (int i = 0; i < 50; i++) {
            Thread.sleep(300);
            if (relay.rounds() == rounds) {
                return rounds;
            }
            rounds = relay.rounds();
        }
        throw new AssertionError("the relay's rounds did not settle: " + rounds);
    }

    private static void awaitListening(OutboxRelay relay) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!relay.listening() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(relay.listening(), "the relay listens for the outbox's notifications");
    }

    /** One transaction of {@code count} events over {@code keys} keys. */
    private void write(int count, int keys) throws Exception {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO outbox_event(event_id, topic, message_key, event_type, payload) VALUES (?, ?, ?, ?, ?)")) {
            c.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                String key = "k" + ((written.size() * 7 + i) % keys);
                int n = nextPerKey.merge(key, 1, Integer::sum) - 1;
                UUID id = UUID.randomUUID();
                ps.setObject(1, id);
                ps.setString(2, topic);
                ps.setString(3, key);
                ps.setString(4, "test.event");
                ps.setString(5, "{\"key\":\"" + key + "\",\"n\":" + n + "}");
                ps.addBatch();
                written.add(id.toString());
            }
            ps.executeBatch();
            c.commit();
        }
    }

    private long pending() throws Exception {
        try (Connection c = connect(); var rs = c.createStatement().executeQuery("SELECT count(*) FROM outbox_event")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection(jdbcUrl, pg.user(), pg.password());
    }

    private static Set<String> distinctIds(List<ConsumerRecord<String, String>> records) {
        Set<String> ids = new LinkedHashSet<>();
        records.forEach(r -> ids.add(header(r, "ce_id")));
        return ids;
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
