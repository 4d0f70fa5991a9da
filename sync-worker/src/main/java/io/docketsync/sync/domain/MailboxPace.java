package io.docketsync.sync.domain;

/**
 * How many requests a {@code $batch} to one mailbox may carry, learnt from Graph's 429s. Graph does not say how much
 * of a mailbox's budget is left, only that it is spent (429 and Retry-After), and the budget comes back a little at
 * a time: a full $batch sent after the Retry-After mostly meets 429s again, each of which counts against the mailbox
 * too (a third of a mass push's requests were refused so). So a pass that meets a 429 makes the mailbox's $batches a
 * quarter smaller, and every batch Graph takes whole makes them half a request larger again, up to the largest
 * (additive increase, multiplicative decrease, the way TCP finds a link's capacity; these two steps gave a push
 * against a sliding budget over 0.9 of its ceiling with a tenth of the requests refused, in a model of that budget
 * and in the benchmark). Mailboxes Graph does not throttle are never held back.
 *
 * <p>Plain Java, no clock of its own: times are the caller's {@code System.nanoTime()}. Thread-safe (one mailbox
 * may be written from two threads).
 */
public final class MailboxPace {
    /** What a 429 leaves of the batch size. */
    static final double DECREASE = 0.75;
    /** What a batch taken whole adds to it. */
    static final double INCREASE = 0.5;

    private final int largest;
    private double size;
    /** 429s to batches sent before this answer an older size: one decrease per size. */
    private long changedAt;
    private boolean changed;

    public MailboxPace(int largest) {
        if (largest < 1) {
            throw new IllegalArgumentException("a batch carries at least one request");
        }
        this.largest = largest;
        this.size = largest;
    }

    /** Requests the mailbox's next $batch may carry: between 1 and the largest. */
    public synchronized int batchSize() {
        return Math.max(1, (int) size);
    }

    /** Whether the mailbox is back to the largest batches (nothing held back). */
    public synchronized boolean unpaced() {
        return size >= largest;
    }

    /**
     * Graph's answer to batches sent at {@code sentAt}: how many of their requests it accepted and how many it
     * refused 429. A 429 makes the batches smaller, unless it answers batches sent before the size last changed.
     */
    public synchronized void answered(long sentAt, int accepted, int throttled, long now) {
        if (accepted < 0 || throttled < 0) {
            throw new IllegalArgumentException("counts are never negative");
        }
        if (throttled > 0) {
            if (!changed || sentAt - changedAt >= 0) { // nanoTime: compare by difference
                size = Math.max(1.0, size * DECREASE);
                changedAt = now;
                changed = true;
            }
        } else if (accepted > 0) {
            size = Math.min(largest, size + INCREASE);
        }
    }
}
