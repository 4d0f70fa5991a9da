package io.docketsync.testsupport;

import java.util.UUID;

/**
 * The PostgreSQL server and Kafka broker of this test JVM, started on first use and stopped when the JVM
 * exits, so that every test class of a module shares them.
 */
public final class TestPlatform {
    public static final int PARTITIONS = 3;
    private static PostgresServer postgres;
    private static KafkaServer kafka;

    private TestPlatform() {
    }

    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = PostgresServer.start(null, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(postgres)));
        }
        return postgres;
    }

    public static synchronized KafkaServer kafka() {
        if (kafka == null) {
            kafka = KafkaServer.start(PARTITIONS);
            PlatformTopics.ensure(kafka.bootstrapServers(), PARTITIONS);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(kafka)));
        }
        return kafka;
    }

    /** A new database for this test JVM, so that runs against a shared external server never collide. */
    public static String freshDatabase(String prefix) {
        return postgres().ensureDatabase(prefix + "_" + UUID.randomUUID().toString().substring(0, 8));
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // the JVM is exiting; nothing left to protect
        }
    }
}
