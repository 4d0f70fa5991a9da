package io.docketsync.api;

/** One broken input rule, named by the field (JSON name, with an index for list items; or the path or query
 * parameter) it concerns. */
public record Violation(String field, String message) {
}
