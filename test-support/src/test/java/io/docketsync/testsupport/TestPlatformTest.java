package io.docketsync.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docketsync.contracts.Topics;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

class TestPlatformTest {

    @Test
    void postgresIsRealAndDatabasesAreSeparate() throws Exception {
        String a = TestPlatform.freshDatabase("probe");
        String b = TestPlatform.freshDatabase("probe");
        var pg = TestPlatform.postgres();
        try (var c = DriverManager.getConnection(a, pg.user(), pg.password()); var s = c.createStatement()) {
            s.execute("CREATE TABLE only_here(id int)");
            var rs = s.executeQuery("SELECT current_setting('server_version_num')::int");
            rs.next();
            assertTrue(rs.getInt(1) >= 150000, "a real PostgreSQL server answers");
        }
        try (var c = DriverManager.getConnection(b, pg.user(), pg.password()); var s = c.createStatement()) {
            var rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 'only_here'");
            rs.next();
            assertEquals(0, rs.getInt(1));
        }
    }

    @Test
    void kafkaTopicsExistAndStateTopicsAreCompacted() throws Exception {
        String bootstrap = TestPlatform.kafka().bootstrapServers();
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            assertTrue(admin.listTopics().names().get().containsAll(Topics.ALL));
            var resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CONNECTIONS);
            var config = admin.describeConfigs(java.util.List.of(resource)).all().get().get(resource);
            assertEquals("compact", config.get("cleanup.policy").value());
        }
        TopicProbe.send(bootstrap, Topics.SYNC_JOBS, "u1", "hello");
        var read = TopicProbe.readUntil(bootstrap, Topics.SYNC_JOBS, Duration.ofSeconds(20), r -> !r.isEmpty());
        assertEquals("hello", read.get(0).value());
        assertEquals("u1", read.get(0).key());
    }
}
