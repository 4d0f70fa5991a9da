package io.docketsync.activity;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.JobKind;
import io.docketsync.contracts.JobProgress;
import io.docketsync.contracts.JobRequested;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.Topics;
import io.docketsync.contracts.UserKey;
import io.docketsync.testsupport.PlatformTestResource;
import io.docketsync.testsupport.TestPlatform;
import io.docketsync.testsupport.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResource.class, restrictToAnnotatedClass = false)
class SyncJobResourceTest {
    private TestFirm firm;

    @BeforeEach
    void newFirm() {
        firm = TestFirm.seeded();
    }

    @Test
    void aPushJobDefaultsToThirtyDaysBackIsAnnouncedForTheWorkerAndShowsItsProgress() {
        var accepted = firm.as("bob").when().post("/office365/push-jobs").then().statusCode(202)
                .header("Location", containsString("/office365/push-jobs/"))
                .body("state", equalTo("QUEUED")).body("kind", equalTo("PUSH_MY_CALENDAR"))
                .body("from", equalTo(LocalDate.now(ZoneOffset.UTC).minusDays(30).toString()))
                .body("to", nullValue()).extract();
        String jobId = accepted.path("id");

        var records = TopicProbe.readUntil(TestPlatform.kafka().bootstrapServers(), Topics.SYNC_JOBS,
                Duration.ofSeconds(30), r -> r.stream().anyMatch(x -> x.value().contains(jobId)));
        var record = records.stream().filter(x -> x.value().contains(jobId)).findFirst().orElseThrow();
        assertEquals(UserKey.of(firm.id, "bob").kafkaKey(), record.key(), "keyed by firm and user");
        var requested = EventCodec.fromJson(record.value(), JobRequested.class);
        assertEquals(new JobRequested(jobId, JobKind.PUSH_MY_CALENDAR, "bob", firm.id,
                LocalDate.now(ZoneOffset.UTC).minusDays(30), null, null), requested.data);
        assertEquals(Origin.app("bob"), requested.origin());

        firm.send(Topics.SYNC_STATUS, jobId, JobProgress.TYPE, Origin.system(), new JobProgress(jobId,
                JobKind.PUSH_MY_CALENDAR, "bob", 10, 7, 1, JobProgress.State.RUNNING, "event rejected by Graph",
                Instant.now().plusSeconds(1)));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> firm.as("bob")
                .get("/office365/push-jobs/" + jobId).then().statusCode(200)
                .body("state", equalTo("RUNNING")).body("total", equalTo(10)).body("done", equalTo(7))
                .body("failed", equalTo(1)).body("lastError", equalTo("event rejected by Graph")));

        firm.as("alice").when().get("/office365/push-jobs/" + jobId).then().statusCode(404);
        firm.as("bob").when().get("/office365/import-jobs/" + jobId).then().statusCode(404);
        TestFirm.seeded().as("bob").when().get("/office365/push-jobs/" + jobId).then().statusCode(404);
    }

    @Test
    void aPushJobTakesAnExplicitRange() {
        firm.as("alice").body("{\"from\":\"2026-01-01\",\"to\":\"2026-03-31\"}").when().post("/office365/push-jobs")
                .then().statusCode(202).body("from", equalTo("2026-01-01")).body("to", equalTo("2026-03-31"));
        firm.as("alice").body("{\"from\":\"2026-03-01\",\"to\":\"2026-01-31\"}").when().post("/office365/push-jobs")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("to"));
        firm.as("alice").body("{\"from\":\"soon\"}").when().post("/office365/push-jobs")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
    }

    @Test
    void anImportJobNeedsARangeAndAShortPrefix() {
        String id = firm.as("carol").body("{\"from\":\"2026-01-01\",\"to\":\"2026-01-31\",\"prefix\":\" CB: \"}")
                .when().post("/office365/import-jobs").then().statusCode(202)
                .header("Location", containsString("/office365/import-jobs/"))
                .body("prefix", equalTo("CB:")).body("kind", equalTo("IMPORT_FROM_OFFICE365")).extract().path("id");
        firm.as("carol").when().get("/office365/import-jobs/" + id).then().statusCode(200).body("state", equalTo("QUEUED"));

        firm.as("carol").body("{}").when().post("/office365/import-jobs").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.contains("from", "to"));
        firm.as("carol").body("").when().post("/office365/import-jobs").then().statusCode(400);
        firm.as("carol").body("{\"from\":\"2026-01-01\",\"to\":\"2026-01-31\",\"prefix\":\"" + "p".repeat(256) + "\"}")
                .when().post("/office365/import-jobs").then().statusCode(400).body("errors[0].field", equalTo("prefix"));
        firm.as("carol").body("{\"from\":\"2026-01-01\",\"to\":\"2026-01-31\",\"prefix\":7}")
                .when().post("/office365/import-jobs").then().statusCode(400).body("errors[0].field", equalTo("prefix"));
    }
}
