package io.docketsync.sync.domain;

/** How one write ended: the event Graph holds now (null after a delete), or the failure that ended it. */
public record WriteOutcome(WrittenEvent written, RuntimeException failure) {
    public static WriteOutcome ok(WrittenEvent written) {
        return new WriteOutcome(written, null);
    }

    public static WriteOutcome failed(RuntimeException failure) {
        return new WriteOutcome(null, failure);
    }

    public boolean succeeded() {
        return failure == null;
    }
}
