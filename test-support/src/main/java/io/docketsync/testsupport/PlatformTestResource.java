package io.docketsync.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} a real PostgreSQL database and a real Kafka broker. Register it once per module
 * with {@code @QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)} so
 * that the servers start once per test JVM.
 */
public class PlatformTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        PostgresServer pg = TestPlatform.postgres();
        String jdbcUrl = TestPlatform.freshDatabase("test");
        String database = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
        return Map.of(
                "mp.jwt.verify.publickey.location", TestPlatform.tokenPublicKeyFile(),
                "mp.jwt.verify.issuer", TestPlatform.tokens().issuer(),
                "quarkus.datasource.jdbc.url", jdbcUrl,
                "quarkus.datasource.reactive.url", pg.reactiveUrl(database),
                "quarkus.datasource.username", pg.user(),
                "quarkus.datasource.password", pg.password(),
                "kafka.bootstrap.servers", TestPlatform.kafka().bootstrapServers());
    }

    @Override
    public void stop() {
        // the servers belong to the JVM (TestPlatform), not to one test class
    }
}
