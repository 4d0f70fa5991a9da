package io.docketsync.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.docketsync.contracts.EventCodec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark's parts that need no running platform: /proc reading, instances, the side-by-side report. */
class BenchmarkPartsTest {

    @Test
    void aPhaseStartsWhenThePlatformIsAtRestOrNoLongerCalming() {
        Quiet quiet = new Quiet(150, 0.10);
        // at rest: under the floor, whatever came before
        assertTrue(quiet.reached(-1, 120));
        assertTrue(quiet.reached(900, 150));
        // still calming after the last work: the first window, and one well under the one before it
        assertFalse(quiet.reached(-1, 900));
        assertFalse(quiet.reached(900, 700));
        // busy again (a late echo): not quiet
        assertFalse(quiet.reached(300, 400));
        // a plateau within 10 % either way: the platform's own idle cost, which no wait removes
        assertTrue(quiet.reached(400, 370));
        assertTrue(quiet.reached(400, 440));
        assertFalse(quiet.reached(400, 350));
    }

    @Test
    void cpuTicksAreReadAfterACommandNameWithSpacesAndParentheses() {
        // fields 14–17 (utime, stime, cutime, cstime) are 7, 3, 20, 1
        String stat = "4242 (java (odd) name) S 1 4242 4242 0 -1 4194560 100 0 0 0 7 3 20 1 20 0 40 0 123 0 0";
        assertEquals(31, ProcessCpu.ticks(stat));
    }

    @Test
    void thisProcesssCpuGrowsWhileItWorks() {
        long pid = ProcessHandle.current().pid();
        long before = ProcessCpu.ticks(pid);
        long needed = ProcessCpu.ticksPerSecondOfThisMachine() / 5; // 200 ms of CPU
        long deadline = System.nanoTime() + 30_000_000_000L;
        double sink = 0;
        while (ProcessCpu.ticks(pid) - before < needed && System.nanoTime() < deadline) {
            for (int i = 0; i < 1_000_000; i++) {
                sink += Math.sqrt(i);
            }
        }
        assertTrue(ProcessCpu.ticks(pid) - before >= needed, "CPU ticks did not grow (" + sink + ")");
    }

    @Test
    void theJvmsCompilerAndCollectorThreadsAreToldApartByName() throws Exception {
        assertEquals(0, ProcessCpu.threadKind("C2 CompilerThre"));
        assertEquals(0, ProcessCpu.threadKind("C1 CompilerThre"));
        assertEquals(1, ProcessCpu.threadKind("GC Thread#0"));
        assertEquals(1, ProcessCpu.threadKind("G1 Refine#0"));
        assertEquals(1, ProcessCpu.threadKind("VM Thread"));
        assertEquals(-1, ProcessCpu.threadKind("vert.x-eventloo"));
        assertEquals(-1, ProcessCpu.threadKind("VM Periodic Tas"));
        // the names this very JVM gives its threads, as Linux shows them
        List<Integer> kinds = new java.util.ArrayList<>();
        try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/task"))) {
            for (var task : tasks.toList()) {
                kinds.add(ProcessCpu.threadKind(java.nio.file.Files.readString(task.resolve("comm")).trim()));
            }
        }
        assertTrue(kinds.contains(0), "no compiler thread among " + kinds);
        assertTrue(kinds.contains(1), "no GC or VM thread among " + kinds);
        // fields 14 and 15 (utime, stime) of a thread's stat are 7 and 3
        assertEquals(10, ProcessCpu.threadTicks(
                "4243 (C2 CompilerThre) S 1 4242 4242 0 -1 4194560 100 0 0 0 7 3 0 0 20 0 40 0 123 0 0"));
    }

    @Test
    void compilingAndCollectingArePartOfTheTotalNotAddedToIt() {
        Map<String, Double> perChange = Benchmark.perChange(cpu(300, 100, 500, 200, 50), 10);
        assertEquals(List.of("activity-service", "graph-simulator", "sync-worker", Benchmark.TOTAL, ProcessCpu.JIT,
                ProcessCpu.GC), List.copyOf(perChange.keySet()));
        assertEquals(80.0, perChange.get(Benchmark.TOTAL));
        assertEquals(20.0, perChange.get(ProcessCpu.JIT));
        assertEquals(5.0, perChange.get(ProcessCpu.GC));
    }

    @Test
    void coresBusyCountEveryProcessAndTheLoadGeneratorButNotTheJvmPartsTwice() {
        Map<String, Long> cpu = cpu(3_000, 1_000, 5_000, 2_000, 500);
        // 9 s of the processes and 1 s of the load generator in 5 s: two cores busy
        assertEquals(2.0, Benchmark.coresBusy(cpu, 1_000L, java.time.Duration.ofSeconds(5)));
        assertEquals(0.0, Benchmark.coresBusy(cpu, 1_000L, java.time.Duration.ZERO));
    }

    /** A phase's CPU ms as ProcessCpu reports it: three processes, then their JVMs' compiling and collecting. */
    private static Map<String, Long> cpu(long activityService, long simulator, long syncWorker, long jit, long gc) {
        Map<String, Long> cpu = new java.util.LinkedHashMap<>();
        cpu.put("activity-service", activityService);
        cpu.put("graph-simulator", simulator);
        cpu.put("sync-worker", syncWorker);
        cpu.put(ProcessCpu.JIT, jit);
        cpu.put(ProcessCpu.GC, gc);
        return cpu;
    }

    @Test
    void everyUserEditsEveryFifthOfTheirOwnChanges() {
        int users = 200;
        int[] edits = new int[users];
        for (int i = 0; i < 3000; i++) {
            edits[i % users] += Benchmark.editsTurn(i, users, 5) ? 1 : 0;
        }
        for (int user = 0; user < users; user++) {
            assertEquals(3, edits[user], "user " + user + " of 15 changes");
        }
        assertFalse(Benchmark.editsTurn(4, users, 5), "a user's first change is a save");
        assertFalse(Benchmark.editsTurn(999, users, 0), "--edits 0: no edits");
    }

    @Test
    void cpuBetweenTwoReadingsIsPerProcess() {
        assertEquals(Map.of("sync-worker", 250L, "kafka", 0L, "sync-worker-2", 40L),
                ProcessCpu.between(Map.of("sync-worker", 1000L, "kafka", 90L),
                        Map.of("sync-worker", 1250L, "kafka", 90L, "sync-worker-2", 40L)));
    }

    @Test
    void aSecondInstanceHasItsOwnNameAndPortAndOnlyScalableServicesHaveOne() {
        LocalPlatform.App worker = LocalPlatform.APPS.stream().filter(a -> a.name().equals("sync-worker")).findFirst()
                .orElseThrow();
        LocalPlatform.App second = worker.instance(2);
        assertEquals("sync-worker-2", second.name());
        assertEquals("sync-worker", second.module());
        assertEquals(8184, second.defaultPort());
        assertEquals("sync", second.database());
        LocalPlatform.Options options = LocalPlatform.Options.defaults(java.nio.file.Path.of("."));
        options.instances("connector-service", 2);
        assertThrows(IllegalArgumentException.class, () -> options.instances("activity-service", 2));
    }

    @Test
    void runsArePrintedSideBySideByMeasure() throws Exception {
        JsonNode newer = EventCodec.mapper().readTree("""
                {"run":"a1","label":"new","table":{"100/s: outbound events/s":"99.5","only new":"x"}}""");
        JsonNode older = EventCodec.mapper().readTree("""
                {"run":"b2","label":"old","table":{"100/s: outbound events/s":"16.7"}}""");
        String report = BenchmarkReport.sideBySide(List.of(newer, older));
        String row = report.lines().filter(l -> l.contains("outbound events/s")).findFirst().orElseThrow();
        assertTrue(row.matches(".*\\| 99\\.5\\s+\\| 16\\.7\\s*"), row);
        assertTrue(report.lines().anyMatch(l -> l.contains("only new") && l.contains("| —")), report);
    }

    @Test
    void theScaleOutRatioIsTheHighPhasesThroughputs() throws Exception {
        JsonNode one = EventCodec.mapper().readTree("""
                {"label":"new","results":{"high":{"targetRatePerSecond":100,"throughputEventsPerSecond":40.0,
                 "coresBusy":1.2,"cores":2,"saveToEventMs":{"p50":400,"p99":3786},
                 "mailboxLimits":{"answered429":0,"peakInFlightPerMailbox":4,"maxConcurrent":4},
                 "editedActivities":10,"editedNotOnLastVersion":0}}}""");
        JsonNode two = EventCodec.mapper().readTree("""
                {"label":"new x2","results":{"high":{"targetRatePerSecond":100,"throughputEventsPerSecond":72.0,
                 "coresBusy":1.95,"cores":2,
                 "mailboxLimits":{"answered429":3,"peakInFlightPerMailbox":4,"maxConcurrent":4},
                 "editedActivities":10,"editedNotOnLastVersion":1}}}""");
        String report = BenchmarkReport.scaleOut(one, two);
        assertTrue(report.contains("throughput ratio") && report.contains("1.80×"), report);
        assertTrue(report.lines().anyMatch(l -> l.contains("cores busy, new ") && l.endsWith("1.20 of 2")), report);
        // in seconds, as the phases' own rows are; a run without latencies says so
        assertTrue(report.lines().anyMatch(l -> l.contains("save → event p99, new ") && l.endsWith("3.79 s")), report);
        assertTrue(report.lines().anyMatch(l -> l.contains("save → event p99, new x2") && l.endsWith("none")), report);
        assertTrue(report.lines().anyMatch(l -> l.contains("throughput ratio") && !l.contains("kept up")), report);

        // 2,400 saves of 3,000 changes at 100/s can make 80 events a second: one instance making 79 kept up
        JsonNode keptUp = EventCodec.mapper().readTree("""
                {"label":"new","results":{"high":{"targetRatePerSecond":100,"changesOffered":3000,"saves":2400,
                 "throughputEventsPerSecond":79.0}}}""");
        assertTrue(BenchmarkReport.scaleOut(keptUp, two).lines().anyMatch(l -> l.contains("throughput ratio")
                && l.contains("kept up with the 80 saves a second offered")), BenchmarkReport.scaleOut(keptUp, two));
        assertTrue(report.lines().anyMatch(l -> l.contains("cores busy, new x2") && l.contains("1.95 of 2 (the machine"
                + " is the limit")), report);
        assertTrue(report.lines().anyMatch(l -> l.contains("new x2") && l.contains("NOT held (peak 4, 3 answered 429)")),
                report);
        assertTrue(report.lines().anyMatch(l -> l.contains("order") && l.contains("new x2") && l.contains("9 of 10")),
                report);
    }
}
