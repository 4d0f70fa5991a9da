package io.docketsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.graph.models.BodyType;
import com.microsoft.graph.models.DateTimeTimeZone;
import com.microsoft.graph.models.ItemBody;
import com.microsoft.graph.models.Event;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.docketsync.contracts.ActivityCommand;
import io.docketsync.contracts.ConnectionChanged;
import io.docketsync.contracts.ConnectionState;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.JobKind;
import io.docketsync.contracts.JobProgress;
import io.docketsync.contracts.JobRequested;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.Topics;
import io.docketsync.testsupport.PlatformTestResource;
import io.docketsync.testsupport.TestPlatform;
import io.docketsync.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/** "Import from 365" against the simulator: a date range, the prefix, linked events skipped, safe to run twice. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SimulatorTestResource.class, restrictToAnnotatedClass = false)
class ImportJobTest {
    private static final int EVENTS = 200;
    private final String bootstrap = TestPlatform.kafka().bootstrapServers();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String firm = "import-" + run;
    private final String user = "import-" + run;
    private final String mailbox = "imp" + run + "@halemarsh.test";

    private void send(String topic, String key, EventEnvelope<?> event) {
        TopicProbe.send(bootstrap, topic, key, EventCodec.toJson(event));
    }

    @Test
    void anImportOf200EventsCreates200LinkedActivitiesOnceAlsoWhenRunTwice() throws Exception {
        SimulatorTestResource.admin("POST", "/_sim/users", "{\"userPrincipalName\":\"" + mailbox + "\",\"displayName\":\"Importer\"}");
        GraphServiceClient graph = SimulatorTestResource.graphAs(mailbox);
        LocalDate day = LocalDate.now().plusDays(3);
        for (int i = 0; i < EVENTS; i++) {
            create(graph, "  [docket] Matter " + run + " #" + i, day.plusDays(i % 20), 8 + i / 20);
        }
        create(graph, "Lunch " + run, day, 12);                     // no prefix: not imported
        create(graph, "[docket] Too late " + run, day.plusYears(2), 9); // outside the range

        send(Topics.CONNECTIONS, user, EventEnvelope.of("/test", ConnectionChanged.TYPE, user, firm, Origin.system(),
                new ConnectionChanged(user, firm, ConnectionState.CONNECTED, mailbox, Instant.now(), null)));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> RestAssured.given()
                .get("/sync/firms/" + firm + "/mailboxes/" + user).then().statusCode(200).body("state", Matchers.equalTo("CONNECTED")));

        JobProgress first = runImport(day, day.plusDays(30), "[DOCKET]");
        assertEquals(EVENTS, first.total(), first.toString());
        assertEquals(EVENTS, first.done());
        JobProgress second = runImport(day, day.plusDays(30), "[DOCKET]");
        assertEquals(0, second.total(), "a second run finds every event linked: " + second);

        Set<String> activities = new HashSet<>();
        Set<String> events = new HashSet<>();
        var records = TopicProbe.readUntil(bootstrap, Topics.ACTIVITY_COMMANDS, Duration.ofSeconds(30),
                r -> r.stream().filter(x -> x.value().contains(mailbox)).count() >= EVENTS);
        for (var r : records) {
            ActivityCommand c = EventCodec.fromJson(r.value(), ActivityCommand.class).data;
            if (c.link() != null && mailbox.equals(c.link().mailbox())) {
                assertEquals(ActivityCommand.Type.CREATE_FROM_OFFICE, c.type());
                assertEquals(user, c.userId());
                assertTrue(c.fields().subject().contains("[docket] Matter " + run), c.fields().subject());
                // the notes as written in Outlook, not Graph's HTML rendering of them
                assertEquals(NOTES, c.fields().body(), "notes of " + c.fields().subject());
                activities.add(c.newActivityId());
                events.add(c.link().eventId());
            }
        }
        assertEquals(EVENTS, activities.size(), "one activity per event");
        assertEquals(EVENTS, events.size(), "each linked to its event");
    }

    private JobProgress runImport(LocalDate from, LocalDate to, String prefix) {
        String jobId = "import-job-" + UUID.randomUUID();
        send(Topics.SYNC_JOBS, user, EventEnvelope.of("/test", JobRequested.TYPE, jobId, firm, Origin.app(user),
                new JobRequested(jobId, JobKind.IMPORT_FROM_OFFICE365, user, firm, from, to, prefix)));
        JobProgress[] last = new JobProgress[1];
        TopicProbe.readUntil(bootstrap, Topics.SYNC_STATUS, Duration.ofSeconds(120), records -> {
            records.stream().filter(r -> jobId.equals(r.key()))
                    .map(r -> EventCodec.fromJson(r.value(), JobProgress.class).data).forEach(p -> last[0] = p);
            return last[0] != null && last[0].state() == JobProgress.State.COMPLETED;
        });
        assertTrue(last[0] != null && last[0].state() == JobProgress.State.COMPLETED, "import completed: " + last[0]);
        return last[0];
    }

    private static final String NOTES = "Bring the <bundle> & exhibits\n\"Second\" line";

    private void create(GraphServiceClient graph, String subject, LocalDate day, int hour) {
        Event e = new Event();
        e.setSubject(subject);
        ItemBody body = new ItemBody();
        body.setContentType(BodyType.Text);
        body.setContent(NOTES);
        e.setBody(body);
        e.setStart(time(day.atTime(hour, 0).toString()));
        e.setEnd(time(day.atTime(hour, 30).toString()));
        graph.users().byUserId(mailbox).events().post(e);
    }

    private static DateTimeTimeZone time(String local) {
        DateTimeTimeZone t = new DateTimeTimeZone();
        t.setDateTime(local);
        t.setTimeZone("Europe/London");
        return t;
    }


}
