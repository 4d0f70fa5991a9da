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
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Measures a running local system (deploy/local/benchmark.sh starts one) through its public APIs and the Graph
 * simulator, as a firm would load it, phase by phase:
 * <ol>
 * <li>{@code low}: changes at a trickle (5 a second) over the firm's users; save → event latency (the save request to
 * the event's createdDateTime in the mailbox);</li>
 * <li>{@code high}: changes at 100 a second over 200 users, a share of them edits of activities saved earlier in the
 * phase; save → event latency, throughput, and whether each mailbox ended on each activity's last version (order)
 * and docketsync kept within 4 requests in flight per mailbox (the simulator's request log and limits usage);</li>
 * <li>{@code inbound}: events of the high phase edited in Office 365 (the simulator's Graph API, as Outlook would)
 * at a sustained rate; edit → activity latency from the edit to the activity's updatedAt;</li>
 * <li>{@code mass}: "Push my calendar" of M activities to one mailbox with the simulator throttling at a configured
 * ceiling; the rate achieved as a fraction of that ceiling.</li>
 * </ol>
 * Before the first phase: the platform at rest ({@code --idle-seconds} once it is quiet: CPU ms a second per
 * process), then a warm-up that is not measured ({@code --warmup-seconds} of changes at the low rate and, when the
 * phases hold them, {@code --warmup-high-seconds} at the high rate and {@code --warmup-inbound-seconds} of Outlook
 * edits, so that no phase pays for the JVMs' compiling its hot code: a service in production has long done that).
 * Around each phase it reads the CPU time of every process of the platform from /proc ({@link ProcessCpu}) and
 * divides it by the phase's changes: CPU ms per change per process, steady on a noisy machine where wall-clock
 * times are not. The CPU of a phase runs from its first change until the benchmark saw its last result, so it
 * includes the services' idle work meanwhile and the benchmark's own reads to find out (a few per mailbox every
 * 3 to 10 s); the total leaves the simulator out (Microsoft's CPU, not docketsync's, and it serves those reads).
 * Prints a table and writes the figures as JSON (BenchmarkReport prints runs side by side). Options: see
 * {@link #USAGE}.
 */
public final class Benchmark {
    static final String USAGE = """
            --phases low,high,inbound,mass  which phases, in this order
            --users 200             firm users (mailboxes), each connected through the real Connect flow
            --idle-seconds 30 --warmup-seconds 20   the platform at rest; then changes at the low rate, not measured
            --warmup-high-seconds 10 --warmup-inbound-seconds 5   then (with those phases) a burst at the high rate
                                    and Outlook edits of its events, not measured either
            --low-rate 5 --low-seconds 60           the trickle phase
            --rate 100 --seconds 30 --edits 0.2     the high phase; a share of its changes edit earlier saves
            --inbound-rate 100 --inbound-seconds 15 Outlook edits of the high phase's events
            --mass 2000 --ceiling 20                mass push: activities, the simulator's requests/s for the mailbox
            --connectors URL,URL    connector-service instances to spread Connect over (default http://localhost:8083)
            --home .local           the platform's home (its keys and platform.pid)
            --pg-port 5432          where the platform's PostgreSQL listens (to find its processes)
            --label new             the run's name in the report
            --out .local/benchmark.json""";

    private static final String ACTIVITY = "http://localhost:8081";
    private static final String SETTINGS = "http://localhost:8082";
    private static final String SIMULATOR = "http://localhost:8090";
    /** docketsync's application as the simulator knows it (its requests are counted against its limits). */
    private static final String DOCKETSYNC_APP = "docketsync-local";
    private static final String DOMAIN = "halemarsh.test";
    private static final ObjectMapper JSON = EventCodec.mapper();

    private final Map<String, String> options;
    private final String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).executor(Executors.newFixedThreadPool(32)).build();
    private final Path home;
    private final AppTokens tokens;
    /** One signed token per user for the whole run: signing RSA per request cost the benchmark a core at 100/s. */
    private final Map<String, String> tokenCache = new ConcurrentHashMap<>();
    private final Map<String, Object> results = new LinkedHashMap<>();
    /** The printed table: measure → figure, in order (BenchmarkReport lines runs up by these names). */
    private final Map<String, String> table = new LinkedHashMap<>();
    private final ProcessCpu cpu;
    private final List<String> connectors;
    private final ExecutorService readers = Executors.newFixedThreadPool(12);

    private Benchmark(Map<String, String> options) {
        this.options = options;
        this.home = Path.of(options.getOrDefault("home", ".local"));
        this.tokens = AppTokens.inFolder(home.resolve("keys"), AppTokens.LOCAL_ISSUER);
        this.cpu = ProcessCpu.of(home, option("pg-port", 5432)).orElse(null);
        this.connectors = List.of(options.getOrDefault("connectors", "http://localhost:8083").split(","));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                System.err.println("usage: Benchmark [--option value]...\n" + USAGE);
                System.exit(2);
            }
            options.put(args[i].substring(2), args[++i]);
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

    private double option(String name, double fallback) {
        return Double.parseDouble(options.getOrDefault(name, String.valueOf(fallback)));
    }

    void runAll() throws Exception {
        List<String> phases = Stream.of(options.getOrDefault("phases", "low,high,inbound,mass").split(","))
                .map(String::trim).toList();
        int users = option("users", 200);
        JsonNode latency = JSON.readTree(sim("GET", "/_sim/latency", null));
        say("run %s (%s): %d users; phases %s; Graph latency model %s", run, options.getOrDefault("label", "new"),
                users, phases, latency.path("enabled").asBoolean() ? "on (median " + latency.path("median").asText()
                        + ", sigma " + latency.path("sigma").asText() + ")" : "off");
        results.put("graphLatency", JSON.convertValue(latency, Map.class));
        table.put("Graph latency model", latency.path("enabled").asBoolean()
                ? "median " + latency.path("median").asText().replace("PT", "").toLowerCase() + ", sigma "
                        + latency.path("sigma").asText() : "off");
        if (cpu == null) {
            say("no %s: CPU per process is not measured", home.resolve("platform.pid"));
        } else {
            say("processes: %s", cpu.processes().keySet());
        }
        List<String> team = connectTeam(users);
        Map<String, Saved> forInbound = new HashMap<>();
        boolean first = true;
        for (String phase : phases) {
            settle(phase);
            if (first) {
                idle(option("idle-seconds", 30));
                warmUp(phases, team);
                settle(phase);
                first = false;
            }
            switch (phase) {
                // 300 changes at the default rate: the p99 of 100 was their second-slowest, and the compiling that a
                // trickle still causes was a third to a half of a shorter phase's CPU
                case "low" -> outbound("low", option("low-rate", 5), option("low-seconds", 60), 0, team);
                case "high" -> forInbound = outbound("high", option("rate", 100), option("seconds", 30),
                        option("edits", 0.2), team);
                case "inbound" -> inbound("inbound", forInbound, option("inbound-rate", 100),
                        option("inbound-seconds", 15));
                case "mass" -> massPush();
                default -> throw new IllegalArgumentException("no phase '" + phase + "': low, high, inbound, mass");
            }
        }
        memory();
        report();
    }

    /**
     * Work that is not measured, so that the phases do not pay for the JVMs' compiling their hot code (a service in
     * production has long done that): changes at the low rate, then, when the phases hold them, a short burst at the
     * high phase's rate (its $batch and wave paths are not the trickle's) and Outlook edits of that burst's events.
     * Each warm-up's figures go to the JSON, not the table.
     */
    private void warmUp(List<String> phases, List<String> team) throws Exception {
        if (option("warmup-seconds", 20) > 0) {
            outbound("warmup", option("low-rate", 5), option("warmup-seconds", 20), 0.2, team);
        }
        int highSeconds = option("warmup-high-seconds", 10);
        if (!phases.contains("high") || highSeconds <= 0) {
            return;
        }
        settle("warmup-high");
        Map<String, Saved> burst = outbound("warmup-high", option("rate", 100), highSeconds, option("edits", 0.2),
                team);
        int inboundSeconds = option("warmup-inbound-seconds", 5);
        if (phases.contains("inbound") && inboundSeconds > 0) {
            settle("warmup-inbound");
            inbound("warmup-inbound", burst, option("inbound-rate", 100), inboundSeconds);
        }
    }

    /**
     * The firm's users: mailboxes and firm users made a few at a time, then connected one by one. One at a time because
     * the older commits a comparison runs failed or hung on concurrent Connect callbacks (Hibernate Reactive's entity
     * delete of the authorization request, fixed since: {@code ConnectFlowTest.usersConnectingAtTheSameMomentAllEndConnected});
     * each hop has a timeout and a Connect is tried again.
     */
    private List<String> connectTeam(int users) throws Exception {
        Instant began = Instant.now();
        List<String> team = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            team.add("bench-" + run + "-b" + i);
        }
        parallel(team, this::newFirmUser);
        for (int i = 0; i < users; i++) {
            String user = team.get(i);
            String connector = connectors.get(i % connectors.size());
            for (int attempt = 1; ; attempt++) {
                try {
                    connect(user, connector);
                    break;
                } catch (java.net.http.HttpTimeoutException | IllegalStateException e) {
                    if (attempt == 3) {
                        throw e;
                    }
                    say("%s: Connect again (%s)", user, e.getMessage());
                }
            }
        }
        parallel(team, this::awaitKnownAndConnected);
        say("%d users connected in %.1f s", users, Duration.between(began, Instant.now()).toMillis() / 1000.0);
        return team;
    }

    /** A firm user with a mailbox in the simulator, known to activity-service. */
    private void newFirmUser(String user) throws Exception {
        String upn = mailbox(user);
        sim("POST", "/_sim/users", Map.of("userPrincipalName", upn, "displayName", user));
        Map<String, Object> firmUser = Map.of("displayName", user, "email", upn, "admin", false, "edit", "ANY",
                "delete", "ANY", "active", true);
        for (int attempt = 1; ; attempt++) { // users saved at once may meet as a concurrent save of the firm: 412
            HttpResponse<String> r = send("PUT", SETTINGS + "/users/" + user, admin(), firmUser).get(60, TimeUnit.SECONDS);
            if (r.statusCode() == 200 || r.statusCode() == 201) {
                break;
            }
            if (r.statusCode() != 412 || attempt == 20) {
                throw new IllegalStateException("PUT /users/" + user + ": " + r.statusCode() + " " + r.body());
            }
            Thread.sleep(100L * attempt);
        }
        awaitKnown(user); // the connector learns of users from settings.changes.v1 too
    }

    private void awaitKnown(String user) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (!call("GET", ACTIVITY + "/me", token(user), null, 200).path("known").asBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("activity-service does not know " + user);
            }
            Thread.sleep(300);
        }
    }

    /** activity-service learns of new users and connections from Kafka: wait until it has. */
    private void awaitKnownAndConnected(String user) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
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

    private void connect(String user, String connector) throws Exception {
        JsonNode start = call("POST", connector + "/connections/office365", token(user),
                Map.of("loginHint", mailbox(user)), 200, 201);
        String location = start.path("authorizationUrl").asText();
        for (int hop = 0; hop < 4 && location != null && !location.contains("office365=connected"); hop++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(location))
                    .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
            location = r.headers().firstValue("Location").orElse(null);
            if (location != null && location.contains("office365=") && !location.contains("office365=connected")) {
                throw new IllegalStateException(user + " did not connect: " + location);
            }
        }
        if (location == null || !location.contains("office365=connected")) {
            throw new IllegalStateException(user + " did not connect (last redirect " + location + ")");
        }
    }

    /** @param key "Bench {run} {phase} #{i}", what the subject starts with whatever edits followed */
    record Saved(String activityId, String user, String key, Instant savedAt) {
    }

    /** The subject's part that names the activity: edits append " ·e{n}" to it. */
    private static String keyOf(String subject) {
        int edit = subject.indexOf(" ·e");
        String key = edit < 0 ? subject : subject.substring(0, edit);
        return key.endsWith(" (edited)") ? key.substring(0, key.length() - 9) : key;
    }

    /**
     * Changes at a steady rate over the team: saves of new activities, and (a share {@code edits}) edits of an
     * activity the same user saved earlier in the phase. Then every event is awaited: its latency from the save,
     * and for edited activities whether the mailbox ends on the activity's last version. Returns the events of
     * activities that were not edited (event id → save), for the inbound phase.
     */
    private Map<String, Saved> outbound(String phase, int rate, int seconds, double editShare, List<String> team)
            throws Exception {
        int total = rate * seconds;
        String prefix = "Bench " + run + " " + phase + " #";
        Map<String, Saved> saved = new ConcurrentHashMap<>();
        Map<String, List<Saved>> savedByUser = new ConcurrentHashMap<>();
        Set<String> edited = ConcurrentHashMap.newKeySet();
        AtomicInteger edits = new AtomicInteger();
        Map<String, Long> refusedBy = new ConcurrentHashMap<>();
        List<String> firstRefusal = Collections.synchronizedList(new ArrayList<>());
        int every = editShare <= 0 ? 0 : Math.max(1, (int) Math.round(1 / editShare));
        int daysAhead = switch (phase) {
            case "low" -> 40;
            case "warmup" -> 70;
            case "warmup-high" -> 75; // still inside the inbound phase's listing of 80 days
            default -> 2;
        };
        LocalDateTime day = LocalDate.now().plusDays(daysAhead).atTime(LocalTime.of(7, 0));
        Map<String, Long> cpuBefore = cpuNow();
        long ownCpuBefore = ownCpuMillis();
        Instant began = Instant.now();
        paced(total, rate, i -> {
            String user = team.get(i % team.size());
            List<Saved> mine = savedByUser.getOrDefault(user, List.of());
            if (editsTurn(i, team.size(), every) && !mine.isEmpty()) {
                Saved target = mine.get(mine.size() - 1);
                return send("PATCH", ACTIVITY + "/activities/" + target.activityId(), token(user),
                        Map.of("subject", target.key() + " ·e" + i)).thenAccept(r -> {
                            if (r.statusCode() == 200) {
                                edits.incrementAndGet();
                                edited.add(target.activityId());
                            } else {
                                refused(r, refusedBy, firstRefusal);
                            }
                        });
            }
            String key = prefix + i;
            LocalDateTime startAt = day.plusDays(i / 200).plusMinutes(3L * (i % 200));
            Map<String, Object> body = Map.of("kind", "APPOINTMENT", "subject", key,
                    "start", startAt.toString(), "end", startAt.plusMinutes(30).toString(), "timeZone", "Europe/London",
                    "scheduledFor", List.of(user), "pushToOffice365", true);
            Instant at = Instant.now();
            return send("POST", ACTIVITY + "/activities", token(user), body).thenAccept(r -> {
                if (r.statusCode() == 201) {
                    String id = r.headers().firstValue("Location").map(l -> l.substring(l.lastIndexOf('/') + 1))
                            .orElseThrow();
                    Saved s = new Saved(id, user, key, at);
                    saved.put(key, s);
                    savedByUser.computeIfAbsent(user, u -> Collections.synchronizedList(new ArrayList<>())).add(s);
                } else {
                    refused(r, refusedBy, firstRefusal);
                }
            });
        });
        double offeredSeconds = Duration.between(began, Instant.now()).toMillis() / 1000.0;
        int accepted = saved.size() + edits.get(); // an activity edited twice is two changes
        long refused = refusedBy.values().stream().mapToLong(Long::longValue).sum();
        say("%s: %d changes accepted in %.1f s (%d saves, %d edits of %d activities; %d refused)%s", phase, accepted,
                offeredSeconds, saved.size(), edits.get(), edited.size(), refused,
                firstRefusal.isEmpty() ? "" : ": " + firstRefusal.get(0));

        // the last version of each edited activity, as activity-service holds it
        Map<String, String> lastSubject = new ConcurrentHashMap<>();
        Map<String, Saved> byId = new HashMap<>();
        saved.values().forEach(s -> byId.put(s.activityId(), s));
        parallel(new ArrayList<>(edited), id -> {
            Saved s = byId.get(id);
            lastSubject.put(s.key(), call("GET", ACTIVITY + "/activities/" + id, token(s.user()), null, 200)
                    .path("subject").asText());
        });

        // every event awaited (only mailboxes still missing something are read again)
        Map<String, JsonNode> events = new ConcurrentHashMap<>();
        Set<String> waiting = ConcurrentHashMap.newKeySet();
        saved.values().forEach(s -> waiting.add(s.user()));
        Map<String, Integer> expected = new HashMap<>();
        saved.values().forEach(s -> expected.merge(s.user(), 1, Integer::sum));
        Instant deadline = Instant.now().plus(Duration.ofMinutes(option("wait-minutes", 10)));
        for (int round = 0; !waiting.isEmpty() && Instant.now().isBefore(deadline); round++) {
            Thread.sleep(pollMillis(round));
            parallel(new ArrayList<>(waiting), user -> {
                int found = 0;
                boolean current = true;
                for (JsonNode e : events(user, prefix)) {
                    String key = keyOf(e.path("subject").asText());
                    events.put(key, e);
                    found++;
                    String last = lastSubject.get(key);
                    current &= last == null || last.equals(e.path("subject").asText());
                }
                if (found >= expected.get(user) && current) {
                    waiting.remove(user);
                }
            });
        }
        Instant done = Instant.now();
        Map<String, Long> cpuUsed = cpuSince(cpuBefore);
        double busy = coresBusy(cpuUsed, ownCpuMillis() - ownCpuBefore, Duration.between(began, done));

        List<Long> latencies = new ArrayList<>();
        Instant lastEvent = began;
        for (Saved s : saved.values()) {
            JsonNode e = events.get(s.key());
            if (e != null) {
                Instant created = Instant.parse(e.path("createdDateTime").asText());
                latencies.add(Duration.between(s.savedAt(), created).toMillis());
                lastEvent = created.isAfter(lastEvent) ? created : lastEvent;
            }
        }
        int stale = 0;
        for (var last : lastSubject.entrySet()) {
            JsonNode e = events.get(last.getKey());
            stale += e == null || !last.getValue().equals(e.path("subject").asText()) ? 1 : 0;
        }
        double throughput = latencies.size() / Math.max(0.001, Duration.between(began, lastEvent).toMillis() / 1000.0);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("targetRatePerSecond", rate);
        out.put("users", team.size());
        out.put("changesOffered", total);
        out.put("changesAccepted", accepted);
        out.put("saves", saved.size());
        out.put("edits", edits.get());
        out.put("refused", refused);
        out.put("refusedByStatus", new TreeMap<>(refusedBy));
        out.put("acceptedPerSecond", round(accepted / offeredSeconds));
        out.put("events", latencies.size());
        out.put("missing", saved.size() - latencies.size());
        out.put("throughputEventsPerSecond", round(throughput));
        out.put("saveToEventMs", percentiles(latencies));
        out.put("editedActivities", lastSubject.size());
        out.put("editedNotOnLastVersion", stale);
        out.put("secondsUntilLastResult", round(Duration.between(began, done).toMillis() / 1000.0));
        out.put("cpuMs", cpuUsed);
        out.put("cpuMsPerChange", perChange(cpuUsed, accepted));
        if (cpu != null) {
            out.put("coresBusy", busy);
            out.put("cores", CORES);
        }
        results.put(phase, out);
        if (phase.startsWith("warmup")) {
            return forInbound(saved, lastSubject, events); // in the JSON, not the table; the inbound warm-up's edits
        }

        String name = phase.equals("low") ? "low rate" : rate + "/s";
        table.put(name + ": changes accepted (offered " + rate + "/s, " + team.size() + " users)",
                String.format("%.1f/s, %d of %d refused%s", accepted / offeredSeconds, refused, total,
                        refusedBy.isEmpty() ? "" : " " + new TreeMap<>(refusedBy)));
        table.put(name + ": outbound events/s", String.valueOf(round(throughput)));
        table.put(name + ": save → event p50 / p99", p50p99(latencies) + (saved.size() == latencies.size() ? ""
                : " (" + (saved.size() - latencies.size()) + " events missing)"));
        if (!lastSubject.isEmpty()) {
            table.put(name + ": edited activities on their last version",
                    (lastSubject.size() - stale) + " of " + lastSubject.size());
        }
        if (phase.equals("high")) {
            out.put("mailboxLimits", mailboxLimits(name, began, team));
        }
        if (cpu != null) {
            table.put(name + ": cores busy (every process and this load generator, saves to last event)",
                    String.format("%.2f of %d", busy, CORES));
        }
        cpuRows(name, cpuUsed, accepted);
        return forInbound(saved, lastSubject, events);
    }

    /** The phase's events by id, with what saved them; not those of edited activities (their subject moved on). */
    private static Map<String, Saved> forInbound(Map<String, Saved> saved, Map<String, String> lastSubject,
            Map<String, JsonNode> events) {
        Map<String, Saved> forInbound = new HashMap<>();
        saved.values().forEach(s -> {
            JsonNode e = events.get(s.key());
            if (e != null && !lastSubject.containsKey(s.key())) {
                forInbound.put(e.path("id").asText(), s);
            }
        });
        return forInbound;
    }

    /** 3 s between reads of the results at first, then longer (up to 10 s) while they are slow to come. */
    private static long pollMillis(int round) {
        return Math.min(10_000, 3000 + 500L * round);
    }

    private static void refused(HttpResponse<String> r, Map<String, Long> refusedBy, List<String> first) {
        refusedBy.merge(String.valueOf(r.statusCode()), 1L, Long::sum);
        if (first.isEmpty()) {
            first.add(r.statusCode() + " " + r.body());
        }
    }

    /**
     * What the simulator saw of docketsync's requests to the team's mailboxes during the phase: answered 429 (over
     * the 4 in flight, or the budget), and the most in flight at once per mailbox.
     */
    private Map<String, Object> mailboxLimits(String name, Instant since, List<String> team) throws Exception {
        Set<String> mailboxes = new HashSet<>();
        team.forEach(u -> mailboxes.add(mailbox(u).toLowerCase()));
        int requests = 0;
        int throttled = 0;
        Instant first = null;
        for (JsonNode entry : JSON.readTree(sim("GET", "/_sim/requests", null))) {
            if (DOCKETSYNC_APP.equals(entry.path("app").asText())
                    && mailboxes.contains(entry.path("mailbox").asText().toLowerCase())) {
                Instant at = Instant.parse(entry.path("time").asText());
                first = first == null || at.isBefore(first) ? at : first;
                if (!at.isBefore(since)) {
                    requests++;
                    throttled += entry.path("status").asInt() == 429 ? 1 : 0;
                }
            }
        }
        int peak = 0;
        int limit = JSON.readTree(sim("GET", "/_sim/limits", null)).path("maxConcurrent").asInt(4);
        for (JsonNode u : JSON.readTree(sim("GET", "/_sim/limits/usage", null))) {
            peak = Math.max(peak, u.path("peakInFlight").asInt());
        }
        boolean logCovers = first != null && !first.isAfter(since);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("docketsyncRequests", requests);
        out.put("answered429", throttled);
        out.put("peakInFlightPerMailbox", peak);
        out.put("maxConcurrent", limit);
        out.put("requestLogCoversPhase", logCovers);
        table.put(name + ": requests in flight per mailbox ≤ " + limit, (throttled == 0 ? "held" : "NOT held")
                + String.format(" (peak %d; %d of %d requests answered 429%s)", peak, throttled, requests,
                        logCovers ? "" : "; the simulator's request log did not reach back to the phase's start"));
        return out;
    }

    /** Events edited in Office 365 at a steady rate; each activity's updatedAt minus the edit's time. */
    private void inbound(String phase, Map<String, Saved> byEventId, int rate, int seconds) throws Exception {
        List<Map.Entry<String, Saved>> targets = new ArrayList<>(byEventId.entrySet());
        targets.sort(Map.Entry.comparingByKey());
        Collections.shuffle(targets, new Random(7));
        int total = Math.min(targets.size(), rate * seconds);
        if (total == 0) {
            say("inbound: no events to edit (run the high phase first)");
            return;
        }
        Map<String, Instant> editedAt = new ConcurrentHashMap<>();
        Map<Integer, Long> refusedBy = new ConcurrentHashMap<>(); // Graph said no (429 over the mailbox's budget)
        for (Map.Entry<String, Saved> t : targets.subList(0, total)) {
            simToken(mailbox(t.getValue().user()));
        }
        Map<String, Long> cpuBefore = cpuNow();
        Instant began = Instant.now();
        paced(total, rate, i -> {
            String eventId = targets.get(i).getKey();
            Saved s = targets.get(i).getValue();
            Instant at = Instant.now();
            return send("PATCH", SIMULATOR + "/v1.0/users/" + mailbox(s.user()) + "/events/" + eventId,
                    simToken(mailbox(s.user())), Map.of("subject", s.key() + " (edited)")).thenAccept(r -> {
                        if (r.statusCode() == 200) {
                            editedAt.put(s.activityId(), at);
                        } else {
                            refusedBy.merge(r.statusCode(), 1L, Long::sum);
                        }
                    });
        });
        // each user's activities listed (one call a page) until every edit has reached its activity
        Map<String, Saved> byActivity = new HashMap<>();
        targets.subList(0, total).forEach(t -> byActivity.put(t.getValue().activityId(), t.getValue()));
        Map<String, Set<String>> pendingByUser = new ConcurrentHashMap<>();
        editedAt.keySet().forEach(id -> pendingByUser.computeIfAbsent(byActivity.get(id).user(),
                u -> ConcurrentHashMap.newKeySet()).add(id));
        Map<String, Long> latency = new ConcurrentHashMap<>();
        LocalDate from = LocalDate.now();
        LocalDate to = from.plusDays(80);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(option("wait-minutes", 10)));
        for (int round = 0; !pendingByUser.isEmpty() && Instant.now().isBefore(deadline); round++) {
            Thread.sleep(pollMillis(round));
            parallel(new ArrayList<>(pendingByUser.keySet()), user -> {
                Set<String> pending = pendingByUser.get(user);
                for (int page = 0; !pending.isEmpty(); page++) {
                    JsonNode p = call("GET", ACTIVITY + "/activities?user=" + user + "&from=" + from + "&to=" + to
                            + "&size=200&page=" + page, token(user), null, 200);
                    for (JsonNode a : p.path("items")) {
                        String id = a.path("id").asText();
                        if (pending.contains(id) && a.path("subject").asText().endsWith("(edited)")) {
                            latency.put(id, Duration.between(editedAt.get(id),
                                    Instant.parse(a.path("updatedAt").asText())).toMillis());
                            pending.remove(id);
                        }
                    }
                    if (p.path("items").size() < 200) {
                        break;
                    }
                }
                if (pending.isEmpty()) {
                    pendingByUser.remove(user);
                }
            });
        }
        Map<String, Long> cpuUsed = cpuSince(cpuBefore);
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("targetRatePerSecond", rate);
        in.put("edits", editedAt.size());
        in.put("refusedByStatus", new TreeMap<>(refusedBy));
        in.put("applied", latency.size());
        in.put("missing", editedAt.size() - latency.size());
        in.put("editToActivityMs", percentiles(new ArrayList<>(latency.values())));
        in.put("secondsUntilLastResult", round(Duration.between(began, Instant.now()).toMillis() / 1000.0));
        in.put("cpuMs", cpuUsed);
        in.put("cpuMsPerChange", perChange(cpuUsed, editedAt.size()));
        results.put(phase, in);
        say("%s: %d edits, %d reached their activity", phase, editedAt.size(), latency.size());
        if (!phase.equals("inbound")) {
            return; // a warm-up: in the JSON, not in the table
        }
        table.put("inbound: Outlook edit → activity p50 / p99 (" + rate + "/s)",
                p50p99(new ArrayList<>(latency.values())) + (latency.size() == editedAt.size() ? ""
                        : " (" + (editedAt.size() - latency.size()) + " of " + editedAt.size() + " not applied)"));
        cpuRows("inbound", cpuUsed, editedAt.size());
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
            connect(user, connectors.get(0));
            awaitKnownAndConnected(user);
            Thread.sleep(2000); // the worker learns of the connection from connections.v1 too
            Map<String, Long> cpuBefore = cpuNow();
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
            Map<String, Long> cpuUsed = cpuSince(cpuBefore);
            int done = progress.path("done").asInt();
            sim("PUT", "/_sim/limits", before); // counting the events is not part of the push
            // the mailbox's requests Graph refused 429 during the push (inner requests of $batches included)
            int throttled = 0;
            int requests = 0;
            // when the first and the last event was made: the time before is the job's own start (reading the
            // calendar, planning, publishing the ops), the time after is its progress reaching COMPLETED
            Instant firstWrite = null;
            Instant lastWrite = null;
            for (JsonNode entry : JSON.readTree(sim("GET", "/_sim/requests", null))) {
                Instant time = Instant.parse(entry.path("time").asText());
                if (mailbox(user).equalsIgnoreCase(entry.path("mailbox").asText()) && !time.isBefore(started)) {
                    requests++;
                    throttled += entry.path("status").asInt() == 429 ? 1 : 0;
                    if (entry.path("method").asText().equals("POST") && entry.path("status").asInt() == 201) {
                        firstWrite = firstWrite == null || time.isBefore(firstWrite) ? time : firstWrite;
                        lastWrite = lastWrite == null || time.isAfter(lastWrite) ? time : lastWrite;
                    }
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
            if (firstWrite != null) {
                double untilFirst = Duration.between(started, firstWrite).toMillis() / 1000.0;
                double writing = Duration.between(firstWrite, lastWrite).toMillis() / 1000.0;
                mass.put("secondsBeforeFirstWrite", round(untilFirst));
                mass.put("secondsWriting", round(writing));
                mass.put("secondsAfterLastWrite", round(seconds - untilFirst - writing));
            }
            mass.put("mailboxRequests", requests);
            mass.put("throttled429", throttled);
            mass.put("cpuMs", cpuUsed);
            mass.put("cpuMsPerChange", perChange(cpuUsed, done));
            results.put("massPush", mass);
            table.put("mass push: fraction of the ceiling (" + count + " at " + ceiling + " requests/s)",
                    String.format("%.2f, %s, %d done, %d failed, %d of %d requests 429", done / seconds / ceiling,
                            progress.path("state").asText(), done, progress.path("failed").asInt(), throttled, requests));
            if (mass.containsKey("secondsWriting")) {
                table.put("mass push: seconds before the first event, writing, after the last", String.format(
                        "%.1f, %.1f, %.1f", mass.get("secondsBeforeFirstWrite"), mass.get("secondsWriting"),
                        mass.get("secondsAfterLastWrite")));
            }
            cpuRows("mass push", cpuUsed, done);
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

    /** Peak resident memory of each process of the local run (Linux /proc, VmHWM), by name. */
    private void memory() {
        if (cpu != null) {
            Map<String, Long> peaks = cpu.peakMemoryMb();
            results.put("peakMemoryMb", peaks);
            StringBuilder b = new StringBuilder();
            peaks.forEach((name, mb) -> b.append(b.isEmpty() ? "" : ", ").append(name).append(' ').append(mb));
            table.put("peak memory MiB (PostgreSQL: summed over its processes)", b.toString());
        }
    }

    private void report() throws Exception {
        String label = options.getOrDefault("label", "new");
        StringBuilder b = new StringBuilder("\n== docketsync benchmark (run " + run + ", " + label + ")\n\n");
        int width = table.keySet().stream().mapToInt(String::length).max().orElse(10);
        table.forEach((k, v) -> b.append(String.format("  %-" + width + "s  %s%n", k, v)));
        System.out.println(b);
        Path out = Path.of(options.getOrDefault("out", ".local/benchmark.json"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        ObjectNode json = JSON.createObjectNode();
        json.put("run", run);
        json.put("label", label);
        json.put("at", Instant.now().toString());
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.set("options", JSON.valueToTree(options));
        json.set("table", JSON.valueToTree(table));
        json.set("results", JSON.valueToTree(results));
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        System.out.println("figures written to " + out);
    }

    /**
     * Whether change {@code i} (users in turn) is its user's turn to edit: each user's own every {@code every}-th
     * change (0: never). A turn counted over all users would give some users only edits and the others none.
     */
    static boolean editsTurn(int i, int users, int every) {
        return every > 0 && (i / users) % every == every - 1;
    }

    // ---- CPU per change

    static final String TOTAL = "total (docketsync, without the simulator)";

    private Map<String, Long> cpuNow() {
        return cpu == null ? Map.of() : cpu.cpuMillis();
    }

    private Map<String, Long> cpuSince(Map<String, Long> before) {
        return cpu == null ? Map.of() : ProcessCpu.between(before, cpu.cpuMillis());
    }

    /**
     * Each process's CPU divided by the changes, and their total without the simulator: it stands in for Microsoft's
     * servers (its CPU is not docketsync's cost) and it also serves the benchmark's own reads of the results.
     */
    static Map<String, Double> perChange(Map<String, Long> cpuMs, int changes) {
        Map<String, Double> out = new LinkedHashMap<>();
        long total = 0;
        for (var e : cpuMs.entrySet()) {
            if (!ProcessCpu.PARTS.contains(e.getKey())) {
                out.put(e.getKey(), changes == 0 ? 0 : round((double) e.getValue() / changes));
                total += e.getKey().equals("graph-simulator") ? 0 : e.getValue();
            }
        }
        out.put(TOTAL, changes == 0 ? 0 : round((double) total / changes));
        // what the JVMs spent compiling and collecting: part of the total above, not added to it
        for (String part : ProcessCpu.PARTS_IN_ORDER) {
            if (cpuMs.containsKey(part)) {
                out.put(part, changes == 0 ? 0 : round((double) cpuMs.get(part) / changes));
            }
        }
        return out;
    }

    private static final Duration QUIET_WINDOW = Duration.ofSeconds(3);
    private static final Duration QUIET_PATIENCE = Duration.ofMinutes(3);

    /**
     * Waits until the platform is quiet ({@link Quiet}; at most {@link #QUIET_PATIENCE}) so that a phase is charged
     * only its own CPU, not what the work before it left.
     */
    private void settle(String phase) throws InterruptedException {
        if (cpu == null) {
            return;
        }
        Instant began = Instant.now();
        double previous = -1;
        while (true) {
            Map<String, Long> before = cpuNow();
            Thread.sleep(QUIET_WINDOW.toMillis());
            Map<String, Long> window = cpuSince(before);
            double rate = perSecond(window, QUIET_WINDOW).get(TOTAL);
            boolean patienceOut = Duration.between(began, Instant.now()).compareTo(QUIET_PATIENCE) >= 0;
            if (Quiet.DEFAULT.reached(previous, rate) || patienceOut) {
                say("%s: %s after %.0f s (%.0f CPU ms a second, the simulator left out)", phase,
                        patienceOut ? "still busy, started anyway" : "quiet",
                        Duration.between(began, Instant.now()).toMillis() / 1000.0, rate);
                return;
            }
            previous = rate;
        }
    }

    /** Each process's CPU ms a second over a window, and their total without the simulator. */
    private static Map<String, Double> perSecond(Map<String, Long> window, Duration length) {
        Map<String, Double> out = new LinkedHashMap<>(perChange(window, 1));
        out.replaceAll((name, ms) -> round(ms * 1000.0 / length.toMillis()));
        return out;
    }

    /**
     * What the platform costs with nothing to do (once quiet, before the first phase): CPU ms a second per process,
     * over a window long enough to hold several of the services' periodic work (fallback polls, fetch waits,
     * heartbeats) rather than the quiet test's few seconds.
     */
    private void idle(int seconds) throws InterruptedException {
        if (cpu == null || seconds <= 0) {
            return;
        }
        Map<String, Long> before = cpuNow();
        Thread.sleep(seconds * 1000L);
        Map<String, Double> idle = perSecond(cpuSince(before), Duration.ofSeconds(seconds));
        results.put("idleCpuMsPerSecond", idle);
        results.put("idleSeconds", seconds);
        idle.forEach((name, ms) -> table.put("idle: CPU ms per second, " + name + " (" + seconds + " s)",
                String.format("%.1f", ms)));
    }

    static final int CORES = Runtime.getRuntime().availableProcessors();

    /**
     * How many of the machine's cores a phase kept busy on average: every process measured (the simulator too) and
     * this load generator, over the phase's time. Near {@link #CORES}, the machine, not the platform's design, is
     * what limits the phase (a second instance of a service then only shares the same cores).
     */
    static double coresBusy(Map<String, Long> cpuMs, long loadGeneratorCpuMs, Duration window) {
        long total = loadGeneratorCpuMs;
        for (var e : cpuMs.entrySet()) {
            total += ProcessCpu.PARTS.contains(e.getKey()) ? 0 : e.getValue();
        }
        return window.isZero() ? 0 : round(total / (double) window.toMillis());
    }

    /** This JVM's own CPU (the load generator's), in milliseconds, read from /proc as the platform's processes are. */
    private static long ownCpuMillis() {
        return ProcessCpu.ticks(ProcessHandle.current().pid()) * 1000 / ProcessCpu.ticksPerSecondOfThisMachine();
    }

    /** One table row per process: CPU ms per change (the phase's CPU divided by its changes). */
    private void cpuRows(String phase, Map<String, Long> cpuMs, int changes) {
        if (cpuMs.isEmpty() || changes == 0) {
            return;
        }
        perChange(cpuMs, changes).forEach((name, ms) -> table.put(phase + ": CPU ms per change, " + name,
                String.format("%.1f", ms)));
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
        AtomicInteger next = new AtomicInteger();
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
        return tokenCache.computeIfAbsent("alice admin", k -> tokens.token("alice", DemoUsers.FIRM, List.of("admin")));
    }

    /** Signed once per user (8 hours' validity, longer than any run). */
    private String token(String user) {
        return tokenCache.computeIfAbsent(user, u -> tokens.token(u, DemoUsers.FIRM, List.of()));
    }

    interface Each {
        void run(String item) throws Exception;
    }

    /** The same reads for many users, a dozen at a time. */
    private void parallel(List<String> items, Each each) throws Exception {
        List<Future<?>> running = new ArrayList<>();
        for (String item : items) {
            running.add(readers.submit(() -> {
                each.run(item);
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get(5, TimeUnit.MINUTES);
        }
    }

    private static String p50p99(List<Long> millis) {
        Map<String, Object> p = percentiles(millis);
        return p.isEmpty() ? "none" : seconds((Long) p.get("p50")) + " / " + seconds((Long) p.get("p99"));
    }

    static String seconds(long millis) {
        return millis < 10_000 ? String.format("%.2f s", millis / 1000.0) : String.format("%.0f s", millis / 1000.0);
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
