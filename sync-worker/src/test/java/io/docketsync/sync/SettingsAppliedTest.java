package io.docketsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.Office365Settings;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.SettingsApplied;
import io.docketsync.contracts.SettingsChanged;
import io.docketsync.contracts.Topics;
import io.docketsync.testsupport.PlatformTestResource;
import io.docketsync.testsupport.TestPlatform;
import io.docketsync.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The worker tells (sync.status.v1) which settings version it plans with, once per version. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class SettingsAppliedTest {
    private final String firm = "applied-" + UUID.randomUUID().toString().substring(0, 8);

    private void settings(long version) {
        TopicProbe.send(TestPlatform.kafka().bootstrapServers(), Topics.SETTINGS_CHANGES, firm, EventCodec.toJson(
                EventEnvelope.of("/test", SettingsChanged.TYPE, firm, firm, Origin.system(),
                        new SettingsChanged(firm, Office365Settings.defaults(), List.of(), version))));
    }

    @Test
    void eachNewSettingsVersionIsReportedOnce() {
        settings(1);
        settings(1); // a redelivery
        settings(2);
        var records = TopicProbe.readUntil(TestPlatform.kafka().bootstrapServers(), Topics.SYNC_STATUS,
                Duration.ofSeconds(60), r -> r.stream().anyMatch(x -> firm.equals(x.key())
                        && x.value().contains(SettingsApplied.TYPE) && EventCodec.fromJson(x.value(),
                                SettingsApplied.class).data.version() == 2));
        List<Long> versions = records.stream().filter(x -> firm.equals(x.key()) && x.value().contains(
                SettingsApplied.TYPE)).map(x -> EventCodec.fromJson(x.value(), SettingsApplied.class).data.version())
                .toList();
        assertEquals(List.of(1L, 2L), versions);
    }
}
