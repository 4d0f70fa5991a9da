package io.docketsync.simulator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Graph's answer time (docketsync.simulator.latency.*, PUT /_sim/latency): off unless turned on. */
@QuarkusTest
class LatencyTest extends SimulatorTest {

    /** sigma 0: every request waits exactly the median, so the timings below are certain. */
    private static void latency(boolean enabled, String median) {
        given().contentType(ContentType.JSON)
                .body(Map.of("enabled", enabled, "median", median, "sigma", 0, "max", "PT2S", "seed", 0))
                .put("/_sim/latency").then().statusCode(200).body("enabled", equalTo(enabled));
    }

    private static long millis(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void offByDefaultAndAfterAReset() {
        given().get("/_sim/latency").then().statusCode(200).body("enabled", equalTo(false))
                .body("median", equalTo("PT0.12S")).body("sigma", equalTo(0.5f));
        latency(true, "PT0.3S");
        given().post("/_sim/reset").then().statusCode(204);
        given().get("/_sim/latency").then().body("enabled", equalTo(false));
        String token = token(ALICE);
        given().auth().oauth2(token).get("/v1.0/me/events").then().statusCode(200); // warm
        long took = millis(() -> given().auth().oauth2(token).get("/v1.0/me/events").then().statusCode(200));
        assertTrue(took < 250, "answered in " + took + " ms with the model off");
    }

    @Test
    void eachRequestWaitsAndTheRequestLogSaysHowLong() {
        String token = token(ALICE);
        latency(true, "PT0.3S");
        long took = millis(() -> given().auth().oauth2(token).get("/v1.0/me/events").then().statusCode(200));
        assertTrue(took >= 300, "answered in " + took + " ms");
        List<Map<String, Object>> log = given().get("/_sim/requests").then().extract().jsonPath().getList("$");
        Map<String, Object> last = log.get(log.size() - 1);
        assertEquals("/v1.0/me/events", last.get("path"));
        assertTrue(((Number) last.get("millis")).longValue() >= 300, "logged " + last);
    }

    @Test
    void theWaitHoldsTheMailboxsConcurrencySlot() throws Exception {
        String token = token(BOB);
        given().contentType(ContentType.JSON).body(Map.of("requestsPerWindow", 10000, "window", "PT10M",
                "maxConcurrent", 1)).put("/_sim/limits").then().statusCode(200);
        latency(true, "PT0.8S");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> first = pool.submit(() -> given().auth().oauth2(token).get("/v1.0/me/events").statusCode());
            Thread.sleep(300); // the first is waiting its 800 ms, holding the one slot
            int second = given().auth().oauth2(token).get("/v1.0/me/events").statusCode();
            assertEquals(429, second, "a second request while the first is being answered");
            assertEquals(200, first.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBatchsInnerRequestsEachWaitFourAtATime() {
        String token = token(CAROL);
        latency(true, "PT0.25S");
        List<Map<String, Object>> requests = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            requests.add(Map.of("id", String.valueOf(i), "method", "GET", "url", "/me/events"));
        }
        long start = System.nanoTime();
        String body = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("requests", requests))
                .post("/v1.0/$batch").then().statusCode(200).extract().asString();
        long took = (System.nanoTime() - start) / 1_000_000;
        JsonPath answer = JsonPath.from(body);
        assertEquals(8, answer.getList("responses").size());
        answer.getList("responses.status", Integer.class).forEach(s -> assertEquals(200, s));
        // eight inner requests of 250 ms, four at a time: two rounds, the envelope adding no wait of its own
        assertTrue(took >= 500, "the batch answered in " + took + " ms");
        assertTrue(took < 1500, "the batch answered in " + took + " ms: its inner requests did not overlap");
    }

    @Test
    void waitingRequestsHoldNoThread() throws Exception {
        // 120 requests waiting 4 s each over 60 mailboxes (two each, within the limit of four); the test runs in the
        // simulator's JVM, so once many of them are waiting it can look at what the simulator's threads are doing
        latency(true, "PT4S");
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String upn = "lat" + i + "@halemarsh.test";
            given().contentType(ContentType.JSON).body(Map.of("userPrincipalName", upn, "displayName", upn))
                    .post("/_sim/users").then().statusCode(org.hamcrest.Matchers.lessThan(300));
            tokens.add(token(upn));
        }
        ExecutorService pool = Executors.newFixedThreadPool(120);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                String token = tokens.get(i % tokens.size());
                answers.add(pool.submit(() -> given().auth().oauth2(token).get("/v1.0/me/events").statusCode()));
            }
            int inFlight = 0;
            long lookUntil = System.nanoTime() + 3_500_000_000L; // before the first of them is answered
            while (inFlight < 60 && System.nanoTime() < lookUntil) {
                Thread.sleep(100);
                inFlight = given().get("/_sim/limits/usage").then().extract().jsonPath()
                        .getList("inFlight", Integer.class).stream().mapToInt(Integer::intValue).sum();
            }
            long inGraphCode = Thread.getAllStackTraces().entrySet().stream()
                    .filter(t -> java.util.Arrays.stream(t.getValue())
                            .anyMatch(f -> f.getClassName().startsWith("io.docketsync.simulator.api.Graph")))
                    .count();
            for (Future<Integer> a : answers) {
                assertEquals(200, a.get());
            }
            assertTrue(inFlight >= 60, inFlight + " requests were in flight (waiting) at the look");
            assertTrue(inGraphCode < 5, inGraphCode + " threads were in the simulator's Graph code while "
                    + inFlight + " requests waited");
        } finally {
            pool.shutdownNow();
        }
    }
}
