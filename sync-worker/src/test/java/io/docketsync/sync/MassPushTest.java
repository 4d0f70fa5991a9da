package io.docketsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.graph.models.EventCollectionResponse;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.docketsync.contracts.ActivityChanged;
import io.docketsync.contracts.ActivityKind;
import io.docketsync.contracts.ActivitySnapshot;
import io.docketsync.contracts.ConnectionChanged;
import io.docketsync.contracts.ConnectionState;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.FirmUser;
import io.docketsync.contracts.JobKind;
import io.docketsync.contracts.JobProgress;
import io.docketsync.contracts.JobRequested;
import io.docketsync.contracts.Office365Settings;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.Permission;
import io.docketsync.contracts.SettingsChanged;
import io.docketsync.contracts.Topics;
import io.docketsync.testsupport.PlatformTestResource;
import io.docketsync.testsupport.TestPlatform;
import io.docketsync.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * "Push my calendar" at scale against the simulator: 500 activities created while the user was not connected are
 * pushed by one job, in $batches within Outlook's concurrency limit, and a second run adds nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SimulatorTestResource.class, restrictToAnnotatedClass = false)
class MassPushTest {
    private static final int ACTIVITIES = 500;
    private final String bootstrap = TestPlatform.kafka().bootstrapServers();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String firm = "mass-" + run;
    private final String user = "mass-" + run;
    private final String mailbox = "mass" + run + "@halemarsh.test";

    private void send(String topic, String key, EventEnvelope<?> event) {
        TopicProbe.send(bootstrap, topic, key, EventCodec.toJson(event));
    }

    @Test
    void aPushJobOf500ActivitiesLinksEachOnceInBatches() throws Exception {
        SimulatorTestResource.admin("POST", "/_sim/users", "{\"userPrincipalName\":\"" + mailbox + "\",\"displayName\":\"Mass Push\"}");
        send(Topics.SETTINGS_CHANGES, firm, EventEnvelope.of("/test", SettingsChanged.TYPE, firm, firm, Origin.system(),
                new SettingsChanged(firm, Office365Settings.defaults(), List.of(new FirmUser(user, "Mass Push",
                        mailbox, false, Permission.ANY, Permission.ANY, true)), 1)));

        // saved while the user had not connected: each is pending for them, none is in their calendar
        List<String> ids = new ArrayList<>();
        LocalDateTime first = LocalDateTime.now().toLocalDate().plusDays(1).atTime(LocalTime.of(8, 0));
        for (int i = 0; i < ACTIVITIES; i++) {
            String id = "mass-" + run + "-" + i;
            ids.add(id);
            LocalDateTime start = first.plusDays(i / 10).plusMinutes(45L * (i % 10));
            var activity = new ActivitySnapshot(id, firm, ActivityKind.APPOINTMENT, "Mass " + run + " #" + i, null,
                    null, start, start.plusMinutes(30), false, null, null, "Europe/London", List.of(user), null, user,
                    true, 1, Instant.now());
            send(Topics.ACTIVITY_CHANGES, id, EventEnvelope.of("/test", ActivityChanged.TYPE, id, firm,
                    Origin.app(user), new ActivityChanged(ActivityChanged.ChangeType.CREATED, activity, List.of())));
        }
        Set<String> pending = new HashSet<>();
        TopicProbe.readUntil(bootstrap, Topics.SYNC_STATUS, Duration.ofSeconds(180), records -> {
            records.stream().filter(r -> r.key() != null && r.key().startsWith("mass-" + run + "-"))
                    .filter(r -> r.value().contains("\"PENDING\"")).forEach(r -> pending.add(r.key()));
            return pending.size() == ACTIVITIES;
        });
        assertEquals(ACTIVITIES, pending.size(), "every activity planned (pending: not connected)");

        send(Topics.CONNECTIONS, user, EventEnvelope.of("/test", ConnectionChanged.TYPE, user, firm, Origin.system(),
                new ConnectionChanged(user, firm, ConnectionState.CONNECTED, mailbox, Instant.now(), null)));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> RestAssured.given()
                .get("/sync/firms/" + firm + "/mailboxes/" + user).then().statusCode(200).body("state", Matchers.equalTo("CONNECTED")));

        long started = System.nanoTime();
        JobProgress done = runJob();
        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals(ACTIVITIES, done.total());
        assertEquals(ACTIVITIES, done.done(), "done = " + ACTIVITIES + ": " + done);
        assertEquals(0, done.failed());
        assertEquals(ACTIVITIES, eventsInMailbox(), "one event per activity");
        System.out.printf("push job: %d events in %.1f s (%.0f/s)%n", ACTIVITIES, seconds, ACTIVITIES / seconds);

        JsonNode log = EventCodec.mapper().readTree(SimulatorTestResource.admin("GET", "/_sim/requests", null));
        int batches = 0;
        int creates = 0;
        int throttled = 0;
        for (JsonNode entry : log) {
            String path = entry.path("path").asText();
            if (path.endsWith("/$batch")) {
                batches++;
            } else if (mailbox.equalsIgnoreCase(entry.path("mailbox").asText())) {
                creates += entry.path("method").asText().equals("POST") && path.endsWith("/events") ? 1 : 0;
                throttled += entry.path("status").asInt() == 429 ? 1 : 0;
            }
        }
        assertTrue(creates >= ACTIVITIES, "every create reached Graph: " + creates);
        assertTrue(batches >= ACTIVITIES / 20, "creates went in $batches of up to 20: " + batches + " batches");
        // the strict simulator runs 4 requests of a $batch at once and counts them with every other request to the
        // mailbox (as Graph does): one batch in flight per mailbox keeps within Outlook's 4, so nothing is refused
        assertEquals(0, throttled, "one $batch in flight: never more than Outlook's 4 concurrent requests for the mailbox");

        JobProgress again = runJob();
        assertEquals(0, again.total(), "a second run finds everything linked: " + again);
        assertEquals(ACTIVITIES, eventsInMailbox(), "and adds nothing");
    }

    private JobProgress runJob() {
        String jobId = "job-" + UUID.randomUUID();
        send(Topics.SYNC_JOBS, user, EventEnvelope.of("/test", JobRequested.TYPE, jobId, firm, Origin.app(user),
                new JobRequested(jobId, JobKind.PUSH_MY_CALENDAR, user, firm, null, null, null)));
        JobProgress[] last = new JobProgress[1];
        TopicProbe.readUntil(bootstrap, Topics.SYNC_STATUS, Duration.ofSeconds(300), records -> {
            records.stream().filter(r -> jobId.equals(r.key()))
                    .map(r -> EventCodec.fromJson(r.value(), JobProgress.class).data).forEach(p -> last[0] = p);
            return last[0] != null && last[0].state() != JobProgress.State.RUNNING
                    && last[0].state() != JobProgress.State.QUEUED;
        });
        assertTrue(last[0] != null && last[0].state() == JobProgress.State.COMPLETED, "job completed: " + last[0]);
        return last[0];
    }

    private int eventsInMailbox() throws Exception {
        GraphServiceClient graph = SimulatorTestResource.graphAs(mailbox);
        int count = 0;
        EventCollectionResponse page = graph.users().byUserId(mailbox).events().get(rc -> rc.queryParameters.top = 100);
        while (page != null) {
            count += (int) page.getValue().stream().filter(e -> e.getSubject().startsWith("Mass " + run)).count();
            page = page.getOdataNextLink() == null ? null
                    : graph.users().byUserId(mailbox).events().withUrl(page.getOdataNextLink()).get();
        }
        return count;
    }

}
