package io.docketsync.contracts.recurrence;

/**
 * Graph's {@code patternedRecurrence}: a series' pattern and range. Its JSON is Graph's, field for field and
 * value for value, so the same object is written to an event's {@code recurrence} and read back from it.
 */
public record Recurrence(Pattern pattern, Range range) {

    /** Pattern and range with only the fields their types use (see {@link Pattern#normalized()}). */
    public Recurrence normalized() {
        return new Recurrence(pattern == null ? null : pattern.normalized(), range == null ? null : range.normalized());
    }
}
