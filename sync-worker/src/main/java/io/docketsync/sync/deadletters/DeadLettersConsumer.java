package io.docketsync.sync.deadletters;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Every {@code <topic>.dlq} of the system, whichever service dead-lettered the record: SmallRye's dead-letter-queue
 * strategy and the write stage both keep the key and say why in the {@code dead-letter-reason} header.
 */
@ApplicationScoped
public class DeadLettersConsumer {
    static final String DLQ_SUFFIX = ".dlq";

    @Inject
    DeadLetterService deadLetters;

    @Incoming("dead-letters")
    public Uni<Void> onDeadLetter(ConsumerRecord<String, String> record) {
        String reason = header(record, "dead-letter-reason");
        String topic = header(record, "dead-letter-topic");
        if (topic == null) { // the write stage names no topic: the DLQ's name does
            topic = record.topic().endsWith(DLQ_SUFFIX)
                    ? record.topic().substring(0, record.topic().length() - DLQ_SUFFIX.length()) : record.topic();
        }
        var letter = new DeadLetterService.Letter(record.topic(), record.partition(), record.offset(), record.key(),
                record.value(), reason == null ? "no reason given" : reason, topic);
        // the database away: recorded once it is back (a letter is never skipped; after that the channel stops)
        return deadLetters.record(letter).onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30))
                .atMost(20);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
