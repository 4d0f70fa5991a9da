package io.docketsync.scenarios.chaos;

import static io.restassured.RestAssured.given;

import io.docketsync.scenarios.AppClient;
import io.docketsync.scenarios.Docketsync;
import io.docketsync.scenarios.Outlook;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The chaos run's deletion burst (issue 18), a step of its own after the run's comparison: one user (with delete ANY)
 * deletes 50 linked events in Outlook at once. The firm's threshold (massDeleteThreshold, default 20 in 10 minutes)
 * is applied, the rest held: not lost (the activities still exist), not applied. Then the administrator decides,
 * seeded: some held deletions are rejected (the activity stays, its event is written back, once) and the others
 * applied (the activity is deleted, no event left).
 */
final class DeletionBurstStep {
    static final int BURST = 50;
    static final String USER = "chaosburst";

    /** What the step found; {@code mismatches} counts every expectation missed, each named in {@code details}. */
    record Result(int threshold, int applied, int held, int rejected, int appliedByAdmin, int mismatches,
            List<String> details) {
        String summary() {
            return String.format("deletion burst of %d (threshold %d): applied at once %d, held %d; the administrator "
                    + "rejected %d and applied %d; mismatches %d", BURST, threshold, applied, held, rejected,
                    appliedByAdmin, mismatches);
        }
    }

    private final Docketsync system;
    private final AppClient app;
    private final Outlook outlook;
    private final Random random;
    private final String tag;
    private final List<String> details = new ArrayList<>();
    private int mismatches;

    DeletionBurstStep(Docketsync system, long seed, String runTag) {
        this.system = system;
        this.app = new AppClient(system);
        this.outlook = system.outlook();
        this.random = new Random(seed * 13 + 5);
        this.tag = "burst " + runTag;
    }

    Result run() {
        int threshold = ((Number) app.settings("alice").getOrDefault("massDeleteThreshold", 20)).intValue();
        Response sim = given(system.simulator()).body(Map.of("userPrincipalName", Docketsync.mailboxOf(USER),
                "displayName", "Chaos burst", "onPremises", false)).post("/_sim/users");
        if (sim.statusCode() != 201 && sim.statusCode() != 409) {
            throw new IllegalStateException("simulator user " + USER + ": " + sim.statusCode() + " " + sim.asString());
        }
        app.putUser("alice", USER, "Chaos burst", false, "ANY", "ANY");
        if (!"CONNECTED".equals(app.connectionState(USER))) {
            var landed = app.connect(USER);
            if (!landed.getQuery().contains("office365=connected")) {
                throw new IllegalStateException(USER + "'s Connect ended at " + landed);
            }
        }
        waitFor("burst user connected", Duration.ofSeconds(120), () -> app.me(USER).getBoolean("connected")
                && app.me(USER).getBoolean("known"));

        List<String> ids = new ArrayList<>();
        LocalDate first = LocalDate.now(ZoneOffset.UTC).plusDays(2);
        for (int i = 0; i < BURST; i++) {
            LocalDateTime start = first.plusDays(i % 20).atTime(8 + i % 9, 0);
            ids.add(app.create(USER, AppClient.appointment(tag + " " + i, start.toString(),
                    start.plusMinutes(30).toString(), "Europe/London", List.of(USER), true)));
        }
        Map<String, String> eventOf = new LinkedHashMap<>();
        // when they do not arrive, the app's sync status of the missing ones tells a plan that took the user for
        // unconnected (PENDING) from a write that never ended (none)
        waitFor("the burst's " + BURST + " events in Outlook", Duration.ofSeconds(300), () -> {
            eventOf.clear();
            outlook.events(USER, null).stream().filter(e -> ids.contains(Outlook.activityOf(e)))
                    .forEach(e -> eventOf.put(Outlook.activityOf(e), String.valueOf(e.get("id"))));
            return eventOf.size() == BURST;
        }, () -> eventOf.size() + " there; the others' sync status for " + USER + ": "
                + statusesOf(ids, eventOf.keySet()));
        say("deletion burst: " + BURST + " events of " + USER + " deleted in Outlook at once");
        eventOf.values().forEach(id -> outlook.delete(USER, id));

        // applied at once up to the threshold, the rest held; settled when every deletion is one or the other
        int[] seen = new int[2];
        List<Map<String, Object>> held = new ArrayList<>();
        waitFor("every deletion applied or held", Duration.ofSeconds(300), () -> {
            held.clear();
            held.addAll(heldChanges());
            int gone = (int) ids.stream().filter(id -> app.get(USER, id) == null).count();
            boolean settled = gone + held.size() == BURST && seen[0] == gone && seen[1] == held.size();
            seen[0] = gone;
            seen[1] = held.size();
            return settled;
        });
        int applied = seen[0];
        if (applied != threshold) {
            miss("applied at once " + applied + ", the threshold is " + threshold);
        }
        for (Map<String, Object> h : held) {
            String activity = activityOf(h);
            if (app.get(USER, activity) == null) {
                miss("held deletion of " + activity + " was applied anyway (the activity is gone)");
            }
        }

        // the administrator's decision, seeded: each held deletion rejected or applied
        List<String> rejected = new ArrayList<>();
        List<String> appliedByAdmin = new ArrayList<>();
        for (Map<String, Object> h : held) {
            boolean reject = random.nextBoolean();
            Response r = given(system.as("alice", Docketsync.SYNC_WORKER))
                    .post("/office365/held-changes/" + h.get("id") + (reject ? "/reject" : "/apply"));
            if (r.statusCode() != 200) {
                miss("deciding " + h.get("id") + " answered " + r.statusCode() + ": " + r.asString());
                continue;
            }
            (reject ? rejected : appliedByAdmin).add(activityOf(h));
        }
        say("deletion burst: " + applied + " applied at once, " + held.size() + " held; the administrator rejects "
                + rejected.size() + " and applies " + appliedByAdmin.size());
        boolean done = waitQuietly(Duration.ofSeconds(300), () -> decided(rejected, appliedByAdmin, false));
        if (!done) {
            decided(rejected, appliedByAdmin, true);
        }
        if (!heldChanges().isEmpty()) {
            miss("held changes still waiting after the decision: " + heldChanges().size());
        }
        return new Result(threshold, applied, held.size(), rejected.size(), appliedByAdmin.size(), mismatches,
                List.copyOf(details));
    }

    /** Rejected: the activity and exactly one event of it; applied: neither. Misses recorded when {@code record}. */
    private boolean decided(List<String> rejected, List<String> applied, boolean record) {
        Map<String, Integer> events = new LinkedHashMap<>();
        outlook.events(USER, null).forEach(e -> {
            String a = Outlook.activityOf(e);
            if (a != null) {
                events.merge(a, 1, Integer::sum);
            }
        });
        boolean ok = true;
        for (String id : rejected) {
            int n = events.getOrDefault(id, 0);
            if (app.get(USER, id) == null || n != 1) {
                ok = false;
                if (record) {
                    miss("rejected " + id + ": activity " + (app.get(USER, id) == null ? "gone" : "there") + ", "
                            + n + " events");
                }
            }
        }
        for (String id : applied) {
            int n = events.getOrDefault(id, 0);
            if (app.get(USER, id) != null || n != 0) {
                ok = false;
                if (record) {
                    miss("applied " + id + ": activity " + (app.get(USER, id) == null ? "gone" : "still there") + ", "
                            + n + " events");
                }
            }
        }
        return ok;
    }

    private List<Map<String, Object>> heldChanges() {
        return given(system.as("alice", Docketsync.SYNC_WORKER)).queryParam("user", USER)
                .get("/office365/held-changes").then().statusCode(200).extract().jsonPath().getList("");
    }

    @SuppressWarnings("unchecked")
    private static String activityOf(Map<String, Object> held) {
        return String.valueOf(((Map<String, Object>) held.get("activity")).get("id"));
    }

    private void miss(String what) {
        mismatches++;
        details.add("burst: " + what);
    }

    /** The user's sync status (and reason) of each activity not among {@code there}, counted. */
    private String statusesOf(List<String> ids, Set<String> there) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String id : ids) {
            if (there.contains(id)) {
                continue;
            }
            String status;
            try {
                var a = app.get(USER, id);
                String path = "scheduledFor.find { it.userId == '" + USER + "' }";
                status = a == null ? "activity gone" : a.getString(path + ".syncStatus") + " "
                        + a.getString(path + ".syncReason");
            } catch (RuntimeException | AssertionError e) {
                status = "unreadable (" + e.getMessage() + ")";
            }
            counts.merge(status, 1, Integer::sum);
        }
        return counts.toString();
    }

    private static void waitFor(String what, Duration patience, java.util.function.BooleanSupplier done) {
        waitFor(what, patience, done, () -> null);
    }

    /** @param found what was found instead, for the failure's message (null: nothing to add) */
    private static void waitFor(String what, Duration patience, java.util.function.BooleanSupplier done,
            Supplier<String> found) {
        if (!waitQuietly(patience, done)) {
            String instead = found.get();
            throw new IllegalStateException("deletion burst: " + what + " not within " + patience.toSeconds() + " s"
                    + (instead == null ? "" : " (" + instead + ")"));
        }
    }

    private static boolean waitQuietly(Duration patience, java.util.function.BooleanSupplier done) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (done.getAsBoolean()) {
                    return true;
                }
            } catch (RuntimeException | AssertionError e) {
                // a service restarting or busy: asked again
            }
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static void say(String line) {
        System.out.println("[chaos] " + line);
        System.out.flush();
    }
}
