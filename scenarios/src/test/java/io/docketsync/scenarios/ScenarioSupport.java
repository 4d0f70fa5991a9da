package io.docketsync.scenarios;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What every scenario class shares: the JVM's system, the app's and Outlook's clients, patient waiting. */
abstract class ScenarioSupport {
    /** Generous: five JVMs and a broker share two cores with other builds. */
    static final Duration PATIENCE = Duration.ofSeconds(Long.parseLong(Docketsync.env("DOCKETSYNC_SCENARIO_PATIENCE_S", "120")));

    static Docketsync system;
    static AppClient app;
    static Outlook outlook;

    @RegisterExtension
    static final BeforeAllCallback SHARED_SYSTEM = context -> {
        system = Docketsync.shared();
        // closed when the last test of the JVM is done, well before surefire's exit deadline (the platform's
        // shutdown hook is only the fallback)
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).computeIfAbsent("docketsync-system",
                key -> system, Docketsync.class);
        app = new AppClient(system);
        outlook = system.outlook();
    };

    static void eventually(String what, ThrowingRunnable assertion) {
        await(what).atMost(PATIENCE).pollDelay(Duration.ofMillis(200)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().untilAsserted(assertion);
    }

    /** Connects the users that are not connected yet (the Connect flow), and waits for their green check. */
    static void connected(String... users) {
        for (String u : users) {
            if (!"CONNECTED".equals(app.connectionState(u))) {
                java.net.URI landed = app.connect(u);
                if (!landed.getQuery().contains("office365=connected")) {
                    throw new AssertionError(u + "'s Connect ended at " + landed);
                }
            }
        }
        for (String u : users) {
            eventually(u + " shows connected on GET /me", () -> org.junit.jupiter.api.Assertions.assertTrue(
                    app.me(u).getBoolean("connected"), u + " not connected on /me"));
        }
    }

    /** A subject no other scenario uses, so that mailboxes can be searched by it. */
    static String unique(String subject) {
        return subject + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    static LocalDate day(int daysAhead) {
        return LocalDate.now(ZoneOffset.UTC).plusDays(daysAhead);
    }

    static String at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }

    /** The wall-clock time in UTC of a wall-clock time in a zone, as Graph writes it without a Prefer header. */
    static LocalDateTime utc(LocalDateTime wall, String zone) {
        return wall.atZone(ZoneId.of(zone)).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }

    @SuppressWarnings("unchecked")
    static String startOf(Map<String, Object> event) {
        return ((Map<String, Object>) event.get("start")).get("dateTime").toString();
    }

    @SuppressWarnings("unchecked")
    static String endOf(Map<String, Object> event) {
        return ((Map<String, Object>) event.get("end")).get("dateTime").toString();
    }

    static List<Map<String, Object>> bySubject(String user, String subject) {
        return outlook.events(user, null).stream().filter(e -> subject.equals(e.get("subject"))).toList();
    }

    static String syncStatus(JsonPath activity, String user) {
        Map<String, Object> s = AppClient.scheduled(activity, user);
        return s == null ? null : String.valueOf(s.get("syncStatus"));
    }

    /** Starts a push or import job as the user and waits until it completes; its last progress. */
    static JsonPath job(String user, String path, Map<String, Object> body) {
        String location = given(system.as(user, Docketsync.ACTIVITY)).body(body).post(path).then().statusCode(202)
                .extract().header("Location");
        String at = java.net.URI.create(location).getPath();
        JsonPath[] last = new JsonPath[1];
        eventually("job " + at + " completes", () -> {
            last[0] = given(system.as(user, Docketsync.ACTIVITY)).get(at).then().statusCode(200).extract().jsonPath();
            assertEquals("COMPLETED", last[0].getString("state"), last[0].prettify());
        });
        return last[0];
    }
}
