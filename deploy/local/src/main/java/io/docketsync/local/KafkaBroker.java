package io.docketsync.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;

/** A real Apache Kafka broker in KRaft mode (combined broker and controller) as its own process. */
final class KafkaBroker {
    /** The jars on this classpath log through JBoss LogManager; without it the broker's log stays empty. */
    private static final String LOG_MANAGER = "-Djava.util.logging.manager=org.jboss.logmanager.LogManager";
    private KafkaBroker() {
    }

    static ManagedProcess start(Path home, int port, int controllerPort, int partitions, Path log) throws Exception {
        Path data = home.resolve("data");
        deleteRecursively(data);
        Files.createDirectories(data);
        Path config = home.resolve("server.properties");
        Files.writeString(config, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "controller.quorum.bootstrap.servers=localhost:" + controllerPort,
                "log.dirs=" + data.toAbsolutePath(),
                "num.partitions=" + partitions,
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "") );
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");

        List<String> format = List.of(java, LOG_MANAGER, "-cp", classpath, "kafka.tools.StorageTool", "format",
                "-t", Uuid.randomUuid().toString(), "-c", config.toAbsolutePath().toString(), "--standalone");
        ManagedProcess formatting = ManagedProcess.start("kafka-format", format, Map.of(), home, log);
        if (formatting.waitFor() != 0) {
            throw new IllegalStateException("formatting Kafka's storage failed:\n" + formatting.logTail(20));
        }

        return run(config, home, port, log);
    }

    /** The broker again on the storage and configuration {@link #start} made (topics and offsets kept). */
    static ManagedProcess restart(Path home, int port, Path log) throws Exception {
        Path config = home.resolve("server.properties");
        if (!Files.exists(config)) {
            throw new IllegalStateException("no broker was started in " + home);
        }
        return run(config, home, port, log);
    }

    private static ManagedProcess run(Path config, Path home, int port, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> run = new ArrayList<>(List.of(java, "-Xms256m", "-Xmx512m", "-XX:+UseG1GC", LOG_MANAGER, "-cp",
                System.getProperty("java.class.path"), "kafka.Kafka", config.toAbsolutePath().toString()));
        ManagedProcess broker = ManagedProcess.start("kafka", run, Map.of(), home, log);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!portOpen(port)) {
            if (!broker.isAlive() || System.nanoTime() > deadline) {
                broker.stop(Duration.ofSeconds(5));
                throw new IllegalStateException("Kafka did not start:\n" + broker.logTail(30));
            }
            Thread.sleep(200);
        }
        return broker;
    }

    static boolean portOpen(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("localhost", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
