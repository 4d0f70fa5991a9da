package io.docketsync.activity.domain;

/** One broken input rule, named by the field (JSON name, with an index for list items) it concerns. */
public record Violation(String field, String message) {
}
