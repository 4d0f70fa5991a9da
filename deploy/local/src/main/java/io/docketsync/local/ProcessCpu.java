package io.docketsync.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The processes of a running local platform, by name, and the CPU each has used (Linux /proc). Found from the
 * platform's pid (its home's platform.pid): its descendants are the services (named by {@code
 * -Ddocketsync.local.name=}, or by their module's folder for a platform that does not name them) and Kafka;
 * PostgreSQL's postmaster is found by its port (pg_ctl leaves it no descendant of the platform), its backends by
 * their parent. CPU is utime + stime of /proc/{pid}/stat, plus cutime + cstime (children that ended and were
 * waited for), so PostgreSQL's backends that came and went between two readings are counted in the postmaster's.
 */
final class ProcessCpu {
    private static final Pattern NAMED = Pattern.compile("-Ddocketsync\\.local\\.name=(\\S+)");
    private static final Pattern MODULE = Pattern.compile(".*/([^/\\s]+)/target/quarkus-app/quarkus-run\\.jar.*");
    private static final long TICKS_PER_SECOND = ticksPerSecond();

    private final long platformPid;
    private final int postgresPort;

    ProcessCpu(long platformPid, int postgresPort) {
        this.platformPid = platformPid;
        this.postgresPort = postgresPort;
    }

    static Optional<ProcessCpu> of(Path home, int postgresPort) {
        try {
            long pid = Long.parseLong(Files.readString(home.resolve("platform.pid")).trim());
            return Optional.of(new ProcessCpu(pid, postgresPort));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** Name → pids (several for PostgreSQL: its postmaster first). */
    Map<String, List<Long>> processes() {
        Map<String, List<Long>> out = new TreeMap<>();
        ProcessHandle.of(platformPid).ifPresent(platform -> platform.descendants().forEach(p -> {
            String cmd = commandLine(p.pid());
            Matcher named = NAMED.matcher(cmd);
            Matcher module = MODULE.matcher(cmd);
            String name = named.find() ? named.group(1)
                    : module.matches() ? module.group(1)
                    : cmd.contains("kafka.Kafka") ? "kafka" : null;
            if (name != null) {
                out.computeIfAbsent(name, n -> new ArrayList<>()).add(p.pid());
            }
        }));
        ProcessHandle.allProcesses().filter(this::isPostmaster).findFirst().ifPresent(pm -> {
            List<Long> pids = new ArrayList<>(List.of(pm.pid()));
            pm.children().forEach(c -> pids.add(c.pid()));
            out.put("postgresql", pids);
        });
        return out;
    }

    /**
     * /proc/{pid}/cmdline, arguments joined by spaces; ProcessHandle.Info's commandLine comes back empty for a
     * long one (Kafka's classpath).
     */
    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline"))).replace('\0', ' ');
        } catch (Exception gone) {
            return "";
        }
    }

    private boolean isPostmaster(ProcessHandle p) {
        String cmd = commandLine(p.pid());
        String exe = p.info().command().orElse("");
        String padded = cmd + " ";
        return exe.endsWith("/postgres") && (padded.contains(" -p " + postgresPort + " ")
                || padded.contains("port=" + postgresPort + " "));
    }

    /** Part of the JVMs' CPU (not a process): their JIT compiler threads, the simulator's left out. */
    static final String JIT = "of which JIT compiling (the JVMs' compiler threads)";
    /** Part of the JVMs' CPU (not a process): their garbage collector and VM threads, the simulator's left out. */
    static final String GC = "of which garbage collection (the JVMs' GC and VM threads)";
    /** The rows that are part of the processes' CPU, not more of it. */
    static final List<String> PARTS_IN_ORDER = List.of(JIT, GC);
    static final Set<String> PARTS = Set.copyOf(PARTS_IN_ORDER);

    /**
     * CPU milliseconds used so far by each process (PostgreSQL: all its processes together), and {@link #PARTS}: of
     * all that, what the JVMs spent compiling code and collecting garbage. A phase's CPU on a JVM that has only
     * just started is largely its compiler's; these say how much. Threads are told apart by their names
     * ({@code /proc/{pid}/task/{tid}/comm}); a thread that ended takes its CPU with it, but HotSpot keeps its first
     * compiler thread of each kind and its GC threads for the JVM's life.
     */
    Map<String, Long> cpuMillis() {
        Map<String, Long> out = new LinkedHashMap<>();
        long jit = 0;
        long gc = 0;
        for (var e : processes().entrySet()) {
            out.put(e.getKey(), e.getValue().stream().mapToLong(ProcessCpu::ticks).sum() * 1000 / TICKS_PER_SECOND);
            if (e.getKey().equals("postgresql") || e.getKey().equals("graph-simulator")) {
                continue;
            }
            for (long pid : e.getValue()) {
                long[] parts = jvmThreadTicks(pid);
                jit += parts[0];
                gc += parts[1];
            }
        }
        if (!out.isEmpty()) {
            out.put(JIT, jit * 1000 / TICKS_PER_SECOND);
            out.put(GC, gc * 1000 / TICKS_PER_SECOND);
        }
        return out;
    }

    /** Ticks of a JVM's compiler threads [0] and of its GC and VM threads [1]. */
    private static long[] jvmThreadTicks(long pid) {
        long[] parts = new long[2];
        try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    int kind = threadKind(Files.readString(task.resolve("comm")).trim());
                    if (kind >= 0) {
                        parts[kind] += threadTicks(Files.readString(task.resolve("stat")));
                    }
                } catch (Exception gone) {
                    // the thread ended between the listing and the read
                }
            });
        } catch (Exception gone) {
            // the process ended
        }
        return parts;
    }

    /** 0 for a HotSpot compiler thread, 1 for a GC or VM thread, -1 for any other (names cut at 15 characters). */
    static int threadKind(String name) {
        if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
            return 0;
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")) {
            return 1;
        }
        return -1;
    }

    /** utime + stime of a /proc/{pid}/task/{tid}/stat line (a thread has no children of its own). */
    static long threadTicks(String stat) {
        String[] f = fieldsAfterName(stat);
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** Peak resident memory (VmHWM) in MiB by name (PostgreSQL: the sum over its processes). */
    Map<String, Long> peakMemoryMb() {
        Map<String, Long> out = new LinkedHashMap<>();
        processes().forEach((name, pids) -> out.put(name, pids.stream().mapToLong(ProcessCpu::peakKb).sum() / 1024));
        return out;
    }

    static long ticks(long pid) {
        try {
            return ticks(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")));
        } catch (Exception gone) {
            return 0;
        }
    }

    /** utime + stime + cutime + cstime of a /proc/{pid}/stat line, in clock ticks. */
    static long ticks(String stat) {
        String[] f = fieldsAfterName(stat);
        return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }

    /**
     * The fields of a stat line after the command name, which may hold spaces and parentheses (they are counted after
     * its last ')'): [0] is field 3 (state), so utime (14) is [11], stime [12], cutime [13], cstime [14].
     */
    private static String[] fieldsAfterName(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    }

    static long ticksPerSecondOfThisMachine() {
        return TICKS_PER_SECOND;
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

    private static long ticksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return Long.parseLong(out);
        } catch (Exception e) {
            return 100; // Linux's USER_HZ nearly everywhere
        }
    }

    /** What each process used between two readings, in ms (processes absent from either count what they have). */
    static Map<String, Long> between(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> out = new LinkedHashMap<>();
        after.forEach((name, ms) -> out.put(name, Math.max(0, ms - before.getOrDefault(name, 0L))));
        return out;
    }
}
