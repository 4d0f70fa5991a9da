package io.docketsync.outbox;

import io.docketsync.contracts.EventEnvelope;

/**
 * An event to publish, carrying its own topic and Kafka key (the idea of Debezium's ExportedEvent): whoever makes
 * it decides where it goes, once, and the outbox only records it.
 */
public record ExportedEvent(String topic, String key, EventEnvelope<?> event) {
}
