package io.docketsync.local;

import io.docketsync.testsupport.AppTokens;
import io.docketsync.testsupport.PlatformTopics;
import io.docketsync.testsupport.PostgresServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;

/**
 * The whole system on one machine, each part its own process: PostgreSQL (embedded binaries unless
 * DOCKETSYNC_PG_URL names a server), a KRaft Kafka broker (unless DOCKETSYNC_KAFKA_BOOTSTRAP names one), the
 * Graph simulator and the four services. From {@code run.sh}: fixed ports, logs in .local/logs, Ctrl-C or
 * {@code deploy/local/run.sh stop} stops everything it started. From code ({@link #start(Options)}, e.g. the
 * scenario tests): free ports, its own home, extra environment per service, and {@link #close()} (or JVM exit)
 * stops everything.
 */
public final class LocalPlatform implements AutoCloseable {
    private static final int PARTITIONS = 6;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);

    /** @param instance 1 for the first (or only) instance of a service; 2, 3, ... for more (see {@link Options#instances}) */
    record App(String name, String module, int defaultPort, String portEnv, String database, int instance) {
        App(String name, String module, int defaultPort, String portEnv, String database) {
            this(name, module, defaultPort, portEnv, database, 1);
        }

        /** The k-th instance: named "sync-worker-2", its port 100 above the first's per instance (8184, 8284, ...). */
        App instance(int k) {
            return new App(name + "-" + k, module, defaultPort + 100 * (k - 1), portEnv, database, k);
        }
    }

    /** Services of which {@link Options#instances} may start more than one (same database, same Kafka groups). */
    static final Set<String> SCALABLE = Set.of("sync-worker", "connector-service");

    static final List<App> APPS = List.of(
            new App("graph-simulator", "graph-simulator", 8090, "DOCKETSYNC_SIMULATOR_PORT", null),
            new App("settings-service", "settings-service", 8082, "DOCKETSYNC_SETTINGS_PORT", "settings"),
            new App("activity-service", "activity-service", 8081, "DOCKETSYNC_ACTIVITY_PORT", "activity"),
            new App("connector-service", "connector-service", 8083, "DOCKETSYNC_CONNECTOR_PORT", "connector"),
            new App("sync-worker", "sync-worker", 8084, "DOCKETSYNC_SYNC_PORT", "sync"),
            new App("web-app", "web-app", 8080, "DOCKETSYNC_WEB_PORT", null));

    /** The service names, as {@link #url(String)}, {@link #kill(String)} and {@link Options#env} know them. */
    public static final List<String> SERVICES = APPS.stream().map(App::name).toList();

    /**
     * How to start. {@link #defaults(Path)} is the local run (fixed ports 8081–8084, 8090, 5432, 9092);
     * {@link #isolated(Path)} takes free ports so that it can run beside a local run or another build.
     */
    public static final class Options {
        final Path repo;
        Path home;
        boolean freePorts;
        boolean announce = true;
        boolean pidFile;
        /*
         * Seven JVMs and PostgreSQL and Kafka share this machine's 2 cores. -Xms equal to a warmed service's working
         * set (rather than 64m) spares each service the cascade of young collections and heap resizes it went through
         * while its heap grew under load. ParallelGC rather than SerialGC: young collections use both cores and
         * finish in half the pause, and unlike G1 it runs no concurrent marking or refinement threads that would take
         * CPU from the other processes between collections. Two GC threads and two JIT compiler threads: no more than
         * there are cores. DOCKETSYNC_LOCAL_JAVA_OPTS replaces them all.
         */
        String javaOpts = System.getenv().getOrDefault("DOCKETSYNC_LOCAL_JAVA_OPTS",
                "-Xms192m -Xmx384m -XX:+UseParallelGC -XX:ParallelGCThreads=2 -XX:CICompilerCount=2");
        /** How many instances of each {@link #SCALABLE} service; DOCKETSYNC_LOCAL_INSTANCES=sync-worker=2,... */
        final Map<String, Integer> instances = new HashMap<>(instancesFromEnv());
        final Map<String, String> commonEnv = new LinkedHashMap<>();
        final Map<String, Map<String, String>> serviceEnv = new HashMap<>();
        Set<String> skip = Set.of();

        private Options(Path repo) {
            this.repo = repo.toAbsolutePath().normalize();
            this.home = this.repo.resolve(".local");
        }

        /** run.sh's platform: fixed ports, home .local under the repository, a pid file for {@code run.sh stop}. */
        public static Options defaults(Path repo) {
            Options o = new Options(repo);
            o.pidFile = true;
            return o;
        }

        /** Free ports for everything and its own home; prints nothing unless told. */
        public static Options isolated(Path repo, Path home) {
            Options o = new Options(repo);
            o.home = home.toAbsolutePath().normalize();
            o.freePorts = true;
            o.announce = false;
            return o;
        }

        public Options announce(boolean announce) {
            this.announce = announce;
            return this;
        }

        /** Added to every service's environment (after the platform's own, so it may override it). */
        public Options env(String name, String value) {
            commonEnv.put(name, value);
            return this;
        }

        /** Added to one service's environment, e.g. a short scheduler interval for the connector. */
        public Options env(String service, String name, String value) {
            if (!SERVICES.contains(service)) {
                throw new IllegalArgumentException("no service '" + service + "'; services: " + SERVICES);
            }
            serviceEnv.computeIfAbsent(service, s -> new LinkedHashMap<>()).put(name, value);
            return this;
        }

        public Options javaOpts(String javaOpts) {
            this.javaOpts = javaOpts;
            return this;
        }

        /**
         * Starts {@code count} instances of a {@link #SCALABLE} service: the first as usual, the k-th named
         * "{service}-k" on its own port (fixed ports: the first's + 100·(k−1)), with the same database and Kafka
         * consumer groups. A second connector-service is its own public base URL (the subscriptions it makes have
         * Graph notify it), and the k-th sync-worker asks the k-th connector for tokens when there is one.
         */
        public Options instances(String service, int count) {
            if (!SCALABLE.contains(service) || count < 1) {
                throw new IllegalArgumentException("only " + SCALABLE + " may run several instances, at least 1");
            }
            instances.put(service, count);
            return this;
        }

        private static Map<String, Integer> instancesFromEnv() {
            Map<String, Integer> out = new HashMap<>();
            String spec = System.getenv().getOrDefault("DOCKETSYNC_LOCAL_INSTANCES", "").trim();
            for (String part : spec.isEmpty() ? new String[0] : spec.split("\\s*,\\s*")) {
                String[] kv = part.split("=", 2);
                if (kv.length != 2 || !SCALABLE.contains(kv[0].trim())) {
                    throw new IllegalArgumentException("DOCKETSYNC_LOCAL_INSTANCES: '" + part
                            + "' is not service=count for one of " + SCALABLE);
                }
                out.put(kv[0].trim(), Integer.parseInt(kv[1].trim()));
            }
            return out;
        }

        public Options skip(Set<String> services) {
            this.skip = Set.copyOf(services);
            return this;
        }
    }

    private final Options options;
    private final Path logs;
    private final Deque<Runnable> stops = new ConcurrentLinkedDeque<>(); // a restart may run on another thread
    private final Map<String, Integer> ports = new HashMap<>();
    private final Map<String, ManagedProcess> running = new ConcurrentHashMap<>();
    private final Map<String, String> env = new HashMap<>();
    /** What the platform itself gives one service only (e.g. the web app's demo sign-in key folder). */
    private final Map<String, Map<String, String>> ownEnv = new HashMap<>();
    /** The local run's generated secrets, each for the services that use it. */
    private final Map<String, Map<String, String>> secretEnv = new HashMap<>();
    private List<App> apps = List.of();
    private PostgresServer pg;
    private String bootstrap;
    private ManagedProcess kafka;
    private int kafkaPort;
    private int kafkaControllerPort;
    private AppTokens tokens;
    private Thread shutdownHook;

    private LocalPlatform(Options options) {
        this.options = options;
        this.logs = options.home.resolve("logs");
    }

    public static void main(String[] args) throws Exception {
        LocalPlatform platform = new LocalPlatform(Options.defaults(Path.of("")));
        platform.shutdownHook = new Thread(platform::stopAll, "local-platform-stop");
        Runtime.getRuntime().addShutdownHook(platform.shutdownHook);
        try {
            platform.boot();
        } catch (Exception e) {
            System.err.println("\nThe local platform did not start: " + e.getMessage());
            System.exit(1);
        }
        new CountDownLatch(1).await(); // run until Ctrl-C or `run.sh stop`
    }

    /**
     * Starts everything and answers when every service is ready; a JVM exit stops it too, so a failed test run
     * leaves no process behind. A start that fails stops what it had started before throwing.
     */
    public static LocalPlatform start(Options options) throws Exception {
        LocalPlatform platform = new LocalPlatform(options);
        platform.shutdownHook = new Thread(platform::stopAll, "local-platform-stop");
        Runtime.getRuntime().addShutdownHook(platform.shutdownHook);
        try {
            platform.boot();
            return platform;
        } catch (Exception | Error e) {
            platform.close();
            throw e;
        }
    }

    void boot() throws Exception {
        Files.createDirectories(logs);
        try (var old = Files.list(logs)) { // each run starts with fresh logs; restarts within a run append
            for (Path log : old.filter(f -> f.toString().endsWith(".log")).toList()) {
                Files.delete(log);
            }
        }
        ProcessLedger.reapLeftovers(options.home); // what a killed earlier run of this home left running
        if (options.pidFile) {
            Files.writeString(options.home.resolve("platform.pid"), String.valueOf(ProcessHandle.current().pid()));
        }
        tokens = AppTokens.inFolder(options.home.resolve("keys"), AppTokens.LOCAL_ISSUER);

        pg = System.getenv("DOCKETSYNC_PG_URL") != null
                ? PostgresServer.start(null, 0)
                : PostgresServer.embedded(null, options.freePorts ? 0 : intEnv("DOCKETSYNC_PG_PORT", 5432));
        stops.push(() -> close(pg));
        say("PostgreSQL   " + pg);

        bootstrap = System.getenv("DOCKETSYNC_KAFKA_BOOTSTRAP");
        if (bootstrap == null || bootstrap.isBlank()) {
            kafkaPort = options.freePorts ? freePort() : intEnv("DOCKETSYNC_KAFKA_PORT", 9092);
            kafkaControllerPort = options.freePorts ? freePort() : kafkaPort + 1;
            kafka = KafkaBroker.start(options.home.resolve("kafka"), kafkaPort, kafkaControllerPort, PARTITIONS,
                    logs.resolve("kafka.log"));
            ProcessLedger.record(options.home, kafka);
            stops.push(() -> kafka.stop(Duration.ofSeconds(20)));
            bootstrap = "localhost:" + kafkaPort;
            say("Kafka        KRaft broker (pid " + kafka.pid() + ") at " + bootstrap);
        } else {
            say("Kafka        external at " + bootstrap);
        }
        PlatformTopics.ensure(bootstrap, PARTITIONS);

        List<App> all = new ArrayList<>();
        for (App app : APPS) {
            all.add(app);
            for (int k = 2; k <= options.instances.getOrDefault(app.name(), 1); k++) {
                all.add(app.instance(k));
            }
        }
        for (App app : all) {
            ports.put(app.name(), options.freePorts ? freePort() : app.defaultPort());
        }
        String simulator = "http://localhost:" + ports.get("graph-simulator");
        String connector = "http://localhost:" + ports.get("connector-service");
        env.put("DOCKETSYNC_KAFKA_BOOTSTRAP", bootstrap);
        env.put("DOCKETSYNC_DB_USER", pg.user());
        env.put("DOCKETSYNC_DB_PASSWORD", pg.password());
        env.put("DOCKETSYNC_JWT_PUBLIC_KEY", options.home.resolve("keys").resolve("app-jwt.pub.pem").toString());
        env.putAll(LocalSecrets.commonEnv());
        secretEnv.putAll(LocalSecrets.serviceEnv(options.home.resolve("keys")));
        env.put("DOCKETSYNC_DEMO_DATA", "true");
        env.put("DOCKETSYNC_GRAPH_BASE_URL", simulator + "/v1.0");
        env.put("DOCKETSYNC_ENTRA_AUTHORITY", simulator);
        env.put("DOCKETSYNC_CONNECTOR_URL", connector);
        // the callback and webhook URLs the connector hands to Entra ID and Graph
        env.put("DOCKETSYNC_CONNECTOR_PUBLIC_BASE_URL", connector);
        env.put("DOCKETSYNC_ACTIVITY_URL", "http://localhost:" + ports.get("activity-service"));
        env.put("DOCKETSYNC_SETTINGS_URL", "http://localhost:" + ports.get("settings-service"));
        for (App app : APPS) {
            env.put(app.portEnv(), String.valueOf(ports.get(app.name())));
            if (app.database() != null) {
                String prefix = "DOCKETSYNC_" + app.database().toUpperCase() + "_";
                env.put(prefix + "JDBC_URL", pg.ensureDatabase(app.database()));
                env.put(prefix + "DB_URL", pg.reactiveUrl(app.database()));
            }
        }
        env.putAll(options.commonEnv);
        // the connector's webhooks are http://localhost here: the simulator, like Graph, refuses http:// otherwise
        ownEnv.put("graph-simulator", Map.of("DOCKETSYNC_SIMULATOR_SUBSCRIPTIONS_ALLOW_HTTP_LOOPBACK_NOTIFICATIONS", "true"));

        // DOCKETSYNC_LOCAL_SKIP=sync-worker,... leaves those to be run elsewhere (e.g. from an IDE in dev mode)
        List<String> skip = new ArrayList<>(List.of(System.getenv().getOrDefault("DOCKETSYNC_LOCAL_SKIP", "")
                .split("\\s*,\\s*")));
        skip.addAll(options.skip);
        apps = all.stream().filter(a -> !skip.contains(a.name())).toList();
        if (apps.stream().anyMatch(a -> a.name().equals("web-app"))) {
            webAppEnv(simulator);
        }
        for (App app : apps) {
            startApp(app);
        }
        for (App app : apps) {
            awaitReady(app);
        }
        if (options.announce) {
            printWelcome();
        }
    }

    /**
     * The reference web app, as only the local run may configure it: demo sign-in with this home's key (only the
     * web app gets the private key's folder), the simulator's calendars beside the app, and the end of Connect
     * landing on it instead of the connector's plain page.
     */
    private void webAppEnv(String simulator) {
        StringBuilder users = new StringBuilder();
        for (DemoUsers.DemoUser u : DemoUsers.ALL) {
            users.append(users.isEmpty() ? "" : ",").append(u.id())
                    .append(u.roles().isEmpty() ? "" : ":" + String.join("+", u.roles()));
        }
        ownEnv.put("web-app", Map.of(
                "DOCKETSYNC_WEB_DEMO_ENABLED", "true",
                "DOCKETSYNC_WEB_DEMO_KEYS", options.home.resolve("keys").toString(),
                "DOCKETSYNC_WEB_DEMO_FIRM", DemoUsers.FIRM,
                "DOCKETSYNC_WEB_DEMO_USERS", users.toString(),
                "DOCKETSYNC_WEB_SIMULATOR_URL", simulator));
        ownEnv.put("connector-service", Map.of("DOCKETSYNC_CONNECTOR_FRONTEND_URL",
                url("web-app") + "/connections/office365/finished"));
    }

    private void startApp(App app) throws Exception {
        Path jar = options.repo.resolve(app.module()).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw install -DskipTests)");
        }
        Map<String, String> appEnv = new HashMap<>(env);
        appEnv.putAll(ownEnv.getOrDefault(app.module(), Map.of()));
        appEnv.putAll(secretEnv.getOrDefault(app.module(), Map.of()));
        appEnv.putAll(options.serviceEnv.getOrDefault(app.module(), Map.of()));
        if (app.instance() > 1) {
            appEnv.put(app.portEnv(), String.valueOf(ports.get(app.name())));
            if (app.module().equals("connector-service")) {
                appEnv.put("DOCKETSYNC_CONNECTOR_PUBLIC_BASE_URL", url(app.name()));
            }
            String ownConnector = "connector-service-" + app.instance();
            if (app.module().equals("sync-worker") && ports.containsKey(ownConnector)) {
                appEnv.put("DOCKETSYNC_CONNECTOR_URL", url(ownConnector));
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(List.of(options.javaOpts.trim().split("\\s+")));
        // names the process for whoever reads /proc (the benchmark's CPU and memory per process)
        command.add("-Ddocketsync.local.name=" + app.name());
        command.addAll(List.of("-jar", jar.toString()));
        // appended: a restarted service keeps the log of the one before it
        ManagedProcess p = ManagedProcess.start(app.name(), command, appEnv, options.repo,
                logs.resolve(app.name() + ".log"));
        ProcessLedger.record(options.home, p);
        running.put(app.name(), p);
        stops.push(() -> p.stop(Duration.ofSeconds(15)));
    }

    private void awaitReady(App app) throws Exception {
        ManagedProcess p = running.get(app.name());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        URI ready = URI.create(url(app.name()) + "/q/health/ready");
        while (true) {
            if (!p.isAlive()) {
                throw new IllegalStateException(p.name() + " exited; the end of " + p.log() + ":\n" + p.logTail(40));
            }
            try {
                var response = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    say(String.format("%-17s ready at %s", p.name(), url(app.name())));
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(p.name() + " was not ready within " + READY_TIMEOUT
                        + "; the end of " + p.log() + ":\n" + p.logTail(40));
            }
            Thread.sleep(300);
        }
    }

    /** Base URL of a service, e.g. {@code url("activity-service")} → {@code http://localhost:41234}. */
    public String url(String service) {
        Integer port = ports.get(service);
        if (port == null) {
            throw new IllegalArgumentException("no service '" + service + "'; services: " + SERVICES);
        }
        return "http://localhost:" + port;
    }

    public String kafkaBootstrap() {
        return bootstrap;
    }

    /** Signs bearer tokens the services accept (the key pair in this platform's home). */
    public AppTokens tokens() {
        return tokens;
    }

    public Path logs() {
        return logs;
    }

    public long pid(String service) {
        return process(service).pid();
    }

    /** SIGKILL: the process gets no chance to finish anything, as when a machine dies. */
    public void kill(String service) throws InterruptedException {
        ManagedProcess p = process(service);
        p.kill();
        say(service + " killed (SIGKILL, pid " + p.pid() + ")");
    }

    /** Starts a service again (after {@link #kill} or a stop) and waits until it is ready. */
    public void restart(String service) throws Exception {
        ManagedProcess p = process(service);
        if (p.isAlive()) {
            p.stop(Duration.ofSeconds(15));
        }
        App app = apps.stream().filter(a -> a.name().equals(service)).findFirst().orElseThrow();
        startApp(app);
        awaitReady(app);
    }

    /** Stops the broker politely and starts it again on the same data and port (only the embedded one). */
    public void restartKafka() throws Exception {
        if (kafka == null) {
            throw new IllegalStateException("Kafka is external (" + bootstrap + "): not this platform's to restart");
        }
        kafka.stop(Duration.ofSeconds(30));
        ManagedProcess again = KafkaBroker.restart(options.home.resolve("kafka"), kafkaPort, logs.resolve("kafka.log"));
        ProcessLedger.record(options.home, again);
        kafka = again;
        stops.push(() -> again.stop(Duration.ofSeconds(20)));
        say("Kafka        restarted (pid " + again.pid() + ")");
    }

    /**
     * For a run that went wrong, before anything is stopped: a thread dump of every running service into the logs
     * folder ({@code <service>.threads.txt}, by the JDK's jcmd), and the database sessions that are not idle (in a
     * transaction, running a statement, waiting for a lock and for whom), as text to print.
     */
    public String diagnose() {
        StringBuilder b = new StringBuilder("diagnosis of the running platform:");
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        running.forEach((service, p) -> {
            Path dump = logs.resolve(service + ".threads.txt");
            try {
                Process jc = new ProcessBuilder(jcmd.toString(), Long.toString(p.pid()), "Thread.print", "-l")
                        .redirectErrorStream(true).redirectOutput(dump.toFile()).start();
                b.append(jc.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) && jc.exitValue() == 0
                        ? "\n  threads of " + service + ": " + dump : "\n  no thread dump of " + service);
            } catch (IOException e) {
                b.append("\n  no thread dump of ").append(service).append(": ").append(e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        String sessions = "SELECT datname, pid, state, wait_event_type, wait_event, pg_blocking_pids(pid),"
                + " round(extract(epoch FROM now() - xact_start)), round(extract(epoch FROM now() - query_start)),"
                + " left(regexp_replace(query, '\\s+', ' ', 'g'), 300) FROM pg_stat_activity"
                + " WHERE backend_type = 'client backend' AND state <> 'idle' AND pid <> pg_backend_pid()"
                + " ORDER BY xact_start";
        try (var c = java.sql.DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.user(), pg.password());
                var rs = c.createStatement().executeQuery(sessions)) {
            b.append("\n  database sessions not idle (database, pid, state, waiting for, blocked by, s in transaction,"
                    + " s in statement, statement):");
            while (rs.next()) {
                b.append(String.format("%n    %s %d %s %s/%s %s %ss %ss %s", rs.getString(1), rs.getInt(2),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getString(8), rs.getString(9)));
            }
        } catch (java.sql.SQLException e) {
            b.append("\n  database sessions unknown: ").append(e.getMessage());
        }
        return b.toString();
    }

    private ManagedProcess process(String service) {
        ManagedProcess p = running.get(service);
        if (p == null) {
            throw new IllegalArgumentException("'" + service + "' is not running here; running: " + running.keySet());
        }
        return p;
    }

    private void printWelcome() {
        StringBuilder b = new StringBuilder("\ndocketsync is running.\n\n");
        for (App app : apps) {
            b.append(String.format("  %-18s %s   %s%n", app.name(), url(app.name()), app.name().equals("web-app")
                    ? "(the reference web app: open it in a browser and sign in as a demo user)"
                    : "(OpenAPI /q/openapi, Swagger UI /q/swagger-ui, health /q/health, metrics /q/metrics)"));
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

    /** Stops everything this platform started, newest first; safe to call twice. */
    @Override
    public void close() {
        stopAll();
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException exiting) {
                // the JVM is already shutting down: the hook runs stopAll, which finds nothing left to do
            }
        }
    }

    private synchronized void stopAll() {
        if (!stops.isEmpty()) {
            say("stopping...");
        }
        running.values().forEach(ManagedProcess::terminate); // SIGTERM to every service at once: they stop in parallel
        while (!stops.isEmpty()) {
            try {
                stops.pop().run();
            } catch (RuntimeException e) {
                System.err.println("while stopping: " + e.getMessage());
            }
        }
        try {
            if (options.pidFile) {
                Files.deleteIfExists(options.home.resolve("platform.pid"));
            }
            ProcessLedger.clear(options.home);
        } catch (IOException ignored) {
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

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
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
