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
    void innerBatchRequestsAreThrottledEachOnItsOwn() throws Exception {
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
        assertEquals("TooManyRequests", throttled.getError().getCode());
        // seconds, with a fraction as Graph's throttling guidance shows ("2.128"): the budget's exact wait
        double retryAfter = Double.parseDouble(throttled.getResponseHeaders().get("Retry-After").iterator().next());
        assertTrue(retryAfter > 0 && retryAfter <= 600, "Retry-After " + retryAfter);

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
                        return e.getResponseStatusCode() + " " + e.getError().getCode() + " "
                                + e.getResponseHeaders().get("Retry-After").iterator().next() + " "
                                + e.getError().getMessage();
                    }
                }));
            }
            List<String> outcomes = new ArrayList<>();
            for (Future<String> call : calls) {
                outcomes.add(call.get());
            }
            assertTrue(outcomes.stream().filter("ok"::equals).count() >= 2, outcomes.toString());
            assertTrue(outcomes.stream().anyMatch(o -> o.startsWith("429 TooManyRequests 1.5 ")
                    && o.contains("MailboxConcurrency")), outcomes.toString());
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

    /** The Retry-After of an injected 429 may be fractional; whole seconds are written without a fraction. */
    @Test
    void injectedThrottlingIsTooManyRequestsWithAFractionalRetryAfter() {
        given().contentType(ContentType.JSON).body(Map.of("throttledRate", 1.0, "retryAfterSeconds", 2.128, "seed", 3))
                .put("/_sim/faults/" + CAROL).then().statusCode(200);
        ODataError e = assertThrows(ODataError.class, () -> graph(CAROL).me().events().get());
        assertEquals(429, e.getResponseStatusCode());
        assertEquals("TooManyRequests", e.getError().getCode());
        assertEquals("2.128", e.getResponseHeaders().get("Retry-After").iterator().next());
    }

    private static Map<String, Object> usage(String app, String mailboxId) {
        List<Map<String, Object>> all = given().get("/_sim/limits/usage").then().statusCode(200).extract().jsonPath()
                .getList("$");
        return all.stream().filter(u -> app.equals(u.get("app")) && mailboxId.equals(u.get("mailboxId"))).findFirst()
                .orElse(Map.of("inFlight", 0, "peakInFlight", 0));
    }

    private static BatchRequestContentCollection reads(GraphServiceClient client, int count, List<String> ids) {
        BatchRequestContentCollection batch = new BatchRequestContentCollection(client);
        for (int i = 0; i < count; i++) {
            ids.add(batch.addBatchRequestStep(client.me().events().toGetRequestInformation()));
        }
        return batch;
    }

    /**
     * Graph runs up to four inner requests of a batch at once: twenty slow reads overlap four at a time, never
     * more, and a batch alone stays within the mailbox's limit of four.
     */
    @Test
    void aBatchRunsUpToFourInnerRequestsAtOnce() throws Exception {
        given().contentType(ContentType.JSON).body(Map.of("slowRate", 1.0, "slowDelay", "PT0.4S", "seed", 5))
                .put("/_sim/faults/" + ALICE).then().statusCode(200);
        GraphServiceClient alice = graph(ALICE);
        List<String> ids = new ArrayList<>();
        BatchRequestContentCollection batch = reads(alice, 20, ids);
        long t0 = System.nanoTime();
        BatchResponseContentCollection answers = alice.getBatchRequestBuilder().post(batch, null);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        for (String id : ids) {
            assertEquals(200, answers.getResponsesStatusCodes().get(id), id);
        }
        // one after another would take 8 s; four at a time about 2 s
        assertTrue(millis < 6000, "the batch took " + millis + " ms");
        assertEquals(4, usage("docketsync-local", io.docketsync.simulator.state.DemoData.ALICE_ID).get("peakInFlight"));
    }

    /**
     * A batch does not lift the mailbox's limit: while two requests of the same app hold two of the mailbox's four
     * slots, a batch of twenty reads gets the other two, and inner requests beyond them are answered 429 inside
     * the batch (TooManyRequests, Retry-After).
     */
    @Test
    void aBatchsInnerRequestsCountWithEveryOtherRequestToTheMailbox() throws Exception {
        given().contentType(ContentType.JSON).body(Map.of("slowRate", 1.0, "slowDelay", "PT1.5S", "seed", 9))
                .put("/_sim/faults/" + BOB).then().statusCode(200);
        GraphServiceClient bob = graph(BOB);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> holders = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                holders.add(pool.submit(() -> bob.me().events().get().getValue().size()));
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (((Number) usage("docketsync-local", io.docketsync.simulator.state.DemoData.BOB_ID).get("inFlight"))
                    .intValue() < 2) {
                assertTrue(System.nanoTime() < deadline, "the two requests never held their slots");
                Thread.sleep(20);
            }
            List<String> ids = new ArrayList<>();
            BatchResponseContentCollection answers = bob.getBatchRequestBuilder().post(reads(bob, 20, ids), null);
            List<Integer> statuses = ids.stream().map(id -> answers.getResponsesStatusCodes().get(id)).toList();
            assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 429), statuses.toString());
            assertTrue(statuses.contains(200), statuses.toString());
            assertTrue(statuses.stream().filter(s -> s == 429).count() >= 2, statuses.toString());
            var throttled = answers.getResponseById(ids.get(statuses.indexOf(429)));
            assertNotNull(throttled.header("Retry-After"));
            assertTrue(throttled.body().string().contains("\"TooManyRequests\""));
            for (Future<Integer> holder : holders) {
                assertEquals(0, holder.get());
            }
            assertTrue(((Number) usage("docketsync-local", io.docketsync.simulator.state.DemoData.BOB_ID)
                    .get("peakInFlight")).intValue() <= 4);
        } finally {
            pool.shutdownNow();
        }
    }

    /** dependsOn still orders: a read that depends on a create runs after it, however many run at once. */
    @Test
    void dependsOnOrdersInnerRequestsThatRunConcurrently() {
        String token = token(CAROL);
        Map<String, Object> create = Map.of("id", "create", "method", "POST", "url", "/me/events",
                "headers", Map.of("Content-Type", "application/json"),
                "body", Map.of("subject", "Docket call", "start", Map.of("dateTime", "2026-12-01T09:00:00", "timeZone", "UTC"),
                        "end", Map.of("dateTime", "2026-12-01T09:30:00", "timeZone", "UTC")));
        Map<String, Object> read = Map.of("id", "read", "method", "GET", "url", "/me/events?$select=subject",
                "dependsOn", List.of("create"));
        List<Map<String, Object>> requests = new ArrayList<>(List.of(read, create));
        for (int i = 0; i < 4; i++) {
            requests.add(Map.of("id", "other" + i, "method", "GET", "url", "/me"));
        }
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("requests", requests))
                .post("/v1.0/$batch").then().statusCode(200)
                .body("responses.find { it.id == 'create' }.status", equalTo(201))
                .body("responses.find { it.id == 'read' }.status", equalTo(200))
                .body("responses.find { it.id == 'read' }.body.value.subject", hasItem("Docket call"));
    }
}
