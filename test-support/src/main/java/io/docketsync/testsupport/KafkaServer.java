package io.docketsync.testsupport;

import java.util.Locale;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.test.TestKitNodes;
import org.testcontainers.kafka.KafkaContainer;

/**
 * A real Kafka broker: the one named by {@code DOCKETSYNC_KAFKA_BOOTSTRAP}, else a Testcontainers one when a
 * Docker engine is reachable, else an in-JVM KRaft broker (combined broker and controller) from Apache Kafka's
 * own test kit.
 */
public final class KafkaServer implements AutoCloseable {
    private final String bootstrapServers;
    private final String kind;
    private final AutoCloseable owned;

    private KafkaServer(String bootstrapServers, String kind, AutoCloseable owned) {
        this.bootstrapServers = bootstrapServers;
        this.kind = kind;
        this.owned = owned;
    }

    public static KafkaServer start(int partitions) {
        String external = System.getenv("DOCKETSYNC_KAFKA_BOOTSTRAP");
        if (external != null && !external.isBlank()) {
            return new KafkaServer(external, "external", null);
        }
        if (PostgresServer.Docker.available()) {
            @SuppressWarnings("resource")
            KafkaContainer container = new KafkaContainer("apache/kafka:4.1.1");
            container.start();
            return new KafkaServer(container.getBootstrapServers(), "testcontainers", container::stop);
        }
        return embedded(partitions);
    }

    public static KafkaServer embedded(int partitions) {
        // An in-JVM broker must never end the test JVM: Kafka halts its process on some failures (a broker
        // stopping while the JVM shuts down among them), which Surefire reports as a crashed fork after
        // every test passed. Kafka's own tests replace these procedures the same way.
        Exit.setHaltProcedure((status, message) -> System.err.println("embedded Kafka asked to halt (" + status
                + "): " + message));
        Exit.setExitProcedure((status, message) -> System.err.println("embedded Kafka asked to exit (" + status
                + "): " + message));
        try {
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
                    .setConfigProp("num.partitions", String.valueOf(partitions))
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new KafkaServer(cluster.bootstrapServers(), "embedded", cluster);
        } catch (Exception e) {
            throw new IllegalStateException("embedded Kafka did not start: " + e.getMessage(), e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String kind() {
        return kind;
    }

    @Override
    public void close() throws Exception {
        if (owned != null) {
            owned.close();
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Kafka (%s) at %s", kind, bootstrapServers);
    }
}
