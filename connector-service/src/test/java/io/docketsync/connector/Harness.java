package io.docketsync.connector;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.graph.models.DateTimeTimeZone;
import com.microsoft.graph.models.Event;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.GraphNotification;
import io.docketsync.contracts.Topics;
import io.docketsync.contracts.UserKey;
import io.docketsync.graph.GraphClientFactory;
import io.docketsync.testsupport.TestPlatform;
import io.docketsync.testsupport.TopicProbe;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;

/** What the integration tests do as a browser, as the sync-worker, as Graph's admin and as a database reader. */
final class Harness {
    static final String FIRM = "hale-marsh";
    static final String INTERNAL_CREDENTIAL = "test-internal-credential";
    private static final HttpClient BROWSER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final HttpClient NO_REDIRECTS = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private Harness() {
    }

    static String newUser() {
        return "u-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String appToken(String user) {
        return appToken(FIRM, user);
    }

    static String appToken(String firm, String user) {
        return TestPlatform.tokens().token(user, firm, List.of());
    }

    /** A mailbox of the user's own in the simulator ({user}@halemarsh.test): for users who act at the same moment. */
    static String ownMailbox(String user) {
        String upn = user + "@halemarsh.test";
        HttpResponse<String> created = simAdmin("POST", "/_sim/users", "{\"userPrincipalName\":\"" + upn + "\"}");
        assertEquals(201, created.statusCode(), created.body());
        return upn;
    }

    /** POST /connections/office365 for the user: the authorization URL. */
    static String authorizationUrl(String user, String loginHint) {
        return authorizationUrl(FIRM, user, loginHint);
    }

    static String authorizationUrl(String firm, String user, String loginHint) {
        return given().auth().oauth2(appToken(firm, user)).contentType("application/json")
                .body(loginHint == null ? "{}" : "{\"loginHint\":\"" + loginHint + "\"}")
                .when().post("/connections/office365")
                .then().statusCode(200).extract().path("authorizationUrl");
    }

    /** The whole Connect flow as a browser: authorize, callback, front end. Answers the final page's response. */
    static HttpResponse<String> connect(String user, String loginHint) {
        return browse(authorizationUrl(user, loginHint));
    }

    static HttpResponse<String> connect(String firm, String user, String loginHint) {
        return browse(authorizationUrl(firm, user, loginHint));
    }

    static HttpResponse<String> browse(String url) {
        try {
            return BROWSER.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("browser failed at " + url + ": " + e, e);
        }
    }

    /** One hop, without following the redirect: its Location. */
    static String location(String url) {
        try {
            HttpResponse<String> r = NO_REDIRECTS.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(302, r.statusCode(), "expected a redirect from " + url + ": " + r.body());
            return r.headers().firstValue("Location").orElseThrow();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> q = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                q.put(java.net.URLDecoder.decode(pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    static void connectOk(String user, String mailbox) {
        HttpResponse<String> landing = connect(user, mailbox);
        assertEquals(200, landing.statusCode(), landing.body());
        assertEquals("connected", query(landing.uri()).get("office365"), landing.uri() + " " + landing.body());
    }

    /** GET /internal/firms/{firm}/users/{user}/graph-token as the sync-worker. */
    static Response internalToken(String user) {
        return internalToken(FIRM, user);
    }

    static Response internalToken(String firm, String user) {
        return given().header("Authorization", "Bearer " + INTERNAL_CREDENTIAL)
                .when().get("/internal/firms/" + firm + "/users/" + user + "/graph-token");
    }

    static String accessToken(String user) {
        return internalToken(user).then().statusCode(200).extract().path("accessToken");
    }

    static GraphServiceClient graph(String accessToken) {
        return new GraphClientFactory(GraphClientFactory.Settings.of(ConnectorTestResource.simulator.graphBaseUrl()))
                .create(() -> accessToken);
    }

    /** Creates an event in the user's mailbox through Graph, as Outlook would: answers its id. */
    static String createEvent(String user, String subject) {
        Event e = new Event();
        e.setSubject(subject);
        DateTimeTimeZone start = new DateTimeTimeZone();
        start.setDateTime("2026-12-01T10:00:00");
        start.setTimeZone("UTC");
        DateTimeTimeZone end = new DateTimeTimeZone();
        end.setDateTime("2026-12-01T10:30:00");
        end.setTimeZone("UTC");
        e.setStart(start);
        e.setEnd(end);
        // the immutable id: connector-service subscribes with Prefer IdType="ImmutableId", so notifications name it
        return graph(accessToken(user)).me().events().post(e, rc -> rc.headers.add("Prefer", "IdType=\"ImmutableId\""))
                .getId();
    }

    /** The simulator's admin API. */
    static HttpResponse<String> simAdmin(String method, String path, String json) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ConnectorTestResource.simulator.authority() + path))
                    .header("Content-Type", "application/json");
            b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            return NO_REDIRECTS.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Connection jdbc() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    /** One column of one row (or null when there is no row). */
    static String sql(String query, String param) {
        try (Connection c = jdbc(); var s = c.prepareStatement(query)) {
            s.setString(1, param);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every row of every table of the service's schema, as text. */
    static String everythingStored() {
        StringBuilder all = new StringBuilder();
        try (Connection c = jdbc(); var s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT t::text FROM \"" + table + "\" t")) {
                    while (rs.next()) {
                        all.append(table).append(": ").append(rs.getString(1)).append('\n');
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return all.toString();
    }

    /** Waits for a condition that the system makes true eventually (a scheduler, a relay, a webhook). */
    static void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        fail("never happened: " + what);
    }

    /** Reads graph.notifications.v1 until one of the user's (of {@link #FIRM}) notifications matches. */
    static List<GraphNotification> notificationsUntil(String userId, Predicate<GraphNotification> wanted) {
        String user = UserKey.of(FIRM, userId).kafkaKey();
        List<ConsumerRecord<String, String>> records = TopicProbe.readUntil(TestPlatform.kafka().bootstrapServers(),
                Topics.GRAPH_NOTIFICATIONS, PATIENCE, r -> r.stream().filter(x -> user.equals(x.key()))
                        .map(x -> EventCodec.fromJson(x.value(), GraphNotification.class).data).anyMatch(wanted));
        return records.stream().filter(x -> user.equals(x.key()))
                .map(x -> EventCodec.fromJson(x.value(), GraphNotification.class).data).toList();
    }

    /** Reads a per-user topic until one of the user's (of {@link #FIRM}) events matches. */
    static <T> List<EventEnvelope<T>> eventsUntil(String topic, String userId, Class<T> type, Predicate<T> wanted) {
        String key = UserKey.of(FIRM, userId).kafkaKey();
        List<ConsumerRecord<String, String>> records = TopicProbe.readUntil(TestPlatform.kafka().bootstrapServers(),
                topic, PATIENCE, r -> r.stream().filter(x -> key.equals(x.key()))
                        .map(x -> EventCodec.fromJson(x.value(), type).data).anyMatch(wanted));
        return records.stream().filter(x -> key.equals(x.key())).map(x -> EventCodec.fromJson(x.value(), type)).toList();
    }
}
