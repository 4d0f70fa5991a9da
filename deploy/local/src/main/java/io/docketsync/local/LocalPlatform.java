package io.docketsync.local;

import io.docketsync.testsupport.AppTokens;
import io.docketsync.testsupport.PlatformTopics;
import io.docketsync.testsupport.PostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The whole system on one machine, each part its own process: PostgreSQL (embedded binaries unless
 * DOCKETSYNC_PG_URL names a server), a KRaft Kafka broker (unless DOCKETSYNC_KAFKA_BOOTSTRAP names one), the
 * Graph simulator and the four services. Logs go to .local/logs; Ctrl-C or {@code deploy/local/run.sh stop}
 * stops everything it started.
 */
public final class LocalPlatform {
    private static final int PARTITIONS = 6;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);

    record App(String name, String module, int port, String database) {
    }

    static final List<App> APPS = List.of(
            new App("graph-simulator", "graph-simulator", 8090, null),
            new App("settings-service", "settings-service", 8082, "settings"),
            new App("activity-service", "activity-service", 8081, "activity"),
            new App("connector-service", "connector-service", 8083, "connector"),
            new App("sync-worker", "sync-worker", 8084, "sync"));

    private final Path repo = Path.of("").toAbsolutePath();
    private final Path home = repo.resolve(".local");
    private final Path logs = home.resolve("logs");
    private final Deque<Runnable> stops = new ArrayDeque<>();

    public static void main(String[] args) throws Exception {
        LocalPlatform platform = new LocalPlatform();
        Runtime.getRuntime().addShutdownHook(new Thread(platform::stopAll, "local-platform-stop"));
        try {
            platform.start();
        } catch (Exception e) {
            System.err.println("\nThe local platform did not start: " + e.getMessage());
            System.exit(1);
        }
        new CountDownLatch(1).await(); // run until Ctrl-C or `run.sh stop`
    }

    void start() throws Exception {
        Files.createDirectories(logs);
        Files.writeString(home.resolve("platform.pid"), String.valueOf(ProcessHandle.current().pid()));
        AppTokens.inFolder(home.resolve("keys"), AppTokens.LOCAL_ISSUER);

        PostgresServer pg = System.getenv("DOCKETSYNC_PG_URL") != null
                ? PostgresServer.start(null, 0)
                : PostgresServer.embedded(null, intEnv("DOCKETSYNC_PG_PORT", 5432));
        stops.push(() -> close(pg));
        say("PostgreSQL   " + pg);

        String bootstrap = System.getenv("DOCKETSYNC_KAFKA_BOOTSTRAP");
        if (bootstrap == null || bootstrap.isBlank()) {
            int port = intEnv("DOCKETSYNC_KAFKA_PORT", 9092);
            ManagedProcess kafka = KafkaBroker.start(home.resolve("kafka"), port, port + 1, PARTITIONS,
                    logs.resolve("kafka.log"));
            stops.push(() -> kafka.stop(Duration.ofSeconds(20)));
            bootstrap = "localhost:" + port;
            say("Kafka        KRaft broker (pid " + kafka.pid() + ") at " + bootstrap);
        } else {
            say("Kafka        external at " + bootstrap);
        }
        PlatformTopics.ensure(bootstrap, PARTITIONS);

        Map<String, String> env = new HashMap<>();
        env.put("DOCKETSYNC_KAFKA_BOOTSTRAP", bootstrap);
        env.put("DOCKETSYNC_DB_USER", pg.user());
        env.put("DOCKETSYNC_DB_PASSWORD", pg.password());
        env.put("DOCKETSYNC_JWT_PUBLIC_KEY", home.resolve("keys").resolve("app-jwt.pub.pem").toString());
        env.put("DOCKETSYNC_DEMO_DATA", "true");
        env.put("DOCKETSYNC_GRAPH_BASE_URL", "http://localhost:8090/v1.0");
        env.put("DOCKETSYNC_ENTRA_AUTHORITY", "http://localhost:8090");
        env.put("DOCKETSYNC_CONNECTOR_URL", "http://localhost:8083");
        env.put("DOCKETSYNC_ACTIVITY_URL", "http://localhost:8081");
        env.put("DOCKETSYNC_SETTINGS_URL", "http://localhost:8082");
        for (App app : APPS) {
            if (app.database() != null) {
                String prefix = "DOCKETSYNC_" + app.database().toUpperCase() + "_";
                String jdbc = pg.ensureDatabase(app.database());
                env.put(prefix + "JDBC_URL", jdbc);
                env.put(prefix + "DB_URL", pg.reactiveUrl(app.database()));
            }
        }

        // DOCKETSYNC_LOCAL_SKIP=sync-worker,... leaves those to be run elsewhere (e.g. from an IDE in dev mode)
        List<String> skip = List.of(System.getenv().getOrDefault("DOCKETSYNC_LOCAL_SKIP", "").split("\\s*,\\s*"));
        List<App> apps = APPS.stream().filter(a -> !skip.contains(a.name())).toList();
        List<ManagedProcess> started = new ArrayList<>();
        for (App app : apps) {
            ManagedProcess p = startApp(app, env);
            stops.push(() -> p.stop(Duration.ofSeconds(15)));
            started.add(p);
        }
        awaitReady(apps, started);
        printWelcome(apps, bootstrap, pg);
    }

    private ManagedProcess startApp(App app, Map<String, String> env) throws Exception {
        Path jar = repo.resolve(app.module()).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw install -DskipTests)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return ManagedProcess.start(app.name(), List.of(java, "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
                "-jar", jar.toString()), env, repo, logs.resolve(app.name() + ".log"));
    }

    private void awaitReady(List<App> apps, List<ManagedProcess> processes) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        for (int i = 0; i < processes.size(); i++) {
            ManagedProcess p = processes.get(i);
            URI ready = URI.create("http://localhost:" + apps.get(i).port() + "/q/health/ready");
            while (true) {
                if (!p.isAlive()) {
                    throw new IllegalStateException(p.name() + " exited; the end of " + p.log() + ":\n" + p.logTail(40));
                }
                try {
                    var response = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(3)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        say(String.format("%-17s ready at http://localhost:%d", p.name(), apps.get(i).port()));
                        break;
                    }
                } catch (java.io.IOException notYet) {
                    // not listening yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(p.name() + " was not ready within " + READY_TIMEOUT
                            + "; the end of " + p.log() + ":\n" + p.logTail(40));
                }
                Thread.sleep(300);
            }
        }
    }

    private void printWelcome(List<App> apps, String bootstrap, PostgresServer pg) {
        StringBuilder b = new StringBuilder("\ndocketsync is running.\n\n");
        for (App app : apps) {
            b.append(String.format("  %-18s http://localhost:%d   (OpenAPI /q/openapi, Swagger UI /q/swagger-ui, "
                    + "health /q/health, metrics /q/metrics)%n", app.name(), app.port()));
        }
        b.append(String.format("  %-18s %s%n  %-18s %s:%d (user %s)%n", "Kafka", bootstrap, "PostgreSQL", pg.host(),
                pg.port(), pg.user()));
        b.append("\n  Demo firm ").append(DemoUsers.FIRM).append(": ");
        DemoUsers.ALL.forEach(u -> b.append(u.id()).append(" (").append(u.note()).append("); "));
        b.append("\n  A bearer token for a demo user:  TOKEN=$(deploy/local/run.sh token alice)\n");
        b.append("  e.g.  curl -H \"Authorization: Bearer $TOKEN\" localhost:8082/settings/office365\n");
        b.append("\n  Logs: ").append(logs).append("\n  Stop: Ctrl-C, or deploy/local/run.sh stop\n");
        System.out.println(b);
        System.out.flush();
    }

    private void stopAll() {
        if (!stops.isEmpty()) {
            say("stopping...");
        }
        while (!stops.isEmpty()) {
            try {
                stops.pop().run();
            } catch (RuntimeException e) {
                System.err.println("while stopping: " + e.getMessage());
            }
        }
        try {
            Files.deleteIfExists(home.resolve("platform.pid"));
        } catch (java.io.IOException ignored) {
            // nothing to tidy
        }
        say("stopped.");
    }

    private static void close(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static int intEnv(String name, int fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
    }

    private static void say(String line) {
        System.out.println("[docketsync] " + line);
        System.out.flush();
    }
}
