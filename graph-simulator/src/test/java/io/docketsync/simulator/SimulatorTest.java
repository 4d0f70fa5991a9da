package io.docketsync.simulator;

import static io.restassured.RestAssured.given;

import com.microsoft.graph.models.DateTimeTimeZone;
import com.microsoft.graph.models.Event;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.docketsync.graph.GraphClientFactory;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the simulator's tests share: a clean simulator before each test, tokens for the demo users, and Graph
 * SDK clients built by graph-client's factory (SDK retries off, so throttling is visible).
 */
public abstract class SimulatorTest {
    public static final String ROOT = "http://localhost:8091";
    public static final String ALICE = "alice@halemarsh.test";
    public static final String BOB = "bob@halemarsh.test";
    public static final String CAROL = "carol@halemarsh.test";
    public static final String DAVE = "dave@halemarsh.test";

    protected static final GraphClientFactory GRAPH =
            new GraphClientFactory(GraphClientFactory.Settings.of(ROOT + "/v1.0").withoutSdkRetries());

    @BeforeEach
    void resetSimulator() {
        given().post("/_sim/reset").then().statusCode(204);
    }

    /**
     * A delegated access token of docketsync's app for a demo user, from the admin shortcut (the OAuth flow has its
     * own test).
     */
    protected static String token(String user) {
        return given().contentType(ContentType.JSON).body("{\"user\":\"" + user + "\",\"client\":\"docketsync-local\"}")
                .post("/_sim/token").then().statusCode(200).extract().path("access_token");
    }

    /** The user's own Outlook's token (the shortcut's default client). */
    protected static String outlookToken(String user) {
        return given().contentType(ContentType.JSON).body("{\"user\":\"" + user + "\"}")
                .post("/_sim/token").then().statusCode(200).extract().path("access_token");
    }

    protected static GraphServiceClient graph(String user) {
        String token = token(user);
        return GRAPH.create(() -> token);
    }

    protected static Event event(String subject, String start, String end) {
        Event e = new Event();
        e.setSubject(subject);
        e.setStart(time(start, "UTC"));
        e.setEnd(time(end, "UTC"));
        return e;
    }

    protected static DateTimeTimeZone time(String dateTime, String zone) {
        DateTimeTimeZone t = new DateTimeTimeZone();
        t.setDateTime(dateTime);
        t.setTimeZone(zone);
        return t;
    }

    protected static String etag(Event e) {
        return (String) e.getAdditionalData().get("@odata.etag");
    }
}
