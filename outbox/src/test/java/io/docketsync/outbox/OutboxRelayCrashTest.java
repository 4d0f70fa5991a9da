package io.docketsync.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docketsync.testsupport.PostgresServer;
import io.docketsync.testsupport.TestPlatform;
import io.docketsync.testsupport.TopicProbe;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The outbox's promise under a real crash: a relay process is killed with SIGKILL mid-stream, events keep
 * being written while it is down, and a new relay finishes the job. Every event reaches the topic, in order
 * per key; the only duplicates are the at-least-once replays that consumers filter by event id.
 */
class OutboxRelayCrashTest {
    private static final int KEYS = 20;
    private static final Pattern PAYLOAD = Pattern.compile("\\{\"key\":\"(k\\d+)\",\"n\":(\\d+)}");

    private final PostgresServer pg = TestPlatform.postgres();
    private final String bootstrap = TestPlatform.kafka().bootstrapServers();
    private final String jdbcUrl = TestPlatform.freshDatabase("outbox");
    private final String database = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
    private final String topic = "outbox-crash-" + UUID.randomUUID();
    private final Map<String, Integer> nextPerKey = new HashMap<>();
    private final Set<String> written = new LinkedHashSet<>();

    @Test
    void aKilledRelayLosesNothingAndKeepsTheOrderPerKey() throws Exception {
        createTopic();
        try (Connection c = connect()) {
            c.createStatement().execute(Files.readString(Path.of("src/main/resources/db/outbox/V0_1__outbox.sql")));
            c.createStatement().execute(Files.readString(Path.of("src/main/resources/db/outbox/V0_2__outbox_notify.sql")));
            c.createStatement().execute(Files.readString(
                    Path.of("src/main/resources/db/outbox/R__outbox_event_notify_lanes.sql")));
        }
        write(2_000);

        Process first = startRelay("first");
        List<ConsumerRecord<String, String>> beforeKill = TopicProbe.readUntil(bootstrap, topic, Duration.ofSeconds(90),
                r -> r.size() >= 300);
        assertTrue(beforeKill.size() >= 300, "the first relay published before it was killed");
        first.destroyForcibly();
        first.waitFor();
        assertTrue(pending() > 0, "the relay was killed mid-stream, with events still waiting");

        write(500); // the application keeps saving while no relay runs

        Process second = startRelay("second");
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (pending() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(0, pending(), "the second relay published everything that waited");
        } finally {
            second.destroy();
            second.waitFor();
        }

        List<ConsumerRecord<String, String>> all = TopicProbe.readUntil(bootstrap, topic, Duration.ofSeconds(60),
                r -> distinctIds(r).containsAll(written));
        Set<String> ids = distinctIds(all);
        assertEquals(written, ids, "every written event is on the topic, none invented");

        Map<String, Integer> lastSeen = new HashMap<>();
        Set<String> seenIds = new java.util.HashSet<>();
        for (ConsumerRecord<String, String> r : all) {
            if (!seenIds.add(header(r, "ce_id"))) {
                continue; // an at-least-once replay, filtered as every consumer does
            }
            Matcher m = PAYLOAD.matcher(r.value());
            assertTrue(m.matches(), r.value());
            assertEquals(m.group(1), r.key(), "keyed by the aggregate");
            int n = Integer.parseInt(m.group(2));
            int expected = lastSeen.getOrDefault(r.key(), -1) + 1;
            assertEquals(expected, n, "events of " + r.key() + " arrive in the order they were written");
            lastSeen.put(r.key(), n);
        }
        System.out.printf("outbox crash test: %d events written, %d records on the topic (%d replays)%n",
                written.size(), all.size(), all.size() - written.size());
    }

    private void write(int count) throws Exception {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO outbox_event(event_id, topic, message_key, event_type, payload) VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < count; i++) {
                String key = "k" + (i % KEYS);
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
        }
    }

    private long pending() throws Exception {
        try (Connection c = connect(); var rs = c.createStatement().executeQuery("SELECT count(*) FROM outbox_event")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Process startRelay(String name) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        File log = new File("target/relay-" + name + ".log");
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), RelayProcess.class.getName(),
                pg.host(), String.valueOf(pg.port()), database, pg.user(), pg.password(), bootstrap, "25")
                .redirectErrorStream(true).redirectOutput(log).start();
    }

    private void createTopic() throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
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
