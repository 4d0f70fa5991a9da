package io.docketsync.simulator;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.graph.models.Event;
import com.microsoft.graph.models.Subscription;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.docketsync.simulator.state.DemoData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SubscriptionsTest extends SimulatorTest {

    private static Subscription subscription(String notificationUrl, String lifecycleUrl, OffsetDateTime expiration) {
        Subscription s = new Subscription();
        s.setChangeType("created,updated,deleted");
        s.setNotificationUrl(notificationUrl);
        s.setLifecycleNotificationUrl(lifecycleUrl);
        s.setResource("/me/events");
        s.setExpirationDateTime(expiration);
        s.setClientState("docketsync-secret");
        return s;
    }

    @Test
    void aValidatedSubscriptionDeliversChangeAndLifecycleNotifications() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            GraphServiceClient alice = graph(ALICE);
            Subscription created = alice.subscriptions().post(subscription(receiver.url("/notify"),
                    receiver.url("/lifecycle"), OffsetDateTime.now().plusDays(2)));
            assertEquals("/me/events", created.getResource());
            assertEquals("docketsync-local", created.getApplicationId());

            Event event = alice.me().events().post(event("Hearing", "2026-12-01T09:00:00", "2026-12-01T10:00:00"));
            JsonNode n = receiver.next(receiver.notifications);
            assertEquals(created.getId(), n.path("subscriptionId").asText());
            assertEquals("created", n.path("changeType").asText());
            assertEquals("docketsync-secret", n.path("clientState").asText());
            assertEquals(DemoData.TENANT_ID, n.path("tenantId").asText());
            assertEquals("Users/" + DemoData.ALICE_ID + "/Events/" + event.getId(), n.path("resource").asText());
            assertEquals(event.getId(), n.path("resourceData").path("id").asText());
            assertEquals("#Microsoft.Graph.Event", n.path("resourceData").path("@odata.type").asText());
            assertEquals(etag(event), n.path("resourceData").path("@odata.etag").asText());
            assertTrue(n.has("subscriptionExpirationDateTime"));

            alice.me().events().byEventId(event.getId()).delete();
            assertEquals("deleted", receiver.next(receiver.notifications).path("changeType").asText());

            given().contentType(ContentType.JSON).body(Map.of("lifecycleEvent", "reauthorizationRequired"))
                    .post("/_sim/subscriptions/" + created.getId() + "/lifecycle").then().statusCode(202);
            JsonNode lifecycle = receiver.next(receiver.lifecycle);
            assertEquals("reauthorizationRequired", lifecycle.path("lifecycleEvent").asText());
            assertEquals(created.getId(), lifecycle.path("subscriptionId").asText());
            alice.subscriptions().bySubscriptionId(created.getId()).reauthorize().post();

            Subscription renewal = new Subscription();
            OffsetDateTime later = OffsetDateTime.now().plusDays(3);
            renewal.setExpirationDateTime(later);
            Subscription renewed = alice.subscriptions().bySubscriptionId(created.getId()).patch(renewal);
            assertEquals(later.toInstant().getEpochSecond(), renewed.getExpirationDateTime().toInstant().getEpochSecond());
            assertEquals(1, alice.subscriptions().get().getValue().size());

            alice.subscriptions().bySubscriptionId(created.getId()).delete();
            ODataError gone = assertThrows(ODataError.class,
                    () -> alice.subscriptions().bySubscriptionId(created.getId()).get());
            assertEquals(404, gone.getResponseStatusCode());
        }
    }

    @Test
    void subscriptionRemovedEndsTheSubscription() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            GraphServiceClient carol = graph(CAROL);
            Subscription created = carol.subscriptions().post(subscription(receiver.url("/notify"),
                    receiver.url("/lifecycle"), OffsetDateTime.now().plusHours(1)));
            given().contentType(ContentType.JSON).body(Map.of("lifecycleEvent", "subscriptionRemoved"))
                    .post("/_sim/subscriptions/" + created.getId() + "/lifecycle").then().statusCode(202);
            assertEquals("subscriptionRemoved", receiver.next(receiver.lifecycle).path("lifecycleEvent").asText());
            assertEquals(0, carol.subscriptions().get().getValue().size());
        }
    }

    @Test
    void notificationsAreRetriedUntilTheReceiverTakesThem() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(2)) {
            GraphServiceClient bob = graph(BOB);
            bob.subscriptions().post(subscription(receiver.url("/flaky"), null, OffsetDateTime.now().plusHours(1)));
            Event event = bob.me().events().post(event("Call", "2026-12-01T09:00:00", "2026-12-01T10:00:00"));
            JsonNode n = receiver.next(receiver.notifications);
            assertEquals(event.getId(), n.path("resourceData").path("id").asText());
            assertEquals(3, receiver.flakyAttempts.get());
        }
    }

    @Test
    void attendeeCopiesNotifyTheAttendeesSubscription() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            graph(CAROL).subscriptions().post(subscription(receiver.url("/notify"), null,
                    OffsetDateTime.now().plusHours(1)));
            Event meeting = event("Review", "2026-12-01T09:00:00", "2026-12-01T10:00:00");
            com.microsoft.graph.models.Attendee carol = new com.microsoft.graph.models.Attendee();
            com.microsoft.graph.models.EmailAddress address = new com.microsoft.graph.models.EmailAddress();
            address.setAddress(CAROL);
            carol.setEmailAddress(address);
            meeting.setAttendees(java.util.List.of(carol));
            graph(ALICE).me().events().post(meeting);
            JsonNode n = receiver.next(receiver.notifications);
            assertEquals("created", n.path("changeType").asText());
            assertTrue(n.path("resource").asText().startsWith("Users/" + DemoData.CAROL_ID + "/Events/"));
        }
    }

    @Test
    void aWrongValidationAnswerRefusesTheSubscription() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            ODataError refused = assertThrows(ODataError.class, () -> graph(ALICE).subscriptions().post(
                    subscription(receiver.url("/wrong"), null, OffsetDateTime.now().plusHours(1))));
            assertEquals(400, refused.getResponseStatusCode());
            assertEquals("ValidationError", refused.getError().getCode());

            ODataError unreachable = assertThrows(ODataError.class, () -> graph(ALICE).subscriptions().post(
                    subscription("http://localhost:1/nothing-listens", null, OffsetDateTime.now().plusHours(1))));
            assertEquals("ValidationError", unreachable.getError().getCode());
        }
    }

    @Test
    void expirationBeyondGraphsMaximumIsRefused() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            ODataError tooLong = assertThrows(ODataError.class, () -> graph(ALICE).subscriptions().post(
                    subscription(receiver.url("/notify"), null, OffsetDateTime.now().plusMinutes(10081))));
            assertEquals(400, tooLong.getResponseStatusCode());
            assertTrue(tooLong.getError().getMessage().contains("10080"));
        }
    }

    @Test
    void anExpiredSubscriptionIsGone() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            GraphServiceClient alice = graph(ALICE);
            Subscription shortLived = alice.subscriptions().post(subscription(receiver.url("/notify"), null,
                    OffsetDateTime.now().plusSeconds(2)));
            Set<String> before = new HashSet<>();
            alice.subscriptions().get().getValue().forEach(s -> before.add(s.getId()));
            assertTrue(before.contains(shortLived.getId()));
            Thread.sleep(2500);
            assertEquals(0, alice.subscriptions().get().getValue().size());
            ODataError renew = assertThrows(ODataError.class, () -> alice.subscriptions()
                    .bySubscriptionId(shortLived.getId()).patch(new Subscription()));
            assertEquals(404, renew.getResponseStatusCode());
        }
    }

    /**
     * Graph accepts only HTTPS notification URLs; the simulator's tests allow http:// to loopback hosts
     * (subscriptions.allow-http-loopback-notifications), never to any other host.
     */
    @Test
    void anHttpNotificationUrlIsRefusedUnlessItIsLoopbackAndAllowed() throws Exception {
        GraphServiceClient alice = graph(ALICE);
        ODataError plain = assertThrows(ODataError.class, () -> alice.subscriptions().post(
                subscription("http://webhooks.halemarsh.test/notify", null, OffsetDateTime.now().plusHours(1))));
        assertEquals(400, plain.getResponseStatusCode());
        assertEquals("InvalidRequest", plain.getError().getCode());
        assertEquals("NotificationUrl scheme='http' is not supported.", plain.getError().getMessage());

        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            ODataError lifecycle = assertThrows(ODataError.class, () -> alice.subscriptions().post(subscription(
                    receiver.url("/notify"), "http://webhooks.halemarsh.test/lifecycle", OffsetDateTime.now().plusHours(1))));
            assertEquals("InvalidRequest", lifecycle.getError().getCode());
            assertTrue(lifecycle.getError().getMessage().startsWith("LifecycleNotificationUrl scheme='http'"));
            // loopback over http, allowed in this profile, through 127.0.0.1 as well as localhost
            String numeric = receiver.url("/notify").replace("localhost", "127.0.0.1");
            assertEquals(numeric, alice.subscriptions().post(subscription(numeric, null,
                    OffsetDateTime.now().plusHours(1))).getNotificationUrl());
        }
        // https passes the scheme check (here nothing answers the validation request)
        ODataError unreachable = assertThrows(ODataError.class, () -> alice.subscriptions().post(
                subscription("https://localhost:1/notify", null, OffsetDateTime.now().plusHours(1))));
        assertEquals("ValidationError", unreachable.getError().getCode());
    }

    /**
     * A notification the endpoint never takes is retried with growing back-off for the delivery retry window
     * (Graph: 4 hours; 3 s in the tests), then dropped with a {@code missed} lifecycle notification.
     */
    @Test
    void aNotificationNeverTakenIsRetriedForTheWindowThenReportedMissed() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            GraphServiceClient bob = graph(BOB);
            Subscription created = bob.subscriptions().post(subscription(receiver.url("/down"),
                    receiver.url("/lifecycle"), OffsetDateTime.now().plusHours(1)));
            long t0 = System.nanoTime();
            bob.me().events().post(event("Unheard", "2026-12-01T09:00:00", "2026-12-01T10:00:00"));
            JsonNode missed = receiver.next(receiver.lifecycle);
            long afterMillis = (System.nanoTime() - t0) / 1_000_000;
            assertEquals("missed", missed.path("lifecycleEvent").asText());
            assertEquals(created.getId(), missed.path("subscriptionId").asText());
            assertEquals("docketsync-secret", missed.path("clientState").asText());
            assertTrue(afterMillis >= 2900, "missed after " + afterMillis + " ms, before the 3 s window closed");
            var attempts = List.copyOf(receiver.downAttempts);
            assertTrue(attempts.size() >= 4, attempts.size() + " attempts");
            // 0.2 s, 0.4 s, 0.8 s, then 1 s apart (max-backoff): the back-off grows
            long first = attempts.get(1) - attempts.get(0);
            long third = attempts.get(3) - attempts.get(2);
            assertTrue(third > first, "back-off " + first / 1_000_000 + " ms then " + third / 1_000_000 + " ms");
        }
    }
}
