package io.docketsync.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docketsync.contracts.EventCodec;
import io.docketsync.testsupport.AppTokens;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Measures a running local system (deploy/local/benchmark.sh starts one) through its public APIs and the Graph
 * simulator, as a firm would load it:
 * <ol>
 * <li>outbound: activities saved at a sustained rate over N users; save → event latency from the save request to
 * the event's createdDateTime in the mailbox;</li>
 * <li>inbound: events edited in Office 365 (the simulator's Graph API, as Outlook would) at a sustained rate; edit →
 * activity latency from the edit to the activity's updatedAt;</li>
 * <li>mass push: "Push my calendar" of M activities to one mailbox with the simulator throttling at a configured
 * ceiling; the rate achieved as a fraction of that ceiling;</li>
 * <li>each process's peak memory (VmHWM).</li>
 * </ol>
 * Prints a table and writes the figures as JSON. Options: --rate 100 --users 20 --seconds 30 --inbound-rate 100
 * --inbound-seconds 15 --mass 2000 --ceiling 20 --out .local/benchmark.json
 */
public final class Benchmark {
    private static final String ACTIVITY = "http://localhost:8081";
    private static final String SETTINGS = "http://localhost:8082";
    private static final String CONNECTOR = "http://localhost:8083";
    private static final String SIMULATOR = "http://localhost:8090";
    private static final String DOMAIN = "halemarsh.test";
    private static final ObjectMapper JSON = EventCodec.mapper();

    private final Map<String, String> options;
    private final String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).executor(Executors.newFixedThreadPool(32)).build();
    private final AppTokens tokens = AppTokens.inFolder(Path.of(".local", "keys"), AppTokens.LOCAL_ISSUER);
    private final Map<String, Object> results = new LinkedHashMap<>();

    private Benchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        try {
            new Benchmark(options).runAll();
        } catch (Exception e) {
            System.err.println("benchmark failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private int option(String name, int fallback) {
        return Integer.parseInt(options.getOrDefault(name, String.valueOf(fallback)));
    }

    void runAll() throws Exception {
        int users = option("users", 20);
        say("run %s: %d users, outbound %d/s for %d s, inbound %d/s for %d s, mass push %d at %d/s", run, users,
                option("rate", 100), option("seconds", 30), option("inbound-rate", 100), option("inbound-seconds", 15),
                option("mass", 2000), option("ceiling", 20));
        List<String> team = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            team.add(newConnectedUser("b" + i));
        }
        Map<String, Saved> saved = outbound(team);
        inbound(saved);
        massPush();
        memory();
        report();
    }

    /** A firm user with a mailbox in the simulator, connected through the real Connect flow. */
    private String newConnectedUser(String name) throws Exception {
        String user = "bench-" + run + "-" + name;
        String upn = mailbox(user);
        sim("POST", "/_sim/users", Map.of("userPrincipalName", upn, "displayName", user));
        call("PUT", SETTINGS + "/users/" + user, admin(), Map.of("displayName", user, "email", upn, "admin", false,
                "edit", "ANY", "delete", "ANY", "active", true), 201, 200);
        connect(user);
        awaitKnownAndConnected(user);
        return user;
    }

    private void awaitKnown(String user) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!call("GET", ACTIVITY + "/me", token(user), null, 200).path("known").asBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("activity-service does not know " + user);
            }
            Thread.sleep(300);
        }
    }

    /** activity-service learns of new users and connections from Kafka: wait until it has. */
    private void awaitKnownAndConnected(String user) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            JsonNode me = call("GET", ACTIVITY + "/me", token(user), null, 200);
            if (me.path("known").asBoolean() && me.path("connected").asBoolean()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("activity-service does not know " + user + " as connected: " + me);
            }
            Thread.sleep(300);
        }
    }

    private void connect(String user) throws Exception {
        JsonNode start = call("POST", CONNECTOR + "/connections/office365", token(user),
                Map.of("loginHint", mailbox(user)), 200, 201);
        String location = start.path("authorizationUrl").asText();
        for (int hop = 0; hop < 4 && location != null && !location.contains("office365=connected"); hop++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(location)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            location = r.headers().firstValue("Location").orElse(null);
            if (location != null && location.contains("office365=") && !location.contains("office365=connected")) {
                throw new IllegalStateException(user + " did not connect: " + location);
            }
        }
        if (location == null || !location.contains("office365=connected")) {
            throw new IllegalStateException(user + " did not connect (last redirect " + location + ")");
        }
    }

    record Saved(String activityId, String user, String subject, Instant savedAt) {
    }

    /** Activities saved at a steady rate, each for one user; then every event awaited and its latency taken. */
    private Map<String, Saved> outbound(List<String> team) throws Exception {
        int rate = option("rate", 100);
        int seconds = option("seconds", 30);
        int total = rate * seconds;
        Map<String, Saved> saved = new ConcurrentHashMap<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        LocalDateTime day = LocalDateTime.now().toLocalDate().plusDays(2).atTime(LocalTime.of(7, 0));
        Instant began = Instant.now();
        paced(total, rate, i -> {
            String user = team.get(i % team.size());
            String subject = "Bench " + run + " #" + i;
            LocalDateTime startAt = day.plusDays(i / 200).plusMinutes(3L * (i % 200));
            Map<String, Object> body = Map.of("kind", "APPOINTMENT", "subject", subject,
                    "start", startAt.toString(), "end", startAt.plusMinutes(30).toString(), "timeZone", "Europe/London",
                    "scheduledFor", List.of(user), "pushToOffice365", true);
            Instant at = Instant.now();
            return send("POST", ACTIVITY + "/activities", token(user), body).thenAccept(r -> {
                if (r.statusCode() == 201) {
                    String id = r.headers().firstValue("Location").map(l -> l.substring(l.lastIndexOf('/') + 1))
                            .orElseThrow();
                    saved.put(subject, new Saved(id, user, subject, at));
                } else {
                    failures.add(r.statusCode() + " " + r.body());
                }
            });
        });
        double saveSeconds = Duration.between(began, Instant.now()).toMillis() / 1000.0;
        say("outbound: %d saved in %.1f s (%d refused)%s", saved.size(), saveSeconds, failures.size(),
                failures.isEmpty() ? "" : ": " + failures.get(0));

        // wait for every event, then read when each was created
        Map<String, JsonNode> events = new HashMap<>();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (events.size() < saved.size() && Instant.now().isBefore(deadline)) {
            Thread.sleep(2000);
            events.clear();
            for (String user : team) {
                for (JsonNode e : events(user, "Bench " + run + " #")) {
                    events.put(e.path("subject").asText(), e);
                }
            }
        }
        List<Long> latencies = new ArrayList<>();
        Instant lastEvent = began;
        for (Saved s : saved.values()) {
            JsonNode e = events.get(s.subject());
            if (e != null) {
                Instant created = Instant.parse(e.path("createdDateTime").asText());
                latencies.add(Duration.between(s.savedAt(), created).toMillis());
                lastEvent = created.isAfter(lastEvent) ? created : lastEvent;
            }
        }
        double throughput = latencies.size() / Math.max(0.001, Duration.between(began, lastEvent).toMillis() / 1000.0);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("targetRatePerSecond", rate);
        out.put("saved", saved.size());
        out.put("refused", failures.size());
        Map<String, Long> refusedBy = new java.util.TreeMap<>();
        failures.forEach(f -> refusedBy.merge(f.substring(0, 3), 1L, Long::sum));
        out.put("refusedByStatus", refusedBy);
        out.put("achievedSaveRatePerSecond", round(saved.size() / saveSeconds));
        out.put("events", latencies.size());
        out.put("missing", saved.size() - latencies.size());
        out.put("throughputEventsPerSecond", round(throughput));
        out.put("saveToEventMs", percentiles(latencies));
        results.put("outbound", out);
        Map<String, Saved> withEvents = new HashMap<>();
        saved.values().forEach(s -> {
            if (events.containsKey(s.subject())) {
                withEvents.put(events.get(s.subject()).path("id").asText(), s);
            }
        });
        return withEvents;
    }

    /** Events edited in Office 365 at a steady rate; each activity's updatedAt minus the edit's time. */
    private void inbound(Map<String, Saved> byEventId) throws Exception {
        int rate = option("inbound-rate", 100);
        int seconds = option("inbound-seconds", 15);
        List<Map.Entry<String, Saved>> targets = new ArrayList<>(byEventId.entrySet());
        Collections.shuffle(targets, new Random(7));
        int total = Math.min(targets.size(), rate * seconds);
        Map<String, Instant> editedAt = new ConcurrentHashMap<>();
        Map<Integer, Long> refusedBy = new ConcurrentHashMap<>(); // Graph said no (429 over the mailbox's budget)
        Map<String, String> simTokens = new ConcurrentHashMap<>();
        for (Map.Entry<String, Saved> t : targets.subList(0, total)) {
            simTokens.computeIfAbsent(t.getValue().user(), u -> simToken(mailbox(u)));
        }
        paced(total, rate, i -> {
            String eventId = targets.get(i).getKey();
            Saved s = targets.get(i).getValue();
            Instant at = Instant.now();
            return send("PATCH", SIMULATOR + "/v1.0/users/" + mailbox(s.user()) + "/events/" + eventId,
                    simTokens.get(s.user()), Map.of("subject", s.subject() + " (edited)")).thenAccept(r -> {
                        if (r.statusCode() == 200) {
                            editedAt.put(s.activityId(), at);
                        } else {
                            refusedBy.merge(r.statusCode(), 1L, Long::sum);
                        }
                    });
        });
        Map<String, Saved> byActivity = new HashMap<>();
        targets.subList(0, total).forEach(t -> byActivity.put(t.getValue().activityId(), t.getValue()));
        Map<String, Long> latency = new ConcurrentHashMap<>();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (latency.size() < editedAt.size() && Instant.now().isBefore(deadline)) {
            Thread.sleep(2000);
            for (var edit : editedAt.entrySet()) {
                if (latency.containsKey(edit.getKey())) {
                    continue;
                }
                Saved s = byActivity.get(edit.getKey());
                JsonNode a = call("GET", ACTIVITY + "/activities/" + s.activityId(), token(s.user()), null, 200);
                if (a.path("subject").asText().endsWith("(edited)")) {
                    latency.put(edit.getKey(), Duration.between(edit.getValue(),
                            Instant.parse(a.path("updatedAt").asText())).toMillis());
                }
            }
        }
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("targetRatePerSecond", rate);
        in.put("edits", editedAt.size());
        in.put("refusedByStatus", new java.util.TreeMap<>(refusedBy));
        in.put("applied", latency.size());
        in.put("missing", editedAt.size() - latency.size());
        in.put("editToActivityMs", percentiles(new ArrayList<>(latency.values())));
        results.put("inbound", in);
        say("inbound: %d edits, %d reached their activity", editedAt.size(), latency.size());
    }

    /** Push my calendar of M activities to one mailbox, the simulator allowing `ceiling` requests a second. */
    private void massPush() throws Exception {
        int count = option("mass", 2000);
        int ceiling = option("ceiling", 20);
        String user = "bench-" + run + "-mass";
        sim("POST", "/_sim/users", Map.of("userPrincipalName", mailbox(user), "displayName", user));
        call("PUT", SETTINGS + "/users/" + user, admin(), Map.of("displayName", user, "email", mailbox(user),
                "admin", false, "edit", "ANY", "delete", "ANY", "active", true), 201, 200);
        awaitKnown(user);
        // saved before the user connects: they wait for "Push my calendar"
        LocalDateTime day = LocalDateTime.now().toLocalDate().plusDays(1).atTime(LocalTime.of(6, 0));
        paced(count, 200, i -> {
            LocalDateTime s = day.plusDays(i / 40).plusMinutes(20L * (i % 40));
            return send("POST", ACTIVITY + "/activities", token(user), Map.of("kind", "APPOINTMENT",
                    "subject", "Mass " + run + " #" + i, "start", s.toString(), "end", s.plusMinutes(15).toString(),
                    "timeZone", "Europe/London", "scheduledFor", List.of(user), "pushToOffice365", true))
                    .thenAccept(r -> {
                        if (r.statusCode() != 201) {
                            throw new IllegalStateException("save refused: " + r.statusCode() + " " + r.body());
                        }
                    });
        });
        awaitAllPending(user, day.toLocalDate(), day.toLocalDate().plusDays(count / 40 + 1), count);
        JsonNode before = JSON.readTree(sim("GET", "/_sim/limits", null));
        // a short window: after a small burst, the budget refills at exactly `ceiling` requests a second
        sim("PUT", "/_sim/limits", Map.of("requestsPerWindow", ceiling * 5, "window", "PT5S",
                "maxConcurrent", before.path("maxConcurrent").asInt(4)));
        try {
            connect(user);
            awaitKnownAndConnected(user);
            Thread.sleep(2000); // the worker learns of the connection from connections.v1 too
            Instant started = Instant.now();
            JsonNode job = call("POST", ACTIVITY + "/office365/push-jobs", token(user), Map.of(), 202, 201);
            String jobId = job.path("id").asText();
            JsonNode progress = job;
            Instant deadline = started.plus(Duration.ofSeconds(60L + 3L * count / Math.max(1, ceiling)));
            while (Instant.now().isBefore(deadline)) {
                progress = call("GET", ACTIVITY + "/office365/push-jobs/" + jobId, token(user), null, 200);
                String state = progress.path("state").asText();
                if (state.equals("COMPLETED") || state.equals("FAILED")) {
                    break;
                }
                Thread.sleep(500);
            }
            double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
            int done = progress.path("done").asInt();
            sim("PUT", "/_sim/limits", before); // counting the events is not part of the push
            // the mailbox's requests Graph refused 429 during the push (inner requests of $batches included)
            int throttled = 0;
            int requests = 0;
            for (JsonNode entry : JSON.readTree(sim("GET", "/_sim/requests", null))) {
                if (mailbox(user).equalsIgnoreCase(entry.path("mailbox").asText())
                        && !Instant.parse(entry.path("time").asText()).isBefore(started)) {
                    requests++;
                    throttled += entry.path("status").asInt() == 429 ? 1 : 0;
                }
            }
            int events = events(user, "Mass " + run + " #").size();
            Map<String, Object> mass = new LinkedHashMap<>();
            mass.put("activities", count);
            mass.put("jobState", progress.path("state").asText());
            mass.put("done", done);
            mass.put("failed", progress.path("failed").asInt());
            mass.put("eventsInMailbox", events);
            mass.put("seconds", round(seconds));
            mass.put("eventsPerSecond", round(done / seconds));
            mass.put("ceilingRequestsPerSecond", ceiling);
            mass.put("fractionOfCeiling", round(done / seconds / ceiling));
            mass.put("mailboxRequests", requests);
            mass.put("throttled429", throttled);
            results.put("massPush", mass);
            say("mass push: %s done=%d events=%d in %.1f s (%.2f of the ceiling; %d of the mailbox's %d requests 429)",
                    progress.path("state").asText(), done, events, seconds, done / seconds / ceiling, throttled,
                    requests);
        } finally {
            sim("PUT", "/_sim/limits", before);
        }
    }

    /**
     * The worker plans each saved activity before the user connects (PENDING); connecting earlier would let the
     * plans still queued push them on save, and the job would measure only the rest.
     */
    private void awaitAllPending(String user, java.time.LocalDate from, java.time.LocalDate to, int count)
            throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (Instant.now().isBefore(deadline)) {
            int pending = 0;
            for (int page = 0; page * 200 < count; page++) {
                JsonNode p = call("GET", ACTIVITY + "/activities?user=" + user + "&from=" + from + "&to=" + to
                        + "&size=200&page=" + page, token(user), null, 200);
                for (JsonNode a : p.path("items")) {
                    for (JsonNode u : a.path("scheduledFor")) {
                        pending += "PENDING".equals(u.path("syncStatus").asText()) ? 1 : 0;
                    }
                }
            }
            if (pending >= count) {
                return;
            }
            Thread.sleep(2000);
        }
        throw new IllegalStateException("the worker did not plan the " + count + " activities in time");
    }

    /** Peak resident memory of each process of the local run (Linux /proc), by name. */
    private void memory() throws Exception {
        Path pidFile = Path.of(".local", "platform.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long platform = Long.parseLong(Files.readString(pidFile).trim());
        Map<String, Object> peaks = new LinkedHashMap<>();
        ProcessHandle.of(platform).ifPresent(p -> p.descendants().forEach(child -> {
            String cmd = child.info().commandLine().orElse("");
            String name = cmd.contains("quarkus-app") ? cmd.replaceAll(".*/([^/]+)/target/quarkus-app.*", "$1")
                    : cmd.contains("kafka.Kafka") ? "kafka" : cmd.contains("postgres") ? "postgresql" : null;
            long kb = peakKb(child.pid());
            if (name != null && kb > 0) {
                peaks.merge(name + (name.equals("postgresql") ? " (all backends)" : ""), kb / 1024,
                        (a, b) -> (Long) a + (Long) b);
            }
        }));
        results.put("peakMemoryMb", peaks);
    }

    private static long peakKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (Exception e) {
            // gone, or not Linux
        }
        return 0;
    }

    private void report() throws Exception {
        StringBuilder b = new StringBuilder("\n== docketsync benchmark (run " + run + ")\n");
        results.forEach((section, values) -> {
            b.append(String.format("%n%s%n", section));
            ((Map<?, ?>) values).forEach((k, v) -> b.append(String.format("  %-28s %s%n", k, v)));
        });
        System.out.println(b);
        Path out = Path.of(options.getOrDefault("out", ".local/benchmark.json"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        ObjectNode json = JSON.createObjectNode();
        json.put("run", run);
        json.put("at", Instant.now().toString());
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.set("options", JSON.valueToTree(options));
        json.set("results", JSON.valueToTree(results));
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        System.out.println("figures written to " + out);
    }

    // ---- helpers

    interface Step {
        CompletableFuture<?> start(int i) throws Exception;
    }

    /** Starts `total` steps at `rate` a second (open loop: a slow answer does not slow the load), then awaits them. */
    private static void paced(int total, int rate, Step step) throws Exception {
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        List<CompletableFuture<?>> running = Collections.synchronizedList(new ArrayList<>());
        long periodNanos = 1_000_000_000L / Math.max(1, rate);
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(total);
        clock.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i >= total) {
                return;
            }
            try {
                running.add(step.start(i));
            } catch (Exception e) {
                running.add(CompletableFuture.failedFuture(e));
            }
            started.countDown();
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        started.await();
        clock.shutdownNow();
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
    }

    private static Map<String, Object> percentiles(List<Long> values) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (values.isEmpty()) {
            return p;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        for (int q : new int[] {50, 95, 99}) {
            p.put("p" + q, sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q / 100.0 * sorted.size()) - 1)));
        }
        p.put("max", sorted.get(sorted.size() - 1));
        return p;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static String mailbox(String user) {
        return user + "@" + DOMAIN;
    }

    private String admin() {
        return tokens.token("alice", DemoUsers.FIRM, List.of("admin"));
    }

    private String token(String user) {
        return tokens.token(user, DemoUsers.FIRM, List.of());
    }

    /** Every event of the user's mailbox whose subject starts with the prefix (id, subject, createdDateTime). */
    private List<JsonNode> events(String user, String prefix) throws Exception {
        String token = simToken(mailbox(user));
        List<JsonNode> found = new ArrayList<>();
        String url = SIMULATOR + "/v1.0/users/" + mailbox(user) + "/events?$top=1000&$select="
                + URLEncoder.encode("id,subject,createdDateTime,lastModifiedDateTime", StandardCharsets.UTF_8);
        while (url != null) {
            JsonNode page = call("GET", url, token, null, 200);
            for (JsonNode e : page.path("value")) {
                if (e.path("subject").asText().startsWith(prefix)) {
                    found.add(e);
                }
            }
            url = page.hasNonNull("@odata.nextLink") ? page.get("@odata.nextLink").asText() : null;
        }
        return found;
    }

    private final Map<String, String> simTokenCache = new ConcurrentHashMap<>();

    private String simToken(String upn) {
        return simTokenCache.computeIfAbsent(upn, u -> {
            try {
                return JSON.readTree(sim("POST", "/_sim/token", Map.of("user", u))).path("access_token").asText();
            } catch (Exception e) {
                throw new IllegalStateException("no simulator token for " + u + ": " + e.getMessage(), e);
            }
        });
    }

    private String sim(String method, String path, Object body) throws Exception {
        HttpResponse<String> r = send(method, SIMULATOR + path, null, body).get(30, TimeUnit.SECONDS);
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private JsonNode call(String method, String url, String token, Object body, int... ok) throws Exception {
        HttpResponse<String> r = send(method, url, token, body).get(60, TimeUnit.SECONDS);
        for (int attempt = 0; r.statusCode() == 429 && attempt < 20; attempt++) { // our reads share the budget
            // seconds, possibly fractional ("1.5"), as Graph answers
            Thread.sleep(Math.round(1000 * Double.parseDouble(r.headers().firstValue("Retry-After").orElse("1"))));
            r = send(method, url, token, body).get(60, TimeUnit.SECONDS);
        }
        for (int status : ok) {
            if (r.statusCode() == status) {
                return r.body() == null || r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
            }
        }
        throw new IllegalStateException(method + " " + url + ": " + r.statusCode() + " " + r.body());
    }

    private CompletableFuture<HttpResponse<String>> send(String method, String url, String token, Object body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            if (body != null) {
                b.header("Content-Type", "application/json");
                b.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static void say(String format, Object... args) {
        System.out.println(DateTimeFormatter.ISO_LOCAL_TIME.format(LocalTime.now()).substring(0, 8) + "  "
                + String.format(format, args));
    }
}
