package io.docketsync.simulator.api;

import io.docketsync.simulator.config.SimulatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The last requests the simulator answered, readable at /_sim/requests (tests and benchmarks count on it). */
@ApplicationScoped
public class RequestLog {
    /** @param time when it was answered; @param millis how long it took to answer (the latency model's wait included) */
    public record Entry(Instant time, String app, String mailbox, String method, String path, int status,
            String requestId, long millis) {
    }

    @Inject
    SimulatorConfig config;

    private final Deque<Entry> entries = new ArrayDeque<>();

    public void record(String method, String path, int status, String app, String mailbox) {
        record(new Entry(Instant.now(), app, mailbox, method, path, status, null, 0));
    }

    public synchronized void record(Entry entry) {
        entries.addLast(entry);
        while (entries.size() > config.requestLogSize()) {
            entries.removeFirst();
        }
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    public synchronized void clear() {
        entries.clear();
    }
}
