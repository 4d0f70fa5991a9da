package io.docketsync.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The processes a platform started, written down in its home (pid and start time, one a line), so that when the
 * JVM that started them was killed (SIGKILL leaves no shutdown hook to run) the next start in the same home
 * stops them instead of failing on busy ports or running beside them. The start time guards against a pid
 * the system has since given to an unrelated process.
 */
final class ProcessLedger {
    private static final String FILE = "processes.txt";

    private ProcessLedger() {
    }

    static synchronized void record(Path home, ManagedProcess p) throws IOException {
        ProcessHandle h = p.handle();
        String started = h.info().startInstant().map(Object::toString).orElse("?");
        Files.createDirectories(home);
        Files.writeString(home.resolve(FILE), h.pid() + " " + started + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    static synchronized void reapLeftovers(Path home) throws IOException {
        Path file = home.resolve(FILE);
        if (!Files.exists(file)) {
            return;
        }
        List<String> lines = Files.readAllLines(file);
        for (String line : lines) {
            String[] parts = line.trim().split(" ");
            if (parts.length != 2) {
                continue;
            }
            ProcessHandle.of(Long.parseLong(parts[0])).filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().startInstant().map(Object::toString).orElse("?").equals(parts[1]))
                    .ifPresent(h -> {
                        System.err.println("[docketsync] stopping pid " + h.pid() + ", left running by an earlier run in "
                                + home);
                        h.destroyForcibly();
                    });
        }
        Files.delete(file);
    }

    static synchronized void clear(Path home) throws IOException {
        Files.deleteIfExists(home.resolve(FILE));
    }
}
