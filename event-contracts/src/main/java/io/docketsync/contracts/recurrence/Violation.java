package io.docketsync.contracts.recurrence;

/**
 * One thing wrong with a series or one of its exceptions: {@code field} is a path into what was given
 * ({@code pattern.daysOfWeek}, {@code range.endDate}, {@code start}, {@code exceptions[2].originalStart}),
 * {@code message} says what is wrong in words a user can act on.
 */
public record Violation(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
