package io.docketsync.simulator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.graph.core.content.BatchRequestContentCollection;
import com.microsoft.graph.core.content.BatchResponseContentCollection;
import com.microsoft.graph.models.BodyType;
import com.microsoft.graph.models.Event;
import com.microsoft.graph.models.EventType;
import com.microsoft.graph.models.ItemBody;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.RequestInformation;
import com.microsoft.kiota.http.middleware.options.HeadersInspectionOption;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Event bodies as Graph answers them (HTML unless text is preferred; text written is answered as Outlook's HTML
 * rendering, and as written when text is preferred), and the shape of events that are not part of a series.
 */
@QuarkusTest
class BodiesAndShapesTest extends SimulatorTest {
    private static final String PREFER_TEXT = "outlook.body-content-type=\"text\"";
    private static final String WRITTEN = "Bring the exhibits.\nRoom 4 & <annex>";

    private static Event withTextBody(String subject, String day) {
        Event e = event(subject, day + "T09:00:00", day + "T10:00:00");
        ItemBody body = new ItemBody();
        body.setContentType(BodyType.Text);
        body.setContent(WRITTEN);
        e.setBody(body);
        return e;
    }

    private static void assertOutlookHtml(ItemBody body) {
        assertEquals(BodyType.Html, body.getContentType());
        String html = body.getContent();
        assertTrue(html.startsWith("<html>") && html.contains("<body>"), html);
        assertTrue(html.contains("Bring the exhibits.<br>"), html);
        assertTrue(html.contains("Room 4 &amp; &lt;annex&gt;"), html);
    }

    private static void assertAsWritten(ItemBody body) {
        assertEquals(BodyType.Text, body.getContentType());
        assertEquals(WRITTEN, body.getContent());
    }

    @Test
    void aTextBodyIsAnsweredAsOutlooksHtmlAndAsWrittenWhenTextIsPreferred() {
        GraphServiceClient alice = graph(ALICE);
        Event created = alice.me().events().post(withTextBody("Hearing", "2026-12-01"));
        // writes answer HTML, as Graph does
        assertOutlookHtml(created.getBody());
        assertEquals("Bring the exhibits. Room 4 & <annex>", created.getBodyPreview());

        HeadersInspectionOption html = new HeadersInspectionOption(false, true);
        assertOutlookHtml(alice.me().events().byEventId(created.getId()).get(rc -> rc.options.add(html)).getBody());
        assertTrue(html.getResponseHeaders().getOrDefault("Preference-Applied", java.util.Set.of()).isEmpty());

        HeadersInspectionOption text = new HeadersInspectionOption(false, true);
        Event asText = alice.me().events().byEventId(created.getId()).get(rc -> {
            rc.headers.add("Prefer", PREFER_TEXT);
            rc.options.add(text);
        });
        assertAsWritten(asText.getBody());
        assertEquals(java.util.Set.of(PREFER_TEXT), text.getResponseHeaders().get("Preference-Applied"));

        // with another preference in the same request, both are applied
        HeadersInspectionOption both = new HeadersInspectionOption(false, true);
        alice.me().events().byEventId(created.getId()).get(rc -> {
            rc.headers.add("Prefer", "outlook.timezone=\"Pacific Standard Time\"");
            rc.headers.add("Prefer", PREFER_TEXT);
            rc.options.add(both);
        });
        String applied = String.join(", ", both.getResponseHeaders().get("Preference-Applied"));
        assertTrue(applied.contains("outlook.timezone=\"Pacific Standard Time\"") && applied.contains(PREFER_TEXT),
                applied);
    }

    @Test
    void listsCalendarViewAndDeltaAnswerBodiesAsPreferred() {
        GraphServiceClient bob = graph(BOB);
        bob.me().events().post(withTextBody("Deposition", "2026-12-02"));

        assertOutlookHtml(bob.me().events().get().getValue().get(0).getBody());
        assertAsWritten(bob.me().events().get(rc -> rc.headers.add("Prefer", PREFER_TEXT)).getValue().get(0).getBody());

        var view = bob.me().calendarView();
        assertOutlookHtml(view.get(rc -> window(rc.queryParameters)).getValue().get(0).getBody());
        HeadersInspectionOption inspect = new HeadersInspectionOption(false, true);
        assertAsWritten(view.get(rc -> {
            window(rc.queryParameters);
            rc.headers.add("Prefer", PREFER_TEXT);
            rc.options.add(inspect);
        }).getValue().get(0).getBody());
        assertEquals(java.util.Set.of(PREFER_TEXT), inspect.getResponseHeaders().get("Preference-Applied"));

        var delta = bob.users().byUserId(BOB).calendarView().delta();
        assertOutlookHtml(delta.get(rc -> {
            rc.queryParameters.startDateTime = "2026-12-01T00:00:00Z";
            rc.queryParameters.endDateTime = "2026-12-31T00:00:00Z";
        }).getValue().get(0).getBody());
        assertAsWritten(delta.get(rc -> {
            rc.queryParameters.startDateTime = "2026-12-01T00:00:00Z";
            rc.queryParameters.endDateTime = "2026-12-31T00:00:00Z";
            rc.headers.add("Prefer", PREFER_TEXT);
        }).getValue().get(0).getBody());
    }

    private static void window(com.microsoft.graph.users.item.calendarview.CalendarViewRequestBuilder
            .GetQueryParameters q) {
        q.startDateTime = "2026-12-01T00:00:00Z";
        q.endDateTime = "2026-12-31T00:00:00Z";
    }

    @Test
    void insideABatchTheInnerRequestsPreferenceCounts() throws Exception {
        GraphServiceClient carol = graph(CAROL);
        Event created = carol.me().events().post(withTextBody("Mediation", "2026-12-03"));
        BatchRequestContentCollection batch = new BatchRequestContentCollection(carol);
        String asHtml = batch.addBatchRequestStep(carol.me().events().byEventId(created.getId())
                .toGetRequestInformation());
        RequestInformation textRead = carol.me().events().byEventId(created.getId())
                .toGetRequestInformation(rc -> rc.headers.add("Prefer", PREFER_TEXT));
        String asText = batch.addBatchRequestStep(textRead);
        BatchResponseContentCollection answers = carol.getBatchRequestBuilder().post(batch, null);
        assertOutlookHtml(answers.getResponseById(asHtml, Event::createFromDiscriminatorValue).getBody());
        assertAsWritten(answers.getResponseById(asText, Event::createFromDiscriminatorValue).getBody());
        assertEquals(PREFER_TEXT, answers.getResponseById(asText).header("Preference-Applied"));
    }

    @Test
    void anHtmlBodyIsAnsweredAsOutlooksTextWhenTextIsPreferred() {
        GraphServiceClient alice = graph(ALICE);
        Event e = event("Filing", "2026-12-04T09:00:00", "2026-12-04T10:00:00");
        ItemBody body = new ItemBody();
        body.setContentType(BodyType.Html);
        body.setContent("<html><head><style>p { color: red }</style></head><body><p>Serve the\n motion&nbsp;<b>today</b>"
                + "</p><div>Docket &#35;42 &amp; more</div></body></html>");
        e.setBody(body);
        Event created = alice.me().events().post(e);
        assertEquals(body.getContent(), alice.me().events().byEventId(created.getId()).get().getBody().getContent());
        Event asText = alice.me().events().byEventId(created.getId()).get(rc -> rc.headers.add("Prefer", PREFER_TEXT));
        assertEquals(BodyType.Text, asText.getBody().getContentType());
        assertEquals("Serve the motion today\r\nDocket #42 & more", asText.getBody().getContent());
    }

    /** Graph: type singleInstance and seriesMasterId null for an event that is not part of a recurring series. */
    @Test
    void aSingleEventIsASingleInstanceWithoutSeriesMasterEverywhereItIsAnswered() throws Exception {
        GraphServiceClient alice = graph(ALICE);
        Event created = alice.me().events().post(event("Hearing", "2026-12-05T09:00:00", "2026-12-05T10:00:00"));
        List<Event> seen = new java.util.ArrayList<>(List.of(created,
                alice.me().events().byEventId(created.getId()).get(),
                alice.me().events().get().getValue().get(0),
                alice.me().calendarView().get(rc -> window(rc.queryParameters)).getValue().get(0),
                alice.users().byUserId(ALICE).calendarView().delta().get(rc -> {
                    rc.queryParameters.startDateTime = "2026-12-01T00:00:00Z";
                    rc.queryParameters.endDateTime = "2026-12-31T00:00:00Z";
                }).getValue().get(0)));
        for (Event e : seen) {
            assertEquals(EventType.SingleInstance, e.getType());
            assertNull(e.getSeriesMasterId());
        }
        // the property is there, null, as Graph writes it (not left out)
        JsonNode raw = new ObjectMapper().readTree(given().auth().oauth2(token(ALICE))
                .get("/v1.0/me/events/" + created.getId()).asString());
        assertTrue(raw.has("seriesMasterId") && raw.get("seriesMasterId").isNull(), raw.toString());
        given().auth().oauth2(token(ALICE)).get("/v1.0/me/events/" + created.getId() + "?$select=type,seriesMasterId")
                .then().statusCode(200).body("type", equalTo("singleInstance")).body("seriesMasterId", nullValue());
    }
}
