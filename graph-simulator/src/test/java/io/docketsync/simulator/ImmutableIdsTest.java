package io.docketsync.simulator;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.graph.models.Event;
import com.microsoft.graph.models.Subscription;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.calendarview.delta.DeltaGetResponse;
import io.docketsync.simulator.state.DemoData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Regular ids change when an event moves between folders; {@code Prefer: IdType="ImmutableId"} gives ids that do
 * not, in answers, delta rounds and (for subscriptions made with it) change notifications. Paths take either.
 */
@QuarkusTest
class ImmutableIdsTest extends SimulatorTest {
    private static final String IMMUTABLE = "IdType=\"ImmutableId\"";

    private static DeltaGetResponse deltaRound(GraphServiceClient client, String link, boolean immutable) {
        var delta = client.users().byUserId(ALICE).calendarView().delta();
        return link == null ? delta.get(rc -> {
            rc.queryParameters.startDateTime = "2026-12-01T00:00:00Z";
            rc.queryParameters.endDateTime = "2026-12-31T00:00:00Z";
            if (immutable) {
                rc.headers.add("Prefer", IMMUTABLE);
            }
        }) : delta.withUrl(link).get(rc -> {
            if (immutable) {
                rc.headers.add("Prefer", IMMUTABLE);
            }
        });
    }

    private static Subscription subscription(String url) {
        Subscription s = new Subscription();
        s.setChangeType("created,updated,deleted");
        s.setNotificationUrl(url);
        s.setResource("/me/events");
        s.setExpirationDateTime(OffsetDateTime.now().plusHours(1));
        s.setClientState("docketsync-secret");
        return s;
    }

    @Test
    void everyEventHasARegularAndAnImmutableIdAndPathsTakeEither() {
        GraphServiceClient alice = graph(ALICE);
        Event immutable = alice.me().events().post(event("Hearing", "2026-12-01T09:00:00", "2026-12-01T10:00:00"),
                rc -> rc.headers.add("Prefer", IMMUTABLE));
        assertTrue(immutable.getId().startsWith("AAkALgAA"), immutable.getId());
        Event regular = alice.me().events().byEventId(immutable.getId()).get();
        assertTrue(regular.getId().startsWith("AAMk"), regular.getId());
        assertEquals(immutable.getICalUId(), regular.getICalUId());
        assertEquals(immutable.getId(), alice.me().events().byEventId(regular.getId())
                .get(rc -> rc.headers.add("Prefer", IMMUTABLE)).getId());
        assertEquals(regular.getId(), alice.me().events().get().getValue().get(0).getId());
        assertEquals(immutable.getId(), alice.me().events().get(rc -> rc.headers.add("Prefer", IMMUTABLE))
                .getValue().get(0).getId());
        Event patch = new Event();
        patch.setSubject("Hearing (moved)");
        assertEquals(regular.getId(), alice.me().events().byEventId(immutable.getId()).patch(patch).getId());
        alice.me().events().byEventId(immutable.getId()).delete();
        assertEquals(404, assertThrows(ODataError.class, () -> alice.me().events().byEventId(regular.getId()).get())
                .getResponseStatusCode());
    }

    @Test
    void aMoveThroughAnotherFolderChangesTheRegularIdOnly() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            GraphServiceClient alice = graph(ALICE);
            Subscription regularSub = alice.subscriptions().post(subscription(receiver.url("/notify")));
            Subscription immutableSub = alice.subscriptions().post(subscription(receiver.url("/notify")),
                    rc -> rc.headers.add("Prefer", IMMUTABLE));

            Event created = alice.me().events().post(event("Hearing", "2026-12-01T09:00:00", "2026-12-01T10:00:00"));
            String immutableId = alice.me().events().byEventId(created.getId())
                    .get(rc -> rc.headers.add("Prefer", IMMUTABLE)).getId();
            Map<String, JsonNode> onCreate = bySubscription(receiver, 2);
            assertEquals(created.getId(), onCreate.get(regularSub.getId()).path("resourceData").path("id").asText());
            assertEquals(immutableId, onCreate.get(immutableSub.getId()).path("resourceData").path("id").asText());
            assertEquals("Users/" + DemoData.ALICE_ID + "/Events/" + immutableId,
                    onCreate.get(immutableSub.getId()).path("resource").asText());

            String regularLink = deltaRound(alice, null, false).getOdataDeltaLink();
            String immutableLink = deltaRound(alice, null, true).getOdataDeltaLink();

            JsonPath moved = given().post("/_sim/users/" + ALICE + "/events/" + created.getId() + "/move-and-back")
                    .then().statusCode(200).extract().jsonPath();
            String newId = moved.getString("id");
            assertEquals(created.getId(), moved.getString("previousId"));
            assertEquals(immutableId, moved.getString("immutableId"));
            assertNotEquals(created.getId(), newId);

            // the old regular id is gone; the new one and the immutable one reach the event
            assertEquals(404, assertThrows(ODataError.class, () -> alice.me().events().byEventId(created.getId()).get())
                    .getResponseStatusCode());
            assertEquals(newId, alice.me().events().byEventId(immutableId).get().getId());
            assertEquals(immutableId, alice.me().events().byEventId(newId)
                    .get(rc -> rc.headers.add("Prefer", IMMUTABLE)).getId());

            // delta with regular ids: the old id removed, the new one there; with immutable ids: an update
            List<Event> regularRound = deltaRound(alice, regularLink, false).getValue();
            assertEquals(2, regularRound.size());
            assertEquals(created.getId(), regularRound.get(0).getId());
            assertTrue(regularRound.get(0).getAdditionalData().containsKey("@removed"));
            assertEquals(newId, regularRound.get(1).getId());
            assertEquals("Hearing", regularRound.get(1).getSubject());
            List<Event> immutableRound = deltaRound(alice, immutableLink, true).getValue();
            assertEquals(1, immutableRound.size());
            assertEquals(immutableId, immutableRound.get(0).getId());
            assertTrue(!immutableRound.get(0).getAdditionalData().containsKey("@removed"));

            // notifications: deleted + created for regular ids, updated for immutable ids
            List<JsonNode> after = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                after.add(receiver.next(receiver.notifications));
            }
            List<String> regular = after.stream().filter(n -> regularSub.getId().equals(n.path("subscriptionId").asText()))
                    .map(n -> n.path("changeType").asText() + " " + n.path("resourceData").path("id").asText()).toList();
            List<String> immutable = after.stream()
                    .filter(n -> immutableSub.getId().equals(n.path("subscriptionId").asText()))
                    .map(n -> n.path("changeType").asText() + " " + n.path("resourceData").path("id").asText()).toList();
            // delivered one by one, asynchronously: the two may arrive in either order (Graph promises none)
            assertEquals(java.util.Set.of("deleted " + created.getId(), "created " + newId), java.util.Set.copyOf(regular));
            assertEquals(2, regular.size());
            assertEquals(List.of("updated " + immutableId), immutable);
        }
    }

    private static Map<String, JsonNode> bySubscription(WebhookReceiver receiver, int count) throws Exception {
        Map<String, JsonNode> out = new HashMap<>();
        for (int i = 0; i < count; i++) {
            JsonNode n = receiver.next(receiver.notifications);
            out.put(n.path("subscriptionId").asText(), n);
        }
        return out;
    }
}
