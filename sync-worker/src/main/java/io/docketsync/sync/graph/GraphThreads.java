package io.docketsync.sync.graph;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the threads that call Graph are doing, for a warning about a write that stays out: the write stage's
 * ({@code mailbox-write-*}, {@code graph-write-*}) and the reads' ({@code graph-call-*}), those idle in their pool
 * left out. A thread blocked on a mailbox's slots, the connector's token endpoint or an HTTP answer shows where.
 */
public final class GraphThreads {
    /** A mailbox's writes ({@link MailboxWriter}). */
    static final String MAILBOX_WRITE = "mailbox-write-";
    /** A $batch in flight ({@link MailboxWriter}). */
    static final String GRAPH_WRITE = "graph-write-";
    /** The reactive flows' blocking Graph calls ({@link GraphCalendar}). */
    static final String GRAPH_CALL = "graph-call-";
    private static final String[] PREFIXES = {MAILBOX_WRITE, GRAPH_WRITE, GRAPH_CALL};
    private static final int FRAMES = 25;

    private GraphThreads() {
    }

    /** Daemon threads named {@code prefix} and a number: the names {@link #busy()} looks for. */
    static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** One paragraph per busy thread: its name, state and top frames; "none" when all are idle. */
    public static String busy() {
        Map<String, String> dumps = new TreeMap<>();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (ours(thread.getName()) && !idle(stack)) {
                StringBuilder b = new StringBuilder("\n  ").append(thread.getName()).append(" (")
                        .append(thread.getState()).append(')');
                for (int i = 0; i < Math.min(FRAMES, stack.length); i++) {
                    b.append("\n    at ").append(stack[i]);
                }
                dumps.put(thread.getName(), b.toString());
            }
        });
        return dumps.isEmpty() ? " none" : String.join("", dumps.values());
    }

    private static boolean ours(String name) {
        for (String prefix : PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Waiting in its pool for a task: nothing of ours on the stack. */
    private static boolean idle(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().startsWith("io.docketsync.")) {
                return false;
            }
        }
        return true;
    }
}
