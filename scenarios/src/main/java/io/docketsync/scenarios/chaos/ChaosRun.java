package io.docketsync.scenarios.chaos;

import static io.restassured.RestAssured.given;

import io.docketsync.scenarios.AppClient;
import io.docketsync.scenarios.Docketsync;
import io.docketsync.scenarios.Outlook;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A seeded random mix of creates, edits, Scheduled For changes and deletions from both sides (the activity API
 * and users in Outlook through the simulator's Graph API) over many mailboxes, while the sync-worker is killed
 * with SIGKILL twice (and restarted), the Kafka broker is restarted once and Graph answers 10% 429, 2% 503 and
 * slowly. Then, faults off, it waits for quiescence and compares every mailbox with what the rules say it must
 * hold: each activity marked for push exactly once in each Scheduled For user's calendar with its content, nothing
 * else of docketsync's, and the users' own Outlook events untouched. Two-way sync is on with the prefix "CB:":
 * each Outlook event made with the prefix becomes exactly one activity, those without stay in Outlook only, and no
 * write of docketsync's comes back as an activity nobody made (some of the app's subjects carry the prefix too).
 * A quarter of the app's creates are weekly series: their occurrences are moved or cancelled in the app and moved or
 * deleted in Outlook, and every occurrence is compared too (by original start: lost, orphaned, stale), a restricted
 * user's deleted occurrence being allowed to stay gone from their calendar only (DESIGN.md, recurring activities).
 *
 * <p>{@code java ... ChaosRun [--seed=42] [--size=small|full] [--users=N] [--ops=N] [--settle-seconds=N]};
 * exit status 0 only when lost, duplicated, orphaned (and stale) are all 0.
 */
public final class ChaosRun {
    private static final String[] ZONES = {"Europe/London", "America/New_York", "Asia/Tokyo", "UTC"};
    /** Create New Prefix: Outlook events whose subject starts with it come over (two-way sync is on). */
    private static final String PREFIX = "CB:";

    public record Options(long seed, int users, int ops, Duration settle) {
        public static Options of(long seed, String size) {
            return switch (size) {
                case "small" -> new Options(seed, 4, 40, Duration.ofSeconds(240));
                case "full" -> new Options(seed, 12, 300, Duration.ofSeconds(600));
                default -> new Options(seed, 6, Integer.parseInt(size), Duration.ofSeconds(420));
            };
        }
    }

    /** What the comparison found; {@link #clean()} when the mailboxes hold exactly what the rules say. */
    public record Report(int expected, int expectedOccurrences, int lost, int duplicated, int orphaned, int stale,
            int lostActivities, int foreignTurnedActivities, int strayActivities, int crossedFirms, List<String> details,
            Map<String, Integer> operations, int burstMismatches) {
        public boolean clean() {
            return lost == 0 && duplicated == 0 && orphaned == 0 && stale == 0 && lostActivities == 0
                    && foreignTurnedActivities == 0 && strayActivities == 0 && crossedFirms == 0
                    && burstMismatches == 0;
        }

        /** The report with the deletion burst's result (issue 18, {@link DeletionBurstStep}). */
        Report with(DeletionBurstStep.Result burst) {
            List<String> all = new ArrayList<>(details);
            all.addAll(burst.details());
            return new Report(expected, expectedOccurrences, lost, duplicated, orphaned, stale, lostActivities,
                    foreignTurnedActivities, strayActivities, crossedFirms, all, operations, burst.mismatches());
        }

        public String summary() {
            return String.format("expected events %d (and series occurrences %d): lost %d, duplicated %d, orphaned %d,"
                    + " stale %d; lost activities %d, Outlook-only events that became activities %d, activities nobody"
                    + " made %d, twin firm mismatches (an event in another firm's mailbox, or one of its own lost or"
                    + " doubled) %d; deletion burst mismatches %d", expected, expectedOccurrences, lost, duplicated,
                    orphaned, stale, lostActivities, foreignTurnedActivities, strayActivities, crossedFirms,
                    burstMismatches);
        }
    }

    private final Docketsync system;
    private final AppClient app;
    private final Outlook outlook;
    private final Options options;
    /** Which operation comes next: its own sequence, so the mix of a seed does not depend on timing. */
    private final Random dice;
    /** Everything else (subjects, times, users, which event): draws whose number depends on what is linked. */
    private final Random random;
    private final List<String> users = new ArrayList<>();
    /** activity id → its creator, for what the actors made and did not delete. */
    private final Map<String, String> live = new LinkedHashMap<>();
    private final Set<String> deleted = new HashSet<>();
    /** The recurring ones among the activities made (weekly, {@link #SERIES_LENGTH} occurrences). */
    private final Set<String> series = new HashSet<>();
    private static final int SERIES_LENGTH = 4;
    /**
     * user|activity|original start (UTC) of occurrences a restricted user deleted in Outlook: the activity keeps them,
     * and Graph cannot make an occurrence again inside its series, so they may stay gone from that calendar only.
     */
    private final Set<String> mayBeGone = new HashSet<>();
    /** Outlook-only events: user → subjects (no prefix: they must stay as they are, and never become activities). */
    private final Map<String, List<String>> foreign = new HashMap<>();
    /** Outlook events with the prefix: user → subjects (each must become exactly one activity for that user). */
    private final Map<String, List<String>> incoming = new HashMap<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    /**
     * Outlook edits and deletions drawn while no mailbox held a live docketsync event yet (the worker dead, Graph
     * throttling): carried out as soon as one does, so that every run changes events from both sides.
     */
    private final java.util.Deque<Runnable> owedOutlook = new java.util.ArrayDeque<>();
    private final String runTag;
    /**
     * A second firm whose users have the same ids as the first two of the run (DESIGN.md section 1: a user id is
     * unique only inside its firm), each on a mailbox of their own: its activities must reach its mailboxes only, and
     * the first firm's never reach them.
     */
    static final String TWIN_FIRM = "chaos-twin";
    private final List<String> twins = new ArrayList<>();
    private final Map<String, String> twinLive = new LinkedHashMap<>();
    private final Random twinDice;

    public ChaosRun(Docketsync system, Options options) {
        this.system = system;
        this.app = new AppClient(system);
        this.outlook = system.outlook();
        this.options = options;
        this.dice = new Random(options.seed());
        this.random = new Random(options.seed() * 31 + 7);
        this.twinDice = new Random(options.seed() * 17 + 3);
        this.runTag = "x" + Long.toString(options.seed(), 36) + Long.toString(System.currentTimeMillis() % 100000, 36);
    }

    public static void main(String[] args) throws Exception {
        long seed = 42;
        String size = "small";
        Integer users = null;
        Integer ops = null;
        Integer settle = null;
        for (String a : args) {
            String v = a.substring(a.indexOf('=') + 1);
            if (a.startsWith("--seed=")) {
                seed = Long.parseLong(v);
            } else if (a.startsWith("--size=")) {
                size = v;
            } else if (a.startsWith("--users=")) {
                users = Integer.parseInt(v);
            } else if (a.startsWith("--ops=")) {
                ops = Integer.parseInt(v);
            } else if (a.startsWith("--settle-seconds=")) {
                settle = Integer.parseInt(v);
            } else {
                System.err.println("usage: ChaosRun [--seed=42] [--size=small|full|<ops>] [--users=N] [--ops=N] "
                        + "[--settle-seconds=N]");
                System.exit(2);
            }
        }
        Options o = Options.of(seed, size);
        o = new Options(o.seed(), users == null ? o.users() : users, ops == null ? o.ops() : ops,
                settle == null ? o.settle() : Duration.ofSeconds(settle));
        Report report;
        try (Docketsync system = Docketsync.start("chaos")) {
            report = new ChaosRun(system, o).run();
        }
        System.exit(report.clean() ? 0 : 1);
    }

    public Report run() throws Exception {
        long t0 = System.nanoTime();
        say("seed " + options.seed() + ", " + options.users() + " mailboxes, " + options.ops() + " operations");
        setUp();
        CompletableFuture<Void> restarting = CompletableFuture.completedFuture(null);
        try {
            faults(true);
            int n = options.ops();
            for (int i = 0; i < n; i++) {
                if (i == n / 4 || i == 3 * n / 4) {
                    restarting.join();
                    system.platform().kill(Docketsync.SYNC_WORKER);
                    count("sync-worker SIGKILL");
                    // it stays dead for a while (ops keep coming), then starts again, beside the actors
                    restarting = CompletableFuture.runAsync(() -> {
                        try {
                            Thread.sleep(4000);
                            system.platform().restart(Docketsync.SYNC_WORKER);
                            say("sync-worker restarted");
                        } catch (Exception e) {
                            throw new IllegalStateException("sync-worker did not restart: " + e.getMessage(), e);
                        }
                    });
                }
                if (i == n / 2) {
                    restarting.join();
                    system.platform().restartKafka();
                    count("kafka restart");
                }
                payOwedOutlook();
                step();
                if (i % 10 == 5) {
                    twinStep();
                }
                Thread.sleep(50 + random.nextInt(150));
            }
            restarting.join();
            // faults still on: the Outlook side's owed changes land while Graph throttles, like the rest
            long owedDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!owedOutlook.isEmpty() && System.nanoTime() < owedDeadline) {
                payOwedOutlook();
                sleep(1000);
            }
            owedOutlook.forEach(op -> count("outlook change never possible: nothing linked"));
        } finally {
            faults(false);
        }
        say("operations done in " + secondsSince(t0) + " s: " + counts + "; waiting for quiescence (up to "
                + options.settle().toSeconds() + " s)");
        long settleStart = System.nanoTime();
        Report report = compare();
        long deadline = settleStart + options.settle().toNanos();
        while (!report.clean() && System.nanoTime() < deadline) {
            Thread.sleep(5000);
            report = compare();
            say("  " + report.summary());
        }
        say("quiescent after " + secondsSince(settleStart) + " s; total " + secondsSince(t0) + " s");
        // ---- issue 18: the deletion burst, a step of its own once the run is quiescent (DeletionBurstStep) ----
        DeletionBurstStep.Result burst = new DeletionBurstStep(system, options.seed(), runTag).run();
        say("  " + burst.summary());
        report = report.with(burst);
        // ---- end of the deletion burst ----
        report.details().stream().limit(40).forEach(d -> say("  " + d));
        if (!report.clean()) {
            say(system.platform().diagnose()); // while the processes that went wrong still run
        }
        say("RESULT seed " + options.seed() + ": " + report.summary() + (report.clean() ? " -> OK" : " -> FAILED"));
        return report;
    }

    private void setUp() {
        app.saveSettings("alice", true, false, false, true, PREFIX);
        for (int i = 1; i <= options.users(); i++) {
            String u = String.format("chaos%02d", i);
            users.add(u);
            Response r = given(system.simulator()).body(Map.of("userPrincipalName", Docketsync.mailboxOf(u),
                    "displayName", "Chaos " + i, "onPremises", false)).post("/_sim/users");
            if (r.statusCode() != 201 && r.statusCode() != 409) {
                throw new IllegalStateException("simulator user " + u + ": " + r.statusCode() + " " + r.asString());
            }
            // edit ANY: an Outlook edit updates the activity. Delete ANY, or OWN for every third user: their Outlook
            // deletion of another's activity only takes them off Scheduled For (a change from the Outlook side)
            app.putUser("alice", u, "Chaos " + i, false, "ANY", deletesOnlyOwn(u) ? "OWN" : "ANY");
        }
        for (String u : users) {
            if (!"CONNECTED".equals(app.connectionState(u))) {
                var landed = app.connect(u);
                if (!landed.getQuery().contains("office365=connected")) {
                    throw new IllegalStateException(u + "'s Connect ended at " + landed);
                }
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        for (String u : users) {
            while (!app.me(u).getBoolean("connected") || !app.me(u).getBoolean("known")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(u + " is not connected / known on activity-service's /me");
                }
                sleep(500);
            }
        }
        setUpTwins();
        say("set up: " + users.size() + " users connected, and " + twins.size() + " of the same ids in " + TWIN_FIRM);
    }

    private void setUpTwins() {
        for (String u : users.subList(0, Math.min(2, users.size()))) {
            String twin = TWIN_FIRM + "/" + u;
            twins.add(twin);
            Response r = given(system.simulator()).body(Map.of("userPrincipalName", Docketsync.mailboxOf(twin),
                    "displayName", "Twin " + u, "onPremises", false)).post("/_sim/users");
            if (r.statusCode() != 201 && r.statusCode() != 409) {
                throw new IllegalStateException("simulator user " + twin + ": " + r.statusCode() + " " + r.asString());
            }
        }
        String admin = twins.get(0);
        system.roles(admin, List.of("admin"));
        for (String twin : twins) {
            app.putUser(admin, twin, "Twin " + Docketsync.idOf(twin), twin.equals(admin), "ANY", "ANY");
        }
        app.saveSettings(admin, true, false, false, false, "");
        for (String twin : twins) {
            var landed = app.connect(twin);
            if (!landed.getQuery().contains("office365=connected")) {
                throw new IllegalStateException(twin + "'s Connect ended at " + landed);
            }
        }
    }

    /** The twin firm creates (or deletes) an activity for both its users now and then, while the rest goes on. */
    private void twinStep() {
        if (!twinLive.isEmpty() && twinDice.nextInt(4) == 0) {
            String id = twinLive.keySet().iterator().next();
            int status = given(system.as(twinLive.get(id), Docketsync.ACTIVITY)).delete("/activities/" + id)
                    .statusCode();
            if (status == 204) {
                twinLive.remove(id);
            }
            count(status == 204 ? "twin firm delete" : "twin firm delete answered " + status);
            return;
        }
        String creator = twins.get(twinDice.nextInt(twins.size()));
        LocalDateTime start = LocalDate.now(ZoneOffset.UTC).plusDays(2 + twinDice.nextInt(20)).atTime(8, 0);
        String id = app.create(creator, AppClient.appointment(subject("twin"), start.toString(),
                start.plusMinutes(30).toString(), "UTC", twins.stream().map(Docketsync::idOf).toList(), true));
        twinLive.put(id, creator);
        count("twin firm create");
    }

    /**
     * The twin firm's mailboxes hold each of its live activities once and nothing of the first firm's; the first
     * firm's mailboxes (passed in as activity ids per event) hold nothing of the twin's.
     */
    private int crossed(Map<String, List<String>> firstFirmEvents, List<String> details) {
        int crossed = 0;
        for (var entry : firstFirmEvents.entrySet()) {
            for (String id : entry.getValue()) {
                if (twinLive.containsKey(id)) {
                    crossed++;
                    details.add("crossed: " + TWIN_FIRM + "'s activity " + id + " in " + entry.getKey() + "'s calendar");
                }
            }
        }
        for (String twin : twins) {
            Map<String, Long> copies = new HashMap<>();
            for (Map<String, Object> e : outlook.events(twin, null)) {
                String id = Outlook.activityOf(e);
                if (id != null) {
                    copies.merge(id, 1L, Long::sum);
                }
            }
            for (var copy : copies.entrySet()) {
                if (!twinLive.containsKey(copy.getKey())) {
                    crossed += copy.getValue();
                    details.add("crossed or orphaned: activity " + copy.getKey() + " in " + twin + "'s calendar");
                } else if (copy.getValue() > 1) {
                    crossed += copy.getValue() - 1;
                    details.add("duplicated: " + copy.getKey() + " " + copy.getValue() + "x in " + twin + "'s calendar");
                }
            }
            for (String id : twinLive.keySet()) {
                if (!copies.containsKey(id)) {
                    crossed++;
                    details.add("lost: " + TWIN_FIRM + "'s activity " + id + " not in " + twin + "'s calendar");
                }
            }
        }
        return crossed;
    }

    private void faults(boolean on) {
        for (String u : users) {
            if (on) {
                given(system.simulator()).body(Map.of("throttledRate", 0.10, "unavailableRate", 0.02, "slowRate", 0.05,
                        "slowDelay", "PT1S", "retryAfterSeconds", 1, "seed", options.seed() + u.hashCode()))
                        .put("/_sim/faults/" + Docketsync.mailboxOf(u)).then().statusCode(200);
            } else {
                given(system.simulator()).delete("/_sim/faults/" + Docketsync.mailboxOf(u));
            }
        }
    }

    private void step() {
        int dice = this.dice.nextInt(100);
        if (live.isEmpty() || dice < 28) {
            apiCreate();
        } else if (dice < 42) {
            apiEdit();
        } else if (dice < 53) {
            apiReschedule();
        } else if (dice < 60) {
            apiDelete();
        } else if (dice < 76) {
            outlookEdit();
        } else if (dice < 86) {
            outlookDelete();
        } else if (dice < 92) {
            outlookOwnEvent();
        } else if (dice < 96) {
            apiOccurrence();
        } else {
            outlookOccurrence();
        }
    }

    private void apiCreate() {
        String creator = pick(users);
        List<String> scheduled = subset(creator);
        if (random.nextInt(4) == 0) {
            apiCreateSeries(creator, scheduled);
            return;
        }
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(2 + random.nextInt(20));
        LocalDateTime start = day.atTime(7 + random.nextInt(10), random.nextBoolean() ? 0 : 30);
        String id = app.create(creator, AppClient.appointment(maybePrefixed(subject("created")), start.toString(),
                start.plusMinutes(30 + 30L * random.nextInt(3)).toString(), pick(List.of(ZONES)), scheduled, true));
        live.put(id, creator);
        count("api create");
    }

    /** A weekly series well inside the compared days, its first occurrence 3 to 9 days ahead. */
    private void apiCreateSeries(String creator, List<String> scheduled) {
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(3 + random.nextInt(7));
        LocalDateTime start = day.atTime(7 + random.nextInt(9), random.nextBoolean() ? 0 : 30);
        Map<String, Object> body = new HashMap<>(AppClient.appointment(maybePrefixed(subject("series")),
                start.toString(), start.plusMinutes(30 + 30L * random.nextInt(2)).toString(), pick(List.of(ZONES)),
                scheduled, true));
        body.put("recurrence", Map.of(
                "pattern", Map.of("type", "weekly", "interval", 1,
                        "daysOfWeek", List.of(day.getDayOfWeek().name().toLowerCase(java.util.Locale.ROOT))),
                "range", Map.of("type", "numbered", "startDate", day.toString(), "numberOfOccurrences", SERIES_LENGTH)));
        String id = app.create(creator, body);
        live.put(id, creator);
        series.add(id);
        count("api create of a series");
    }

    /** One occurrence of a series moved (same day, later) or cancelled in the app: the exceptions list replaced. */
    private void apiOccurrence() {
        List<String> mine = live.keySet().stream().filter(series::contains).toList();
        if (mine.isEmpty()) {
            String creator = pick(users);
            apiCreateSeries(creator, subset(creator));
            return;
        }
        String id = pick(mine);
        var activity = app.get(live.get(id), id);
        if (activity == null) {
            count("api occurrence change of a vanished series");
            return;
        }
        LocalDateTime first = LocalDateTime.parse(activity.getString("start"));
        long minutes = Duration.between(first, LocalDateTime.parse(activity.getString("end"))).toMinutes();
        LocalDateTime original = first.plusWeeks(random.nextInt(SERIES_LENGTH));
        List<Map<String, Object>> exceptions = new ArrayList<>();
        List<Map<String, Object>> before = activity.getList("exceptions");
        boolean wasCancelled = false;
        for (Map<String, Object> x : before == null ? List.<Map<String, Object>>of() : before) {
            if (!LocalDateTime.parse(x.get("originalStart").toString()).equals(original)) {
                exceptions.add(x);
            } else {
                wasCancelled = Boolean.TRUE.equals(x.get("cancelled"));
            }
        }
        boolean cancel = random.nextBoolean();
        if (wasCancelled && !cancel) {
            // Outlook cannot make a deleted occurrence again in its series, so the app refuses to bring it back
            Response r = app.patch(live.get(id), id, Map.of("exceptions", exceptions));
            if (r.statusCode() == 200) {
                throw new AssertionError("a cancelled occurrence of " + id + " was brought back: " + r.asString());
            }
            count("api cancelled occurrence brought back: answered " + r.statusCode());
            return;
        }
        if (cancel) {
            exceptions.add(Map.of("originalStart", original.toString(), "cancelled", true));
        } else {
            LocalDateTime moved = original.plusHours(1 + random.nextInt(3));
            exceptions.add(Map.of("originalStart", original.toString(), "start", moved.toString(),
                    "end", moved.plusMinutes(minutes).toString()));
        }
        accepted(app.patch(live.get(id), id, Map.of("exceptions", exceptions)),
                cancel ? "api occurrence cancelled" : "api occurrence moved");
    }

    /**
     * A user moves (same day, later) or deletes one occurrence of docketsync's series in Outlook: with edit ANY the
     * move is an exception for everyone; a deletion cancels the occurrence for everyone, unless the user may delete
     * only their own activities and it is another's (then it stays gone from their calendar only).
     */
    private void outlookOccurrence() {
        Map<String, Object> master = someLinkedEvent(true);
        if (master == null) {
            count("outlook occurrence change: no series linked yet");
            return;
        }
        String user = master.get("_user").toString();
        String id = Outlook.activityOf(master);
        List<Map<String, Object>> occurrences = occurrencesIn(user, master);
        if (occurrences == null) {
            count("outlook occurrence change of a vanished series");
            return;
        }
        if (occurrences.isEmpty()) {
            count("outlook occurrence change: no occurrence");
            return;
        }
        Map<String, Object> o = pick(occurrences);
        if (random.nextBoolean()) {
            int later = 1 + random.nextInt(3);
            LocalDateTime start = LocalDateTime.parse(((Map<?, ?>) o.get("start")).get("dateTime").toString()
                    .substring(0, 19)).plusHours(later);
            LocalDateTime end = LocalDateTime.parse(((Map<?, ?>) o.get("end")).get("dateTime").toString()
                    .substring(0, 19)).plusHours(later);
            try {
                outlook.update(user, o.get("id").toString(), Map.of(
                        "start", Map.of("dateTime", start.toString(), "timeZone", "UTC"),
                        "end", Map.of("dateTime", end.toString(), "timeZone", "UTC")));
                count("outlook occurrence moved");
            } catch (AssertionError gone) {
                count("outlook occurrence move of a vanished occurrence");
            }
        } else if (outlook.delete(user, o.get("id").toString())) {
            if (deletesOnlyOwn(user) && !user.equals(live.get(id))) {
                mayBeGone.add(user + "|" + id + "|" + instant(o.get("originalStart")));
                count("outlook occurrence delete by a restricted user");
            } else {
                count("outlook occurrence delete");
            }
        }
    }

    private void apiEdit() {
        String id = pick(new ArrayList<>(live.keySet()));
        if (series.contains(id)) {
            // a series keeps its days (its pattern names them): renamed only
            accepted(app.patch(live.get(id), id, Map.of("subject", maybePrefixed(subject("edited")))),
                    "api edit of a series");
            return;
        }
        LocalDateTime start = LocalDate.now(ZoneOffset.UTC).plusDays(2 + random.nextInt(20))
                .atTime(7 + random.nextInt(10), 15);
        Response r = app.patch(live.get(id), id, Map.of("subject", maybePrefixed(subject("edited")), "start", start.toString(),
                "end", start.plusMinutes(45).toString()));
        accepted(r, "api edit");
    }

    private void apiReschedule() {
        String id = pick(new ArrayList<>(live.keySet()));
        Response r = app.patch(live.get(id), id, Map.of("scheduledFor", subset(live.get(id))));
        accepted(r, "api scheduled-for change");
    }

    private void apiDelete() {
        String id = pick(new ArrayList<>(live.keySet()));
        int status = app.delete(live.get(id), id);
        live.remove(id);
        deleted.add(id);
        count(status == 204 ? "api delete" : "api delete answered " + status);
    }

    /** A user edits docketsync's event in their calendar: subject and time (ANY: the activity follows). */
    private void outlookEdit() {
        Map<String, Object> e = someLinkedEvent(false);
        if (e == null) {
            owedOutlook.add(this::outlookEdit);
            return;
        }
        LocalDateTime start = LocalDate.now(ZoneOffset.UTC).plusDays(2 + random.nextInt(20))
                .atTime(8 + random.nextInt(9), 0);
        try {
            outlook.update(e.get("_user").toString(), e.get("id").toString(), Map.of("subject",
                    maybePrefixed(subject("outlook")),
                    "start", Map.of("dateTime", start.toString(), "timeZone", "UTC"),
                    "end", Map.of("dateTime", start.plusHours(1).toString(), "timeZone", "UTC")));
            count("outlook edit");
        } catch (AssertionError gone) {
            count("outlook edit of a vanished event");
        }
    }

    /**
     * A user deletes docketsync's event in their calendar: allowed to delete the activity, it is deleted for
     * everyone; restricted (OWN, another's activity), the user only leaves its Scheduled For.
     */
    private void outlookDelete() {
        Map<String, Object> e = someLinkedEvent(random.nextInt(5) == 0);
        if (e == null) {
            owedOutlook.add(this::outlookDelete);
            return;
        }
        String user = e.get("_user").toString();
        String id = Outlook.activityOf(e);
        if (outlook.delete(user, e.get("id").toString())) {
            if (deletesOnlyOwn(user) && !user.equals(live.get(id))) {
                count("outlook delete by a restricted user");
            } else {
                live.remove(id);
                deleted.add(id);
                count("outlook delete");
            }
        }
    }

    private boolean deletesOnlyOwn(String user) {
        return users.indexOf(user) % 3 == 2;
    }

    /** A user's own event in Outlook: with the prefix it comes over as an activity, without it stays in Outlook. */
    private void outlookOwnEvent() {
        String u = pick(users);
        boolean comesOver = random.nextBoolean();
        String subject = comesOver ? PREFIX + " " + subject("incoming") : subject("own");
        LocalDateTime start = LocalDate.now(ZoneOffset.UTC).plusDays(2 + random.nextInt(20)).atTime(12, 0);
        outlook.create(u, Map.of("subject", subject, "start", Map.of("dateTime", start.toString(), "timeZone", "UTC"),
                "end", Map.of("dateTime", start.plusMinutes(30).toString(), "timeZone", "UTC")));
        (comesOver ? incoming : foreign).computeIfAbsent(u, k -> new ArrayList<>()).add(subject);
        count(comesOver ? "outlook new event with the prefix" : "outlook own event");
    }

    /** Carries out owed Outlook changes in order until one still finds nothing linked (it stays owed). */
    private void payOwedOutlook() {
        while (!owedOutlook.isEmpty()) {
            int before = owedOutlook.size();
            owedOutlook.poll().run();
            if (owedOutlook.size() == before) {
                return; // it was owed again: nothing is linked yet, the others would find nothing either
            }
        }
    }

    /** A live activity's event in some user's calendar: a series master, or a single event. */
    private Map<String, Object> someLinkedEvent(boolean aSeries) {
        List<String> order = new ArrayList<>(users);
        java.util.Collections.shuffle(order, random);
        for (String u : order) {
            List<Map<String, Object>> mine = outlook.events(u, null).stream()
                    .filter(e -> live.containsKey(Outlook.activityOf(e))
                            && "seriesMaster".equals(e.get("type")) == aSeries).toList();
            if (!mine.isEmpty()) {
                Map<String, Object> e = new HashMap<>(mine.get(random.nextInt(mine.size())));
                e.put("_user", u);
                return e;
            }
        }
        return null;
    }

    /** Every mailbox against what the activities say it must hold. */
    public Report compare() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String from = today.minusDays(2).toString();
        String to = today.plusDays(40).toString();
        int expected = 0, lost = 0, duplicated = 0, orphaned = 0, stale = 0, lostActivities = 0, turned = 0, stray = 0;
        int expectedOccurrences = 0;
        List<String> details = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Map<String, List<String>> firstFirmEvents = new HashMap<>();
        for (String u : users) {
            Map<String, Map<String, Object>> shouldHold = new HashMap<>();
            // a series' occurrences as the activity says: series id → original start (UTC) → occurrence item
            Map<String, Map<java.time.Instant, Map<String, Object>>> occurrencesOf = new HashMap<>();
            Map<String, Integer> cameOver = new HashMap<>(); // subject of a prefixed Outlook event → its activities
            List<String> mine = incoming.getOrDefault(u, List.of());
            for (Map<String, Object> a : app.list(u, from, to)) {
                String id = a.get("id").toString();
                seen.add(id);
                String subject = String.valueOf(a.get("subject"));
                if (!live.containsKey(id) && !deleted.contains(id) && subject.contains(runTag)) {
                    // not made through the API by this run: only the prefixed Outlook events may have become these
                    if (mine.contains(subject)) {
                        cameOver.merge(subject, 1, Integer::sum); // linked to the user's own event, not one of ours
                    } else if (subject.contains(runTag + " own")) {
                        turned++;
                        details.add("Outlook-only event became activity " + id + " for " + u);
                    } else {
                        stray++;
                        details.add("activity nobody made: " + id + " '" + subject + "' for " + u);
                    }
                    continue;
                }
                boolean scheduled = ((List<?>) a.get("scheduledFor")).stream()
                        .anyMatch(s -> u.equals(((Map<?, ?>) s).get("userId")));
                if (Boolean.TRUE.equals(a.get("pushToOffice365")) && scheduled) {
                    if (Boolean.TRUE.equals(a.get("occurrence"))) {
                        occurrencesOf.computeIfAbsent(id, k -> new HashMap<>()).put(LocalDateTime.parse(
                                a.get("originalStart").toString()).atZone(ZoneId.of(a.get("timeZone").toString()))
                                .toInstant(), a);
                        shouldHold.putIfAbsent(id, a);
                    } else {
                        shouldHold.put(id, a);
                    }
                }
            }
            for (String id : series) {
                if (!shouldHold.containsKey(id) && seriesWithNoOccurrenceListed(u, id)) {
                    // pushed as one series whatever its occurrences: its master is expected, with none of them
                    shouldHold.put(id, Map.of("id", id));
                    occurrencesOf.put(id, Map.of());
                }
            }
            List<Map<String, Object>> events = outlook.events(u, null);
            Map<String, List<Map<String, Object>>> byActivity = new HashMap<>();
            for (Map<String, Object> e : events) {
                String id = Outlook.activityOf(e);
                if (id != null) {
                    byActivity.computeIfAbsent(id, k -> new ArrayList<>()).add(e);
                    firstFirmEvents.computeIfAbsent(u, k -> new ArrayList<>()).add(id);
                }
            }
            expected += shouldHold.size();
            for (var entry : shouldHold.entrySet()) {
                List<Map<String, Object>> copies = byActivity.getOrDefault(entry.getKey(), List.of());
                if (copies.isEmpty()) {
                    lost++;
                    details.add("lost: " + entry.getKey() + " not in " + u + "'s calendar");
                } else {
                    if (copies.size() > 1) {
                        duplicated += copies.size() - 1;
                        details.add("duplicated: " + entry.getKey() + " " + copies.size() + "x in " + u + "'s calendar");
                    }
                    Map<java.time.Instant, Map<String, Object>> wanted = occurrencesOf.get(entry.getKey());
                    String why = wanted == null ? differs(entry.getValue(), copies.get(0))
                            : seriesDiffers(entry.getKey(), copies.get(0));
                    if (why != null) {
                        stale++;
                        details.add("stale: " + entry.getKey() + " in " + u + "'s calendar: " + why);
                    }
                    if (wanted != null) {
                        expectedOccurrences += wanted.size();
                        int[] found = occurrences(u, entry.getKey(), copies.get(0), wanted, details);
                        lost += found[0];
                        orphaned += found[1];
                        stale += found[2];
                    }
                }
            }
            for (var entry : byActivity.entrySet()) {
                if (!shouldHold.containsKey(entry.getKey())) {
                    orphaned += entry.getValue().size();
                    details.add("orphaned: " + entry.getValue().size() + " event(s) of " + entry.getKey() + " in " + u
                            + "'s calendar");
                }
            }
            for (String subject : foreign.getOrDefault(u, List.of())) {
                long n = events.stream().filter(e -> subject.equals(e.get("subject"))).count();
                if (n != 1) {
                    lost++;
                    details.add("Outlook-only event '" + subject + "' of " + u + " is there " + n + "x");
                }
            }
            for (String subject : mine) {
                long n = events.stream().filter(e -> subject.equals(e.get("subject"))).count();
                int activities = cameOver.getOrDefault(subject, 0);
                if (n != 1) {
                    lost++;
                    details.add("Outlook event '" + subject + "' of " + u + " is there " + n + "x");
                }
                if (activities == 0) {
                    lost++;
                    details.add("lost: Outlook event '" + subject + "' of " + u + " never became an activity");
                } else if (activities > 1) {
                    duplicated += activities - 1;
                    details.add("duplicated: Outlook event '" + subject + "' of " + u + " became " + activities
                            + " activities");
                }
            }
        }
        for (String id : live.keySet()) {
            if (!seen.contains(id) && app.get(live.get(id), id) == null) {
                lostActivities++;
                details.add("activity " + id + " is gone though no one deleted it");
            }
        }
        int crossed = crossed(firstFirmEvents, details);
        return new Report(expected, expectedOccurrences, lost, duplicated, orphaned, stale, lostActivities, turned,
                stray, crossed, details, Map.copyOf(counts), 0);
    }

    /** The series master against the activity: its subject (its times are the first occurrence's, compared below). */
    private String seriesDiffers(String id, Map<String, Object> master) {
        if (!"seriesMaster".equals(master.get("type"))) {
            return "a single event (" + master.get("type") + ") where the activity is a series";
        }
        var activity = app.get(live.getOrDefault(id, users.get(0)), id);
        if (activity != null && !activity.getString("subject").equals(master.get("subject"))) {
            return "series subject '" + master.get("subject") + "' but the activity says '"
                    + activity.getString("subject") + "'";
        }
        return null;
    }

    /**
     * A live series of the run, pushed and scheduled for the user, that the listing of the compared days shows no
     * occurrence of (every one cancelled, in the app or in Outlook): it is still pushed, as a series none of whose
     * occurrences is left.
     */
    private boolean seriesWithNoOccurrenceListed(String u, String id) {
        if (!live.containsKey(id)) {
            return false;
        }
        var activity = app.get(live.get(id), id);
        if (activity == null || !Boolean.TRUE.equals(activity.getBoolean("pushToOffice365"))) {
            return false;
        }
        List<Map<String, Object>> scheduled = activity.getList("scheduledFor");
        return scheduled != null && scheduled.stream().anyMatch(s -> u.equals(s.get("userId")));
    }

    /**
     * The series' occurrences in the user's calendar against the activity's, matched by original start: {lost,
     * orphaned, stale} (an occurrence the user may have deleted for themselves only is not lost).
     */
    private int[] occurrences(String u, String id, Map<String, Object> master,
            Map<java.time.Instant, Map<String, Object>> wanted, List<String> details) {
        Map<java.time.Instant, Map<String, Object>> there = new HashMap<>();
        List<Map<String, Object>> read = occurrencesIn(u, master);
        if (read == null) {
            // deleted since the calendar was listed: the next comparison sees it gone
            details.add("series " + id + " left " + u + "'s calendar while being compared");
            return new int[] {1, 0, 0};
        }
        for (Map<String, Object> o : read) {
            there.put(instant(o.get("originalStart")), o);
        }
        int[] found = new int[3];
        for (var w : wanted.entrySet()) {
            Map<String, Object> o = there.get(w.getKey());
            if (o == null) {
                if (!mayBeGone.contains(u + "|" + id + "|" + w.getKey())) {
                    found[0]++;
                    details.add("lost occurrence: " + id + " at " + w.getKey() + " not in " + u + "'s calendar");
                }
                continue;
            }
            String why = differs(w.getValue(), o);
            if (why != null) {
                found[2]++;
                details.add("stale occurrence: " + id + " at " + w.getKey() + " in " + u + "'s calendar: " + why);
            }
        }
        for (var o : there.entrySet()) {
            if (!wanted.containsKey(o.getKey())) {
                found[1]++;
                details.add("orphaned occurrence: " + id + " at " + o.getKey() + " in " + u
                        + "'s calendar (cancelled, or not of the series)");
            }
        }
        return found;
    }

    /** The series' occurrences over the compared days, or null when the series is gone (deleted meanwhile). */
    private List<Map<String, Object>> occurrencesIn(String user, Map<String, Object> master) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try {
            return outlook.instances(user, master.get("id").toString(), today.minusDays(2), today.plusDays(40), null);
        } catch (AssertionError gone) {
            if (!String.valueOf(gone.getMessage()).contains("answered 404")) {
                throw gone;
            }
            return null;
        }
    }

    /** Graph's originalStart (an instant, with or without its Z) as an instant. */
    private static java.time.Instant instant(Object originalStart) {
        String s = String.valueOf(originalStart);
        return s.endsWith("Z") || s.matches(".*[+-]\\d\\d:\\d\\d$") ? java.time.OffsetDateTime.parse(s).toInstant()
                : LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
    }

    /** Subject and start (as an instant) of the event against the activity; null when they agree. */
    private static String differs(Map<String, Object> activity, Map<String, Object> event) {
        if (!String.valueOf(activity.get("subject")).equals(event.get("subject"))) {
            return "subject '" + event.get("subject") + "' but the activity says '" + activity.get("subject") + "'";
        }
        LocalDateTime wall = LocalDateTime.parse(activity.get("start").toString());
        LocalDateTime utc = wall.atZone(ZoneId.of(activity.get("timeZone").toString()))
                .withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
        String start = ((Map<?, ?>) event.get("start")).get("dateTime").toString();
        if (!LocalDateTime.parse(start.substring(0, 19)).equals(utc)) {
            return "starts " + start + " UTC but the activity at " + utc + " UTC";
        }
        return null;
    }

    private void accepted(Response r, String what) {
        // an activity deleted meanwhile from Outlook (404) or changed under us (412) is a lost race, not a failure
        count(r.statusCode() == 200 ? what : what + " answered " + r.statusCode());
    }

    private List<String> subset(String must) {
        List<String> s = new ArrayList<>(List.of(must));
        for (String u : users) {
            if (!u.equals(must) && random.nextInt(users.size()) < 2) {
                s.add(u);
            }
        }
        return s;
    }

    /** Half the app's subjects carry the prefix: their echoes must not come back as activities either. */
    private String maybePrefixed(String subject) {
        return random.nextBoolean() ? PREFIX + " " + subject : subject;
    }

    private String subject(String what) {
        return runTag + " " + what + " " + Integer.toString(random.nextInt(1 << 20), 36);
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private void count(String what) {
        counts.merge(what, 1, Integer::sum);
    }

    private static long secondsSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000_000L;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void say(String line) {
        System.out.println("[chaos] " + line);
        System.out.flush();
    }
}
