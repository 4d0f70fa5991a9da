package io.docketsync.scenarios;

import io.docketsync.local.LocalPlatform;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The whole system as separate processes (deploy/local's {@link LocalPlatform} on free ports, home under
 * scenarios/target), and the ways in that a user has: the public APIs with their bearer token, and Outlook
 * (the simulator's Graph API). One per JVM, shared by the scenario classes that run in it.
 */
public final class Docketsync implements AutoCloseable {
    public static final String FIRM = "hale-marsh";
    public static final String TENANT_DOMAIN = "halemarsh.test";
    public static final String ACTIVITY = "activity-service";
    public static final String SETTINGS = "settings-service";
    public static final String CONNECTOR = "connector-service";
    public static final String SYNC_WORKER = "sync-worker";
    public static final String SIMULATOR = "graph-simulator";

    private static Docketsync shared;

    private final LocalPlatform platform;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, List<String>> roles = new ConcurrentHashMap<>();
    private final Outlook outlook;

    private Docketsync(LocalPlatform platform) {
        this.platform = platform;
        this.outlook = new Outlook(this);
        roles.put("alice", List.of("admin"));
    }

    /** The JVM's system, started on first use; the platform's shutdown hook stops it when the JVM exits. */
    public static synchronized Docketsync shared() throws Exception {
        if (shared == null) {
            shared = start("shared");
        }
        return shared;
    }

    /** A system of its own, home {@code scenarios/target/<name>} (logs in its {@code logs} folder). */
    public static Docketsync start(String name) throws Exception {
        Path repo = repoRoot();
        Path home = repo.resolve("scenarios").resolve("target").resolve("platform-" + name);
        LocalPlatform.Options options = LocalPlatform.Options.isolated(repo, home)
                // two processes of five share two cores with the builds of others: keep each one small
                .javaOpts(env("DOCKETSYNC_SCENARIO_JAVA_OPTS", "-Xms48m -Xmx320m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"))
                // subscriptions are checked often, so renewals and recreations happen within a scenario
                .env(CONNECTOR, "DOCKETSYNC_CONNECTOR_MAINTENANCE_INTERVAL", env("DOCKETSYNC_SCENARIO_MAINTENANCE", "5s"))
                .env(CONNECTOR, "DOCKETSYNC_CONNECTOR_MAINTENANCE_DELAY", "1s")
                .env(CONNECTOR, "DOCKETSYNC_CONNECTOR_MAINTENANCE_RETRY_BACKOFF", "PT5S")
                // notifications the simulator could not deliver (a service down) are retried sooner and more often
                // (for the simulator's delivery retry window, Graph's 4 hours, at most 5 s apart)
                .env(SIMULATOR, "DOCKETSYNC_SIMULATOR_NOTIFICATIONS_INITIAL_BACKOFF", "PT0.5S")
                .env(SIMULATOR, "DOCKETSYNC_SIMULATOR_NOTIFICATIONS_MAX_BACKOFF", "PT5S");
        long t0 = System.nanoTime();
        LocalPlatform platform = LocalPlatform.start(options);
        System.out.printf("[scenarios] platform %s ready in %d s; logs in %s%n", name,
                (System.nanoTime() - t0) / 1_000_000_000L, platform.logs());
        return new Docketsync(platform);
    }

    /** The repository root: {@code docketsync.repo} (set by the build) or the nearest folder up with mvnw. */
    public static Path repoRoot() {
        String configured = System.getProperty("docketsync.repo");
        if (configured != null && !configured.isBlank() && Files.exists(Path.of(configured, "deploy", "local"))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("deploy/local")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root from " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    public LocalPlatform platform() {
        return platform;
    }

    public String url(String service) {
        return platform.url(service);
    }

    public Outlook outlook() {
        return outlook;
    }

    /** A firm user's roles for the tokens signed for them (alice is the demo firm's admin). */
    public void roles(String user, List<String> userRoles) {
        roles.put(user, List.copyOf(userRoles));
        tokens.remove(user);
    }

    public String token(String user) {
        return tokens.computeIfAbsent(user, u -> platform.tokens().token(idOf(u), firmOf(u),
                roles.getOrDefault(u, List.of())));
    }

    /**
     * A scenario names a user of the demo firm by id ("alice") and a user of another firm as "firm/user"
     * ("other-firm/alice"): a user id is unique only inside its firm.
     */
    public static String firmOf(String user) {
        int slash = user.indexOf('/');
        return slash < 0 ? FIRM : user.substring(0, slash);
    }

    public static String idOf(String user) {
        return user.substring(user.indexOf('/') + 1);
    }

    /** A request to a service as an application user (bearer token), JSON in and out, no redirects followed. */
    public RequestSpecification as(String user, String service) {
        return new RequestSpecBuilder().setBaseUri(url(service)).setContentType(ContentType.JSON)
                .addHeader("Authorization", "Bearer " + token(user)).setConfig(CONFIG).build();
    }

    /** A request to the simulator's admin API ({@code /_sim}) or Entra ID endpoints, no authentication. */
    public RequestSpecification simulator() {
        return new RequestSpecBuilder().setBaseUri(url(SIMULATOR)).setContentType(ContentType.JSON)
                .setConfig(CONFIG).build();
    }

    /** The demo firm's users have mailboxes in the simulator's tenant; another firm's user in its own domain. */
    public static String mailboxOf(String user) {
        return idOf(user) + "@" + (firmOf(user).equals(FIRM) ? TENANT_DOMAIN : firmOf(user) + ".test");
    }

    static final RestAssuredConfig CONFIG = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.connection.timeout", 10_000).setParam("http.socket.timeout", 60_000));

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    @Override
    public void close() {
        platform.close();
    }
}
