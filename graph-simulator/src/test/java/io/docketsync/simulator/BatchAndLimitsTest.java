package io.docketsync.simulator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.graph.core.content.BatchRequestContentCollection;
import com.microsoft.graph.core.content.BatchResponseContentCollection;
import com.microsoft.graph.models.Event;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BatchAndLimitsTest extends SimulatorTest {

    private static void limits(int requestsPerWindow, int maxConcurrent) {
        given().contentType(ContentType.JSON)
                .body(Map.of("requestsPerWindow", requestsPerWindow, "window", "PT10M", "maxConcurrent", maxConcurrent))
                .put("/_sim/limits").then().statusCode(200);
    }

    @Test
    void theSdksBatchCollectionCreatesEventsInBatchesOfTwenty() throws Exception {
        GraphServiceClient alice = graph(ALICE);
        BatchRequestContentCollection batch = new BatchRequestContentCollection(alice);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            ids.add(batch.addBatchRequestStep(alice.me().events()
                    .toPostRequestInformation(event("Batch " + i, "2026-12-01T09:00:00", "2026-12-01T09:30:00"))));
        }
        BatchResponseContentCollection answers = alice.getBatchRequestBuilder().post(batch, null);
        for (String id : ids) {
            assertEquals(201, answers.getResponsesStatusCodes().get(id));
        }
        Event first = answers.getResponseById(ids.get(0), Event::createFromDiscriminatorValue);
        assertEquals("Batch 0", first.getSubject());
        assertEquals(25, alice.me().events().get(rc -> rc.queryParameters.top = 100).getValue().size());
        given().get("/_sim/requests").then().body("findAll { it.path == '/v1.0/$batch' }.size()", equalTo(2));
    }

    @Test
    void moreThanTwentyRequestsAreRefusedAndDependsOnIsHonoured() {
        String token = token(BOB);
        List<Map<String, Object>> requests = new ArrayList<>();
        for (int i = 1; i <= 21; i++) {
            requests.add(Map.of("id", String.valueOf(i), "method", "GET", "url", "/me/events"));
        }
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("requests", requests))
                .post("/v1.0/$batch").then().statusCode(400).body("error.code", equalTo("BadRequest"))
                .body("error.message", org.hamcrest.Matchers.containsString("20"));

        Map<String, Object> missing = Map.of("id", "1", "method", "GET", "url", "/me/events/AAMkAnonexistent0000000000000000");
        Map<String, Object> dependent = Map.of("id", "2", "method", "GET", "url", "/me/events", "dependsOn", List.of("1"));
        Map<String, Object> independent = Map.of("id", "3", "method", "GET", "url", "/me");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("requests", List.of(dependent, missing, independent)))
                .post("/v1.0/$batch").then().statusCode(200)
                .body("responses.find { it.id == '1' }.status", equalTo(404))
                .body("responses.find { it.id == '1' }.body.error.code", equalTo("ErrorItemNotFound"))
                .body("responses.find { it.id == '2' }.status", equalTo(424))
                .body("responses.find { it.id == '3' }.status", equalTo(200))
                .body("responses.find { it.id == '3' }.body.userPrincipalName", equalTo(BOB));
    }

    @Test
    void theUsersOwnOutlookHasABudgetOfItsOwnBesideDocketsyncs() {
        limits(2, 4);
        String docketsync = token(BOB);
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(docketsync).get("/v1.0/me/events").then().statusCode(200);
        }
        given().auth().oauth2(docketsync).get("/v1.0/me/events").then().statusCode(429);
        // the same mailbox through the user's Outlook (the admin shortcut's default client) is not refused for it
        given().auth().oauth2(outlookToken(BOB)).get("/v1.0/me/events").then().statusCode(200);
    }

    @Test
    void innerBatchRequestsAreThrottledOneByOne() throws Exception {
        limits(3, 4);
        GraphServiceClient carol = graph(CAROL);
        BatchRequestContentCollection batch = new BatchRequestContentCollection(carol);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(batch.addBatchRequestStep(carol.me().events().toGetRequestInformation()));
        }
        BatchResponseContentCollection answers = carol.getBatchRequestBuilder().post(batch, null);
        List<Integer> statuses = ids.stream().map(id -> answers.getResponsesStatusCodes().get(id)).toList();
        assertEquals(3, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(2, statuses.stream().filter(s -> s == 429).count(), statuses.toString());
        String throttled = ids.get(statuses.indexOf(429));
        assertNotNull(answers.getResponseById(throttled).header("Retry-After"));
    }

    @Test
    void aSpentRequestBudgetIs429WithRetryAfterForThatMailboxOnly() {
        limits(3, 4);
        GraphServiceClient alice = graph(ALICE);
        for (int i = 0; i < 3; i++) {
            alice.me().events().get();
        }
        ODataError throttled = assertThrows(ODataError.class, () -> alice.me().events().get());
        assertEquals(429, throttled.getResponseStatusCode());
        assertEquals("ApplicationThrottled", throttled.getError().getCode());
        long retryAfter = Long.parseLong(throttled.getResponseHeaders().get("Retry-After").iterator().next());
        assertTrue(retryAfter >= 1 && retryAfter <= 600, "Retry-After " + retryAfter);

        assertEquals(0, graph(BOB).me().events().get().getValue().size());
        given().get("/_sim/requests").then().statusCode(200)
                .body("findAll { it.status == 429 }.mailbox", hasItem(ALICE));
    }

    @Test
    void moreConcurrentRequestsThanTheMailboxAllowsAreThrottled() throws Exception {
        limits(10000, 2);
        given().contentType(ContentType.JSON).body(Map.of("slowRate", 1.0, "slowDelay", "PT1S", "seed", 7))
                .put("/_sim/faults/" + ALICE).then().statusCode(200);
        GraphServiceClient alice = graph(ALICE);
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<String>> calls = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                calls.add(pool.submit(() -> {
                    try {
                        alice.me().events().get();
                        return "ok";
                    } catch (ODataError e) {
                        return e.getResponseStatusCode() + " " + e.getError().getMessage();
                    }
                }));
            }
            List<String> outcomes = new ArrayList<>();
            for (Future<String> call : calls) {
                outcomes.add(call.get());
            }
            assertTrue(outcomes.stream().filter("ok"::equals).count() >= 2, outcomes.toString());
            assertTrue(outcomes.stream().anyMatch(o -> o.startsWith("429") && o.contains("MailboxConcurrency")),
                    outcomes.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void injectedUnavailabilityIs503WithRetryAfter() {
        given().contentType(ContentType.JSON).body(Map.of("unavailableRate", 1.0, "retryAfterSeconds", 7, "seed", 1))
                .put("/_sim/faults/" + BOB).then().statusCode(200);
        ODataError e = assertThrows(ODataError.class, () -> graph(BOB).me().events().get());
        assertEquals(503, e.getResponseStatusCode());
        assertEquals("7", e.getResponseHeaders().get("Retry-After").iterator().next());
        given().delete("/_sim/faults/" + BOB).then().statusCode(204);
        assertEquals(0, graph(BOB).me().events().get().getValue().size());
    }
}
