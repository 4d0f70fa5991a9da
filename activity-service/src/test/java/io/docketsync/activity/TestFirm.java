package io.docketsync.activity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.docketsync.contracts.EventCodec;
import io.docketsync.contracts.EventEnvelope;
import io.docketsync.contracts.FirmUser;
import io.docketsync.contracts.Office365Settings;
import io.docketsync.contracts.Origin;
import io.docketsync.contracts.Permission;
import io.docketsync.contracts.SettingsChanged;
import io.docketsync.contracts.Topics;
import io.docketsync.testsupport.TestPlatform;
import io.docketsync.testsupport.TopicProbe;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;

/**
 * A fresh firm for one test: the demo firm's users and permissions (alice ANY/ANY admin, bob OWN/OWN,
 * carol NONE/NONE, dave OWN/OWN) and erin, deactivated, sent as settings-service sends them, on the real settings topic.
 */
final class TestFirm {
    static final List<FirmUser> USERS = List.of(
            new FirmUser("alice", "Alice Hale", "alice@halemarsh.test", true, Permission.ANY, Permission.ANY, true),
            new FirmUser("bob", "Bob Marsh", "bob@halemarsh.test", false, Permission.OWN, Permission.OWN, true),
            new FirmUser("carol", "Carol Reed", "carol@halemarsh.test", false, Permission.NONE, Permission.NONE, true),
            new FirmUser("dave", "Dave Stone", "dave@halemarsh.test", false, Permission.OWN, Permission.OWN, true),
            new FirmUser("erin", "Erin Vale", "erin@halemarsh.test", false, Permission.OWN, Permission.OWN, false));

    final String id = "firm-" + UUID.randomUUID().toString().substring(0, 8);

    static TestFirm seeded() {
        TestFirm f = new TestFirm();
        f.settings(Office365Settings.defaults(), 1);
        return f;
    }

    /** Publishes the firm's state and waits until activity-service has applied it. */
    void settings(Office365Settings settings, long version) {
        send(Topics.SETTINGS_CHANGES, id, SettingsChanged.TYPE, Origin.system(),
                new SettingsChanged(id, settings, USERS, version));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("alice").get("/me")
                .then().statusCode(200).body("known", equalTo(true)).body("firmSettingsVersion", equalTo((int) version)));
    }

    String token(String user) {
        return TestPlatform.tokens().token(user, id, List.of());
    }

    RequestSpecification as(String user) {
        return given().auth().oauth2(token(user)).contentType(ContentType.JSON);
    }

    String create(String user, String json) {
        return as(user).body(json).when().post("/activities").then().statusCode(201).extract().path("id");
    }

    <T> void send(String topic, String key, String type, Origin origin, T data) {
        TopicProbe.send(TestPlatform.kafka().bootstrapServers(), topic, key,
                EventCodec.toJson(EventEnvelope.of("/test", type, key, id, origin, data)));
    }

    static String appointmentAt(String subject, String start, String end, String... users) {
        return "{\"kind\":\"APPOINTMENT\",\"subject\":\"" + subject + "\",\"location\":\"Room 4\",\"body\":\"Bring the file\","
                + "\"start\":\"" + start + "\",\"end\":\"" + end + "\",\"timeZone\":\"Europe/London\","
                + "\"scheduledFor\":[" + quoted(users) + "]}";
    }

    static String appointment(String... users) {
        return appointmentAt("Deposition", "2026-12-01T09:00:00", "2026-12-01T10:30:00", users);
    }

    static String task(String dueDate, String... users) {
        return "{\"kind\":\"TASK\",\"subject\":\"File brief\",\"dueDate\":\"" + dueDate + "\",\"timeZone\":\"UTC\","
                + "\"scheduledFor\":[" + quoted(users) + "]}";
    }

    static String quoted(String... users) {
        return String.join(",", java.util.Arrays.stream(users).map(u -> "\"" + u + "\"").toList());
    }
}
