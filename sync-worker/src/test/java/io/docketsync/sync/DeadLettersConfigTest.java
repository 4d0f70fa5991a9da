package io.docketsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docketsync.contracts.Topics;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The dead-letter channel's topics are written out in application.properties: a topic added to Topics must be
 * added there too, or its dead letters would go unseen. */
class DeadLettersConfigTest {

    @Test
    void everyTopicsDlqIsRead() throws Exception {
        Properties p = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            p.load(in);
        }
        Set<String> read = Arrays.stream(p.getProperty("mp.messaging.incoming.dead-letters.topics").split(","))
                .map(String::trim).collect(Collectors.toSet());
        assertEquals(Topics.ALL.stream().map(Topics::dlq).collect(Collectors.toSet()), read);
    }
}
