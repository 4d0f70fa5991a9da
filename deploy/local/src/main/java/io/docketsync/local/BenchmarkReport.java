package io.docketsync.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docketsync.contracts.EventCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints benchmark runs side by side (deploy/local/benchmark.sh calls it): each run's table, lined up by measure,
 * and the scale-out ratio of two runs of the high phase.
 * <pre>
 * BenchmarkReport [--scale ONE.json TWO.json] RUN.json [RUN.json...]
 * </pre>
 */
public final class BenchmarkReport {
    private static final ObjectMapper JSON = EventCodec.mapper();

    private BenchmarkReport() {
    }

    public static void main(String[] args) throws Exception {
        List<JsonNode> runs = new ArrayList<>();
        JsonNode one = null;
        JsonNode two = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--scale")) {
                one = read(args[++i]);
                two = read(args[++i]);
            } else {
                runs.add(read(args[i]));
            }
        }
        System.out.println(sideBySide(runs));
        if (one != null) {
            System.out.println(scaleOut(one, two));
        }
    }

    private static JsonNode read(String file) throws Exception {
        return JSON.readTree(Files.readString(Path.of(file)));
    }

    static String sideBySide(List<JsonNode> runs) {
        Set<String> measures = new LinkedHashSet<>();
        runs.forEach(r -> r.path("table").fieldNames().forEachRemaining(measures::add));
        List<String> heads = new ArrayList<>();
        runs.forEach(r -> heads.add(r.path("label").asText("run") + " (" + r.path("run").asText() + ")"));
        int first = Math.max(7, measures.stream().mapToInt(String::length).max().orElse(7));
        List<Integer> widths = new ArrayList<>();
        for (int c = 0; c < runs.size(); c++) {
            int w = heads.get(c).length();
            for (String m : measures) {
                w = Math.max(w, runs.get(c).path("table").path(m).asText("—").length());
            }
            widths.add(Math.min(w, 60));
        }
        StringBuilder b = new StringBuilder("\n== docketsync benchmark\n\n");
        b.append(String.format("  %-" + first + "s", "measure"));
        for (int c = 0; c < runs.size(); c++) {
            b.append(String.format(" | %-" + widths.get(c) + "s", heads.get(c)));
        }
        b.append('\n').append("  ").append("-".repeat(first));
        widths.forEach(w -> b.append("-+-").append("-".repeat(w)));
        b.append('\n');
        for (String m : measures) {
            b.append(String.format("  %-" + first + "s", m));
            for (int c = 0; c < runs.size(); c++) {
                JsonNode v = runs.get(c).path("table").path(m);
                b.append(String.format(" | %-" + widths.get(c) + "s", v.isMissingNode() ? "—" : v.asText()));
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String p99(JsonNode phase) {
        JsonNode p99 = phase.path("saveToEventMs").path("p99");
        return p99.isNumber() ? Benchmark.seconds(p99.asLong()) : "none";
    }

    /** The high phase with one instance of the worker and connector, and with more: throughput ratio and checks. */
    static String scaleOut(JsonNode one, JsonNode two) {
        JsonNode a = one.path("results").path("high");
        JsonNode b = two.path("results").path("high");
        double t1 = a.path("throughputEventsPerSecond").asDouble();
        double t2 = b.path("throughputEventsPerSecond").asDouble();
        // the events a second the saves offered could make at most: an edit moves an event, it makes none
        double rate = a.path("targetRatePerSecond").asDouble();
        double offered = a.path("changesOffered").asDouble() > 0
                ? rate * a.path("saves").asDouble() / a.path("changesOffered").asDouble() : rate;
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("outbound events/s, " + one.path("label").asText(), String.valueOf(t1));
        rows.put("outbound events/s, " + two.path("label").asText(), String.valueOf(t2));
        rows.put("throughput ratio", t1 == 0 ? "—" : String.format("%.2f×%s", t2 / t1, t1 >= 0.95 * offered
                ? String.format(" (one instance already kept up with the %.0f saves a second offered: raise --rate"
                        + " to find where it stops)", offered) : ""));
        rows.put("save → event p99, " + one.path("label").asText(), p99(a));
        rows.put("save → event p99, " + two.path("label").asText(), p99(b));
        for (JsonNode run : List.of(one, two)) {
            JsonNode high = run.path("results").path("high");
            if (high.has("coresBusy")) {
                double busy = high.path("coresBusy").asDouble();
                int cores = high.path("cores").asInt();
                rows.put("cores busy, " + run.path("label").asText(), String.format("%.2f of %d%s", busy, cores,
                        busy >= 0.9 * cores ? " (the machine is the limit: more instances share the same cores)"
                                : ""));
            }
        }
        for (JsonNode run : List.of(one, two)) {
            JsonNode high = run.path("results").path("high");
            JsonNode limits = high.path("mailboxLimits");
            rows.put("≤ " + limits.path("maxConcurrent").asInt(4) + " in flight per mailbox, " + run.path("label").asText(),
                    (limits.path("answered429").asInt(-1) == 0 ? "held" : "NOT held") + " (peak "
                            + limits.path("peakInFlightPerMailbox").asText() + ", " + limits.path("answered429").asText()
                            + " answered 429)");
            rows.put("per-mailbox order (edited activities on their last version), " + run.path("label").asText(),
                    (high.path("editedNotOnLastVersion").asInt(-1) == 0 ? "held" : "NOT held") + " ("
                            + (high.path("editedActivities").asInt() - high.path("editedNotOnLastVersion").asInt())
                            + " of " + high.path("editedActivities").asText() + ")");
        }
        int w = rows.keySet().stream().mapToInt(String::length).max().orElse(10);
        StringBuilder s = new StringBuilder("== scale-out (high phase)\n\n");
        rows.forEach((k, v) -> s.append(String.format("  %-" + w + "s  %s%n", k, v)));
        return s.toString();
    }
}
