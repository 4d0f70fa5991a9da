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
    private static AppTokens tokens;

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

    /** Signs bearer tokens that the services under test accept (PlatformTestResource configures the key). */
    public static synchronized AppTokens tokens() {
        if (tokens == null) {
            tokens = AppTokens.generate(AppTokens.LOCAL_ISSUER);
        }
        return tokens;
    }

    /** The tokens' public key as a file, the way services are configured to read it. */
    public static synchronized String tokenPublicKeyFile() {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("docketsync-app-jwt", ".pub.pem");
            file.toFile().deleteOnExit();
            java.nio.file.Files.writeString(file, tokens().publicKeyPem());
            return file.toAbsolutePath().toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot write the token public key", e);
        }
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
